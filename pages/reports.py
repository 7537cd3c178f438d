"""Reports: the board report as an Excel workbook, built when asked with its progress shown,
for a team, a provider, or every provider and team."""

from __future__ import annotations

import streamlit as st

from exports.excel import ReportScope, ScopeError, build_report, report_filename
from pages import ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHAT = {"provider": "A provider, or one of its teams", "portfolio": "Every provider and team"}

ui.start_page()
svc = ui.service()
st.title("Reports")
st.caption(
    "A board report in Excel: the summary first, then Template A, a Template B for each open "
    "priority, progress charts, TRIP, a comparison of teams and tidy data sheets for analysts. "
    "It prints landscape, one page wide, with the scope and date on every page."
)

st.header("Board report", anchor=False)
what = st.segmented_control(
    "What the report covers",
    list(WHAT),
    default=ui.url_choice("covers", list(WHAT), "provider"),
    format_func=WHAT.get,
    required=True,
    key="report-covers",
    on_change=lambda: st.query_params.update(covers=st.session_state["report-covers"]),
)
if what == "portfolio":
    scope = ReportScope("portfolio")
    name = "All providers and teams"
    st.caption(
        "Every live team's latest agreed Template A round, on the framework version most "
        "rounds used. Group views are left out, so no small group's count leaves the tool."
    )
else:
    provider = ui.current_provider(svc)
    team = ui.current_team(svc, provider)
    scope = ReportScope("team", team.id) if team else ReportScope("org", provider.id)
    name = team.name if team else provider.name

built = st.session_state.get("report")
if st.button("Build the report", type="primary", icon=":material/table_view:"):
    bar = st.progress(0.0, text="Starting")
    try:
        data = build_report(svc, scope, progress=lambda share, step: bar.progress(share, step))
    except ScopeError as exc:
        bar.empty()
        st.error(str(exc))
        st.stop()
    bar.empty()
    built = (str(scope), report_filename(name, svc.today()), data)
    st.session_state["report"] = built
if built and built[0] == str(scope):
    st.success(f"The report is ready: {built[1]}.", icon=":material/check_circle:")
    st.download_button(
        f"Download {built[1]}",
        data=built[2],
        file_name=built[1],
        mime=XLSX,
        icon=":material/download:",
        on_click="ignore",  # downloading changes nothing on the page
    )
