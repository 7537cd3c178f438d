"""Assessment rounds of a provider: the list, starting a new one, and its details (date,
facilitator, who took part, status). The framework version and scope are fixed once started."""

from __future__ import annotations

from datetime import date

import streamlit as st

from assessments.records import Round
from assessments.rules.errors import ServiceError
from pages.kit import context, routes, ui

ui.start_page()
svc = ui.service()
defs = svc.definitions
st.title("Rounds")

provider = context.current_provider(svc)
teams = {t.id: t for t in svc.providers.teams(provider.id, include_archived=True)}
actor = ui.who_is_recording()

scopes = [None, *[t.id for t in teams.values() if not t.archived]]


def scope_label(team_id: int | None) -> str:
    return (
        f"The whole provider: {provider.name}"
        if team_id is None
        else f"Team: {teams[team_id].name}"
    )


rounds = svc.rounds.rounds(provider.id)
st.subheader("Rounds so far", anchor=False)
shown = st.selectbox(
    "Show the rounds of",
    ["all", *scopes],
    format_func=lambda s: (
        "Everyone: the provider and all its teams" if s == "all" else scope_label(s)
    ),
    key="rounds_shown",
)
if shown != "all":
    rounds = [r for r in rounds if r.team_id == shown]
if not rounds:
    st.info("No rounds yet. Start the first one below.")
scope_of = svc.rounds.scope_names(rounds)
decided = svc.workshop.decided_counts([r.id for r in rounds])
challenges = {ref: len(fw.challenges) for ref, fw in defs.frameworks.items()}
for r in rounds:
    with st.container(border=True):
        st.markdown(f"**{ui.round_label(svc, r, scope_of[r.id])}**")
        st.caption(
            f"Facilitator: {r.facilitator} · {r.people} people took part · "
            f"{decided[r.id]} of {challenges[r.framework]} challenges decided"
            + (" · practice: never compared" if r.practice else "")
        )
        links = st.columns([1, 1, 1, 3])
        links[0].page_link(
            routes.WORKSHOP.path,
            label="Workshop",
            icon=":material/co_present:",
            query_params={"round": str(r.id)},
        )
        links[1].page_link(
            routes.SUMMARY.path,
            label="Summary",
            icon=":material/table_chart:",
            query_params={"round": str(r.id)},
        )
        if actor and links[2].button("Details", key=f"details:{r.id}", icon=":material/edit:"):
            st.session_state["round_details"] = r.id


def edit_details(r: Round) -> None:
    with st.form(f"round_details:{r.id}"):
        st.subheader(f"Details of {ui.round_label(svc, r, scope_of[r.id])}", anchor=False)
        details = ui.round_inputs(
            svc, f"edit:{r.id}", r.held_on, r.facilitator, r.status, r.participants
        )
        if st.form_submit_button("Save details", type="primary"):
            try:
                svc.rounds.update_round(actor, r.id, r.version, **details)
            except ServiceError as error:
                ui.show_error(error)
            else:
                st.session_state.pop("round_details", None)
                st.session_state["rounds_saved"] = "Saved the round's details."
                st.rerun()


chosen = st.session_state.get("round_details")
if actor and chosen in {r.id for r in rounds}:
    edit_details(next(r for r in rounds if r.id == chosen))

if actor:
    st.subheader("Start a round", anchor=False)
    with st.form("new_round"):
        left, right = st.columns(2)
        scope = left.selectbox("Whose round", scopes, format_func=scope_label)
        refs = sorted(defs.frameworks)
        framework = right.selectbox(
            "Framework version",
            refs,
            format_func=lambda ref: defs.frameworks[ref].title,
            help="Fixed for the round, so its ratings are only compared with the same version.",
        )
        details = ui.round_inputs(svc, "new", date.today(), actor.name, "draft", {})
        if st.form_submit_button("Start the round", type="primary", icon=":material/play_arrow:"):
            try:
                created = svc.workshop.create_round(
                    actor, provider.id, team_id=scope, framework=framework, **details
                )
            except ServiceError as error:
                ui.show_error(error)
            else:
                st.switch_page(routes.WORKSHOP.path, query_params={"round": str(created.id)})

note = st.session_state.pop("rounds_saved", None)
if note:
    st.toast(note, icon=":material/check_circle:")
    st.success(note, icon=":material/check_circle:")
