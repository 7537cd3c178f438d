"""A team's Team Recovery Implementation Plan: its assets, its TRIP rounds (the benchmarking
conversation opens on its own page), and its three to five co-led priorities. The provider, the
team and the part shown live in the URL, so a refresh resumes in place."""

from __future__ import annotations

import streamlit as st

from pages.kit import context, recorder, routes, terms, ui
from pages.trip import assets as trip_assets
from pages.trip import priorities as trip_priorities
from pages.trip import rounds as trip_rounds

PARTS = {"assets": "1 · Assets", "benchmarks": "2 · Benchmarks", "priorities": "3 · Priorities"}

ui.start_page()
svc = ui.service()
method = svc.definitions.trip
st.title("TRIP: team recovery implementation plan", help=terms.explain("trip", "co-production"))
st.caption(
    "A team, its staff and the people who use it, finds its assets, talks through the "
    "benchmarks and co-leads a few changes. It is a conversation: nothing here adds it up to a "
    "score."
)
with st.expander("How a TRIP works", icon=":material/help:"):
    st.markdown(
        "\n".join(
            f"{n}. **{ui.as_text(c.name)}:** {ui.as_text(c.description)}"
            for n, c in enumerate(method.components, 1)
        )
    )
provider = context.current_provider(svc)
team = context.current_team(svc, provider, whole=False)
actor = recorder.who_is_recording()
if actor is None:
    st.stop()

part = context.url_segments("Part of the TRIP", PARTS, "part", key=f"trip-part:{team.id}")
if part == "assets":
    trip_assets.register(svc, actor, team)
elif part == "benchmarks":
    trip_rounds.rounds(svc, actor, team)
else:
    trip_priorities.priorities(svc, actor, team)
st.page_link(
    routes.TRIP_SUMMARY.path,
    label="The team's TRIP summary",
    icon=":material/summarize:",
    query_params={"org": str(provider.id), "team": str(team.id)},
)
