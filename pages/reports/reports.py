"""Reports: the board report as an Excel workbook, built when asked with its progress shown,
for a team, a provider, or every provider and team; and team files, one team's whole record
as readable YAML, to send or to import."""

from __future__ import annotations

import streamlit as st

from exports.board_report import ReportScope, ScopeError, build_report, report_filename
from exports.file_names import file_name
from exports.team_file import (
    ImportResult,
    Refused,
    import_sent_file,
    provider_files,
    team_file,
)
from pages.kit import context, recorder, routes, ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHAT = {"provider": "A provider, or one of its teams", "portfolio": "Every provider and team"}

ui.start_page()
svc = ui.service()
st.title("Reports")


def board_report() -> None:
    st.header("Board report", anchor=False)
    st.caption(
        "An Excel workbook: the summary first, then Template A (with any moderated rating), a "
        "Template B for each open priority, progress charts, TRIP, teams by their TRIP, "
        "commissioners' measures, and tidy data sheets for analysts; for every provider, a "
        "comparison of providers (never of teams). It prints landscape, one page wide, with the "
        "scope and date on every page."
    )
    if svc.providers.is_empty():
        st.info("There are no providers yet: import a team's file below, or load the demo on Home.")
        return
    what = context.url_segments(
        "What the report covers", WHAT, "covers", key="report-covers", label_visibility="visible"
    )
    if what == "portfolio":
        scope, name = ReportScope("portfolio"), "All providers and teams"
        st.caption(
            "Every live provider's latest agreed provider-wide Template A round, on the framework "
            "version most rounds used, and every team by its TRIP. Group views are left out, so "
            "no small group's count leaves the tool."
        )
    else:
        provider = context.current_provider(svc)
        team = context.current_team(svc, provider)
        scope = ReportScope("team", team.id) if team else ReportScope("org", provider.id)
        name = team.name if team else provider.name
    built = st.session_state.get("report")
    if st.button("Build the report", type="primary", icon=":material/table_view:"):
        bar = st.progress(0.0, text="Starting")
        try:
            data = build_report(svc, scope, progress=lambda share, step: bar.progress(share, step))
        except ScopeError as exc:
            st.error(str(exc))
            return
        finally:
            bar.empty()
        built = (str(scope), report_filename(name, svc.today()), data)
        st.session_state["report"] = built
    if built and built[0] == str(scope):
        st.success(f"The report is ready: {ui.as_text(built[1])}.", icon=":material/check_circle:")
        st.download_button(
            f"Download {built[1]}",
            data=built[2],
            file_name=built[1],
            mime=XLSX,
            icon=":material/download:",
            on_click="ignore",  # downloading changes nothing on the page
        )


def team_files() -> None:
    st.header("Team files", anchor=False)
    st.caption(
        "One team's whole record as a YAML file a person can read: its rounds, plans, reviews "
        "and TRIP. A provider sends it to its commissioner, or keeps it as a backup. Import "
        "several at once, or a provider's zip of them: each file is checked whole, and one "
        "with a problem imports nothing while the others still do. A later file from the same "
        "team brings the reviews, figures and versions added since."
    )
    send, receive = st.columns(2, gap="large")
    with send:
        st.subheader("Send team files", anchor=False)
        send_file()
    with receive:
        st.subheader("Import team files", anchor=False)
        receive_file()


def send_file() -> None:
    teams = {t.id: t for t in svc.providers.teams()}
    if not teams:
        st.caption("There are no teams yet.")
        return
    providers = {o.id: o.name for o in svc.providers.organisations(include_archived=True)}
    chosen = st.selectbox(
        "Team",
        list(teams),
        format_func=lambda i: f"{teams[i].name} ({providers[teams[i].organisation_id]})",
        key="file-team",
    )
    st.download_button(
        "Download the team's file",
        # Written when clicked: a team's whole record is read only when someone wants it.
        data=lambda: team_file(svc, chosen),
        file_name=file_name("team-file", teams[chosen].name, svc.today(), "yaml"),
        mime="application/yaml",
        icon=":material/download:",
        on_click="ignore",
    )
    provider_id = teams[chosen].organisation_id
    count = sum(t.organisation_id == provider_id for t in teams.values())
    if count > 1:
        st.download_button(
            f"Download every team of this provider ({count} files, .zip)",
            data=lambda: provider_files(svc, provider_id),
            file_name=file_name("team-files", providers[provider_id], svc.today(), "zip"),
            mime="application/zip",
            icon=":material/folder_zip:",
            on_click="ignore",
        )


def receive_file() -> None:
    actor = recorder.who_is_recording()
    if actor is None:
        return
    uploads = st.file_uploader(
        "Team files (.yaml, or a .zip of them)",
        type=["yaml", "yml", "zip"],
        accept_multiple_files=True,
        key="file-upload",
    )

    def check_and_import() -> None:
        # In the button's callback, so the whole page is drawn after the import, with the
        # new providers and teams already in its lists.
        st.session_state["file-imported"] = [
            outcome
            for upload in uploads
            for outcome in import_sent_file(svc, actor, upload.name, upload.getvalue())
        ]

    # A refusal shown under the button is one the file's checks did not foresee.
    ui.submit("Check and import", "file-import", check_and_import, disabled=not uploads)
    outcomes = st.session_state.pop("file-imported", [])
    refused = sum(isinstance(outcome, Refused) for outcome in outcomes)
    if len(outcomes) > 1:
        st.markdown(
            f"**{len(outcomes) - refused} of {len(outcomes)} files imported.**"
            + (f" Refused: {refused}, each with its problems below." if refused else "")
        )
    for outcome in outcomes:
        if isinstance(outcome, Refused):
            st.markdown(f"**{ui.as_text(outcome.name)}**")
            ui.show_error(outcome.error)
        else:
            show_import(outcome.result)
    if refused < len(outcomes):
        # A team is seen in the portfolio by its TRIP, never on Template A stages.
        st.page_link(
            routes.PORTFOLIO.path,
            label="Open the portfolio's teams by their TRIP",
            icon=":material/grid_view:",
            query_params={"view": "trip"},
        )


def show_import(result: ImportResult) -> None:
    said = f"**{ui.as_text(result.team)}** ({ui.as_text(result.provider)})\n\n" + "\n".join(
        f"- {ui.as_text(outcome)}" for outcome in result.outcomes()
    )
    if result.left:  # some of this store's own changes were kept over the file's
        st.warning(said, icon=":material/warning:")
    else:
        st.success(said, icon=":material/check_circle:")


board_report()
team_files()
