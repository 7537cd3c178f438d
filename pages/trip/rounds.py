"""A team's TRIP rounds: each benchmarking conversation so far with how far it got, and starting
a new one on the benchmark set of the team's kind."""

from __future__ import annotations

import streamlit as st

from assessments.records import Actor, Team
from assessments.service import Service
from pages.kit import page_script, round_parts, routes, ui


def rounds(svc: Service, actor: Actor, team: Team) -> None:
    bset = svc.trip.benchmark_set_for(team)
    found = svc.trip.trip_rounds(team.id)
    st.header("Benchmarking rounds", anchor=False)
    st.caption(
        f"{ui.as_text(team.name)} uses the {ui.as_text(bset.title.lower())} "
        f"({len(bset.statements)} statements in {len(bset.groups)} groups), chosen by its kind "
        "of team."
    )
    if not found:
        st.info("No TRIP round yet. Start the first below, then talk the statements through.")
    talked = svc.trip.ratings_of_rounds([r.id for r in found])
    for r in found:
        done = sum(rating.talked_through for rating in talked[r.id].values())
        with st.container(border=True):
            st.markdown(f"**{ui.as_text(round_parts.label(svc, r, team.name))}**")
            st.caption(
                f"Facilitator: {ui.as_text(r.facilitator)} · {r.people} people took part · "
                f"{done} of {len(talked[r.id])} statements talked through"
                + (" · practice: never compared" if r.practice else "")
            )
            st.page_link(
                routes.TRIP_BENCHMARKS.path,
                label="Open the conversation",
                icon=":material/forum:",
                query_params={"round": str(r.id)},
            )
    form = round_parts.details_form(svc, f"trip-new:{team.id}")
    start = round_parts.values(svc, None, actor.name)

    def start_round() -> None:
        created = svc.trip.create_trip_round(actor, team.id, **round_parts.details(svc, form))
        form.saved(0, start)
        st.session_state["trip-round-started"] = created.id
        st.session_state[page_script.MOVED] = True  # the focus on the first challenge there

    with form.showing("new", 0, start), st.container(border=True):
        st.markdown("**Start a TRIP round**")
        round_parts.inputs(svc, form)
        ui.submit(
            "Start the round",
            f"trip-new:{team.id}:start",
            start_round,
            icon=":material/play_arrow:",
        )
    started = st.session_state.pop("trip-round-started", None)
    if started is not None:
        st.switch_page(routes.TRIP_BENCHMARKS.path, query_params={"round": str(started)})
