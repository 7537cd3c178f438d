"""Providers (trusts, voluntary sector, local authority services) and their teams: add, rename,
archive or restore (history is never deleted), and import a team list from a CSV file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records import ORGANISATION_KINDS
from assessments.rules.errors import ServiceError
from pages.kit import context, ui

SAMPLE_CSV = "name,team_type,locality\nRiverside CMHT,cmht,Northfield East\n"

ui.start_page()
svc = ui.service()
types = {t.id: t for t in svc.definitions.team_types}
st.title("Providers and teams")
actor = ui.who_is_recording()


def saved(message: str) -> None:
    st.session_state["providers_saved"] = message
    st.rerun()


if actor:
    with (
        st.expander("Add a provider", icon=":material/add_business:"),
        st.form("new_provider", clear_on_submit=True),
    ):
        left, right = st.columns([2, 1])
        name = left.text_input("Name of the provider", max_chars=200)
        kind = right.selectbox("Kind", list(ORGANISATION_KINDS), format_func=ORGANISATION_KINDS.get)
        if st.form_submit_button("Add the provider", type="primary"):
            try:
                created = svc.providers.create_organisation(actor, name, kind)
            except ServiceError as error:
                ui.show_error(error)
            else:
                st.query_params["org"] = str(created.id)
                saved(f"Added {created.name}.")

provider = context.current_provider(svc)

if actor:
    with st.expander("Rename or archive this provider", icon=":material/edit:"):
        with st.form(f"provider:{provider.id}"):
            left, right = st.columns([2, 1])
            name = left.text_input("Name", value=provider.name, max_chars=200)
            kinds = list(ORGANISATION_KINDS)
            kind = right.selectbox(
                "Kind", kinds, index=kinds.index(provider.kind), format_func=ORGANISATION_KINDS.get
            )
            if st.form_submit_button("Save", type="primary"):
                try:
                    svc.providers.update_organisation(
                        actor, provider.id, provider.version, name=name, kind=kind
                    )
                except ServiceError as error:
                    ui.show_error(error)
                else:
                    saved("Saved the provider.")
        st.caption("Archiving hides the provider from lists and new rounds. Nothing is deleted.")
        if st.button("Archive this provider", key="archive_provider", icon=":material/archive:"):
            try:
                svc.providers.set_organisation_archived(actor, provider.id, provider.version, True)
            except ServiceError as error:
                ui.show_error(error)
            else:
                st.query_params.pop("org", None)
                saved(f"Archived {provider.name}. Its history is kept.")

st.subheader(f"Teams of {provider.name}", anchor=False)
show_archived = st.toggle("Show archived teams", key="show_archived")
teams = svc.providers.teams(provider.id, include_archived=show_archived)
if teams:
    st.dataframe(
        pd.DataFrame(
            {
                "Team": [t.name for t in teams],
                "Type": [
                    types[t.team_type].name if t.team_type in types else t.team_type for t in teams
                ],
                "Locality": [t.locality for t in teams],
                "Status": ["Archived" if t.archived else "Current" for t in teams],
            }
        ),
        hide_index=True,
    )
else:
    st.info("No teams yet: add them one by one or import a list.")

if actor:
    add, edit, upload = st.tabs(["Add a team", "Change a team", "Import a list"])
    with add, st.form("new_team", clear_on_submit=True):
        left, middle, right = st.columns([2, 2, 1.5])
        name = left.text_input("Team name", max_chars=200)
        team_type = middle.selectbox("Team type", list(types), format_func=lambda t: types[t].name)
        locality = right.text_input("Locality", max_chars=200)
        if st.form_submit_button("Add the team", type="primary"):
            try:
                team = svc.providers.create_team(actor, provider.id, name, team_type, locality)
            except ServiceError as error:
                ui.show_error(error)
            else:
                saved(f"Added {team.name}.")
    with edit:
        every = {t.id: t for t in svc.providers.teams(provider.id, include_archived=True)}
        chosen = st.selectbox(
            "Team",
            list(every),
            index=None,
            key="team_to_change",
            format_func=lambda i: every[i].name + (" (archived)" if every[i].archived else ""),
            placeholder="Choose a team",
        )
        if chosen is not None:
            team = every[chosen]
            with st.form(f"team:{team.id}"):
                left, middle, right = st.columns([2, 2, 1.5])
                name = left.text_input("Team name", value=team.name, max_chars=200)
                ids = list(types)
                team_type = middle.selectbox(
                    "Team type",
                    ids,
                    index=ids.index(team.team_type),
                    format_func=lambda t: types[t].name,
                )
                locality = right.text_input("Locality", value=team.locality, max_chars=200)
                if st.form_submit_button("Save the team", type="primary"):
                    try:
                        svc.providers.update_team(
                            actor,
                            team.id,
                            team.version,
                            name=name,
                            team_type=team_type,
                            locality=locality,
                        )
                    except ServiceError as error:
                        ui.show_error(error)
                    else:
                        saved(f"Saved {name.strip()}.")
            label = "Restore this team" if team.archived else "Archive this team"
            if st.button(label, key=f"archive_team:{team.id}", icon=":material/archive:"):
                try:
                    svc.providers.set_team_archived(actor, team.id, team.version, not team.archived)
                except ServiceError as error:
                    ui.show_error(error)
                else:
                    done = "Restored" if team.archived else "Archived"
                    saved(f"{done} {team.name}. Its rounds are kept.")
    with upload:
        st.markdown(
            "A CSV file with a header row: **name**, **team_type** (the id or the name of a team "
            "type) and, if you like, **locality**. If any row has a problem, nothing is imported "
            "and every problem is listed."
        )
        st.download_button(
            "Download an example file", SAMPLE_CSV, file_name="teams-example.csv", mime="text/csv"
        )
        uploaded = st.file_uploader("Team list (CSV)", type=["csv"], key="team_csv")
        if uploaded is not None and st.button(
            "Import the teams", type="primary", key="import_teams"
        ):
            try:
                created = svc.providers.import_teams(actor, provider.id, uploaded.getvalue())
            except ServiceError as error:
                ui.show_error(error)
            else:
                saved(f"Imported {len(created)} teams.")
        with st.expander("Team types you can use"):
            st.dataframe(
                pd.DataFrame({"team_type": list(types), "Name": [t.name for t in types.values()]}),
                hide_index=True,
            )

note = st.session_state.pop("providers_saved", None)
if note:
    st.success(note, icon=":material/check_circle:")
    st.toast(note, icon=":material/check_circle:")
