"""Entry point: page setup and navigation only. Every screen lives in pages/, every page's
file and title in pages/kit/routes.py."""

import os
from pathlib import Path

import streamlit as st

from pages.kit import access, page_script, routes, ui
from pages.kit.stored_form import drew_forms, run_completed, runs

st.set_page_config(
    page_title=ui.APP_NAME,  # each page's own title once the navigation knows the page
    # A file, not a named icon: Streamlit fetches those from the internet, which a trust
    # laptop in a workshop often cannot reach.
    page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
    layout="wide",
    initial_sidebar_state="collapsed",
)

sections = {
    section: [
        st.Page(
            route.path,
            title=route.title,
            icon=route.icon,
            url_path=route.url_path,
            default=route.url_path is None,
        )
        for route in pages
    ]
    for section, pages in routes.SECTIONS.items()
}
sections[""] += [
    st.Page(
        route.path,
        title=route.title,
        icon=route.icon,
        url_path=route.url_path,
        visibility="hidden",
    )
    for route in routes.HIDDEN
]
if os.environ.get("RECOVERY_BENCHMARK_PAGE") == "1":
    # `python -m benchmarks browser` times this bare page as its floor, on this same server.
    sections["Bench"] = [st.Page("benchmarks/bare_page.py", url_path="bare", visibility="hidden")]

svc = ui.service()
with ui.screen_read():  # every read of the run, who is signed in included, in one transaction
    allowed, account = access.admitted(svc)
    st.session_state["account"] = account  # whom every save names (pages/kit/recorder)
    # position="top": the whole width is for the content when projected at 1024x768. Hidden
    # from a run not admitted, which is shown the sign-in form (or why nothing is) instead.
    navigation = st.navigation(sections, position="top" if allowed else "hidden")
    if allowed:
        ui.page_title(navigation.title)
    if not allowed:
        st.markdown(ui.STYLE, unsafe_allow_html=True)  # the pages' styling, on the sign-in too
        access.turn_away(svc)
    access.who_line(svc, account)  # above every page: nothing can be drawn after an st.stop()
    try:
        navigation.run()
    except Exception:  # a fault, never shown as a traceback (st.stop and st.rerun pass through)
        ui.failed()
if drew_forms():
    page_script.keep_typing_on_leaving(runs())
# Reached only when the page ran to its end: the point where Streamlit drops undrawn widgets.
run_completed()
