"""A team's TRIP rounds: each benchmarking conversation so far with how far it got, and starting
a new one on the benchmark set of the team's kind."""

from __future__ import annotations

import streamlit as st

from assessments.records import Actor, Team
from assessments.rules.errors import ServiceError
from assessments.service import Service
from pages.kit import routes, ui


def rounds(svc: Service, actor: Actor, team: Team) -> None:
    bset = svc.trip.benchmark_set_for(team)
    found = svc.trip.trip_rounds(team.id)
    st.subheader("Benchmarking rounds", anchor=False)
    st.caption(
        f"{team.name} uses the {bset.title.lower()} ({len(bset.statements)} statements in "
        f"{len(bset.groups)} groups), chosen by its kind of team."
    )
    if not found:
        st.info("No TRIP round yet. Start the first below, then talk the statements through.")
    talked = svc.trip.ratings_of_rounds([r.id for r in found])
    for r in found:
        done = sum(rating.talked_through for rating in talked[r.id].values())
        with st.container(border=True):
            st.markdown(f"**{ui.round_label(svc, r, team.name)}**")
            st.caption(
                f"Facilitator: {r.facilitator} · {r.people} people took part · {done} of "
                f"{len(talked[r.id])} statements talked through"
                + (" · practice: never compared" if r.practice else "")
            )
            st.page_link(
                routes.TRIP_BENCHMARKS.path,
                label="Open the conversation",
                icon=":material/forum:",
                query_params={"round": str(r.id)},
            )
    with st.form(f"trip-round:{team.id}"):
        st.markdown("**Start a TRIP round**")
        details = ui.round_inputs(svc, f"trip-new:{team.id}", svc.today(), actor.name, "draft", {})
        pressed = st.form_submit_button(
            "Start the round", type="primary", icon=":material/play_arrow:"
        )
    if pressed:
        try:
            created = svc.trip.create_trip_round(actor, team.id, **details)
        except ServiceError as error:
            ui.show_error(error)
        else:
            st.switch_page(routes.TRIP_BENCHMARKS.path, query_params={"round": str(created.id)})
