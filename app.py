"""Entry point: page setup and navigation only. Every screen lives in pages/."""

import os
from pathlib import Path

import streamlit as st

from pages.kit.stored_form import run_completed

st.set_page_config(
    page_title="Recovery self-assessment",
    # A file, not a named icon: Streamlit fetches those from the internet, which a trust
    # laptop in a workshop often cannot reach.
    page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
    layout="wide",
    initial_sidebar_state="collapsed",
)

# Sections follow the methodology's order; at 1024 px every one fits on the top bar.
navigation = st.navigation(
    {
        "": [
            st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
            st.Page(
                "pages/the_framework.py",
                title="The framework",
                icon=":material/menu_book:",
                url_path="framework",
            ),
            st.Page(
                "pages/providers.py",
                title="Providers and teams",
                icon=":material/domain:",
                url_path="providers",
            ),
            st.Page("pages/rounds.py", title="Rounds", icon=":material/event:", url_path="rounds"),
        ],
        "Template A": [
            st.Page(
                "pages/workshop.py",
                title="Workshop",
                icon=":material/co_present:",
                url_path="workshop",
            ),
            st.Page(
                "pages/summary.py",
                title="Template A summary",
                icon=":material/table_chart:",
                url_path="summary",
            ),
        ],
        "Template B": [
            st.Page(
                "pages/plans.py", title="Action plans", icon=":material/flag:", url_path="plans"
            ),
            st.Page(
                "pages/plan.py", title="Template B", icon=":material/assignment:", url_path="plan"
            ),
        ],
        "TRIP": [
            st.Page("pages/trip.py", title="TRIP", icon=":material/groups:", url_path="trip"),
            st.Page(
                "pages/trip_benchmarks.py",
                title="Benchmarks",
                icon=":material/forum:",
                url_path="trip-benchmarks",
            ),
            st.Page(
                "pages/trip_summary.py",
                title="TRIP summary",
                icon=":material/summarize:",
                url_path="trip-summary",
            ),
        ],
        "Reports": [
            st.Page(
                "pages/portfolio.py",
                title="Portfolio",
                icon=":material/grid_view:",
                url_path="portfolio",
            ),
            st.Page(
                "pages/reports.py",
                title="Board report and files",
                icon=":material/download:",
                url_path="reports",
            ),
        ],
        # `python -m benchmarks browser` times this bare page as its floor, on this same server.
        **(
            {"Bench": [st.Page("benchmarks/bare_page.py", url_path="bare", visibility="hidden")]}
            if os.environ.get("RECOVERY_BENCHMARK_PAGE") == "1"
            else {}
        ),
    },
    position="top",  # the whole width is for the content when projected at 1024x768
)
navigation.run()
# Reached only when the page ran to its end: the point where Streamlit drops undrawn widgets.
run_completed()
