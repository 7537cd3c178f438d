"""Providers (trusts, voluntary sector, local authority services) and their teams: add, rename,
archive or restore (history is never deleted), and import a team list from a CSV file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records import ORGANISATION_KINDS
from assessments.rules.permissions import Do
from pages.kit import context, printable, recorder, ui
from pages.kit.stored_form import StoredForm

SAMPLE_CSV = "name,team_type,locality\nRiverside CMHT,cmht,Northfield East\n"

ui.start_page()
svc = ui.service()
types = {t.id: t for t in svc.definitions.team_types}
st.title("Providers and teams")
# Providers and teams are an administrator's to change; anyone else here reads them.
actor = recorder.who_is_recording() if svc.may(Do.MANAGE_PROVIDERS) else None
if not svc.may(Do.MANAGE_PROVIDERS):
    st.caption("An administrator adds and changes providers and teams; here you read them.")


def provider_fields(form: StoredForm, name_label: str) -> None:
    left, right = st.columns([2, 1])
    left.text_input(name_label, max_chars=200, **form.bind("name"))
    right.selectbox(
        "Kind", list(ORGANISATION_KINDS), format_func=ORGANISATION_KINDS.get, **form.bind("kind")
    )


def show(provider_id: int | None) -> None:
    """From a callback: open `provider_id` (None: the first) when the page is drawn again."""
    st.session_state.pop("provider_picker", None)
    st.query_params.pop("org", None)
    if provider_id is not None:
        st.session_state["provider_picker"] = provider_id
        st.query_params["org"] = str(provider_id)


if actor:
    with st.expander("Add a provider", icon=":material/add_business:"):
        adding = StoredForm("new-provider", ("name", "kind"))
        empty = {"name": "", "kind": next(iter(ORGANISATION_KINDS))}

        def add_provider() -> None:
            created = svc.providers.create_organisation(actor, **adding.typed())
            adding.saved(0, empty)
            show(created.id)
            ui.tell("providers_saved", f"Added {created.name}.")

        with adding.showing("new", 0, empty):
            provider_fields(adding, "Name of the provider")
            ui.submit("Add the provider", "new-provider:add", add_provider, icon=":material/add:")

provider = context.current_provider(svc)

if actor:
    with st.expander("Rename or archive this provider", icon=":material/edit:"):
        changing = StoredForm("provider", ("name", "kind"))

        def save_provider(version: int) -> tuple[int, dict]:
            saved = svc.providers.update_organisation(
                actor, provider.id, version, **changing.typed()
            )
            return saved.version, {"name": saved.name, "kind": saved.kind}

        def provider_now() -> tuple[int, dict]:
            now = svc.providers.organisation(provider.id)
            return now.version, {"name": now.name, "kind": now.kind}

        def archive_provider() -> None:
            svc.providers.set_organisation_archived(actor, provider.id, provider.version, True)
            show(None)
            ui.tell("providers_saved", f"Archived {provider.name}. Its history is kept.")

        stored = {"name": provider.name, "kind": provider.kind}
        with changing.showing(provider.id, provider.version, stored):
            provider_fields(changing, "Name")
            ui.save_button(
                changing,
                "Save",
                "provider:save",
                save_provider,
                provider_now,
                lambda: ui.tell("providers_saved", "Saved the provider."),
            )
        st.caption("Archiving hides the provider from lists and new rounds. Nothing is deleted.")
        ui.submit(
            "Archive this provider",
            "provider:archive",
            archive_provider,
            icon=":material/archive:",
            primary=False,
        )

st.header(f"Teams of {ui.as_text(provider.name)}", anchor=False)
show_archived = st.toggle("Show archived teams", key="show_archived")
teams = svc.providers.teams(provider.id, include_archived=show_archived)
if teams:
    printable.dataframe(
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

TEAM_FIELDS = ("name", "team_type", "locality")


def team_fields(form: StoredForm) -> None:
    left, middle, right = st.columns([2, 2, 1.5])
    left.text_input("Team name", max_chars=200, **form.bind("name"))
    middle.selectbox(
        "Team type", list(types), format_func=lambda t: types[t].name, **form.bind("team_type")
    )
    right.text_input("Locality", max_chars=200, **form.bind("locality"))


def add_team_form() -> None:
    form = StoredForm(f"new-team:{provider.id}", TEAM_FIELDS)
    empty = {"name": "", "team_type": next(iter(types)), "locality": ""}

    def add() -> None:
        team = svc.providers.create_team(actor, provider.id, **form.typed())
        form.saved(0, empty)
        ui.tell("providers_saved", f"Added {team.name}.")

    with form.showing("new", 0, empty):
        team_fields(form)
        ui.submit("Add the team", "new-team:add", add, icon=":material/add:")


def change_team_form(team) -> None:
    form = StoredForm("team", TEAM_FIELDS)

    def save(version: int) -> tuple[int, dict]:
        saved = svc.providers.update_team(actor, team.id, version, **form.typed())
        ui.tell("providers_saved", f"Saved {saved.name}.")
        return saved.version, {name: getattr(saved, name) for name in TEAM_FIELDS}

    def team_now() -> tuple[int, dict]:
        now = svc.providers.team(team.id)
        return now.version, {name: getattr(now, name) for name in TEAM_FIELDS}

    def archive() -> None:
        svc.providers.set_team_archived(actor, team.id, team.version, not team.archived)
        done = "Restored" if team.archived else "Archived"
        ui.tell("providers_saved", f"{done} {team.name}. Its rounds are kept.")

    with form.showing(team.id, team.version, {name: getattr(team, name) for name in TEAM_FIELDS}):
        team_fields(form)
        ui.save_button(form, "Save the team", "team:save", save, team_now)
    label = "Restore this team" if team.archived else "Archive this team"
    ui.submit(label, "team:archive", archive, icon=":material/archive:", primary=False)


def import_teams() -> None:
    created = svc.providers.import_teams(
        actor, provider.id, st.session_state["team_csv"].getvalue()
    )
    ui.tell("providers_saved", f"Imported {len(created)} teams.")


if actor:
    add, edit, upload = st.tabs(["Add a team", "Change a team", "Import a list"])
    with add:
        add_team_form()
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
            change_team_form(every[chosen])
    with upload:
        st.markdown(
            "A CSV file with a header row: **name**, **team_type** (the id or the name of a team "
            "type) and, if you like, **locality**. If any row has a problem, nothing is imported "
            "and every problem is listed."
        )
        st.download_button(
            "Download an example file", SAMPLE_CSV, file_name="teams-example.csv", mime="text/csv"
        )
        if st.file_uploader("Team list (CSV)", type=["csv"], key="team_csv") is not None:
            ui.submit("Import the teams", "import_teams", import_teams, icon=":material/upload:")
        with st.expander("Team types you can use"):
            printable.dataframe(
                pd.DataFrame({"team_type": list(types), "Name": [t.name for t in types.values()]}),
                hide_index=True,
            )

ui.show_told("providers_saved")
