"""A team's TRIP on one page: its assets, how its answers to the benchmarks are spread in each
round and over time, the strengths and ideas it named, and its priorities with their co-leads
and status. A TRIP is a conversation, so nothing here is added up into a score."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from assessments.analytics.trip import profile_over_time, rating_distribution, team_words
from assessments.charts.trip import distribution_figure, profile_figure
from assessments.records.plans import ACTION_STATUSES, PLAN_STATUSES, status_text
from pages.kit import chart, context, printable, round_parts, routes, ui
from pages.trip import priorities as trip_priorities

ui.start_page()
svc = ui.service()
st.title("TRIP summary")
st.caption(
    "What the team has, what it said about each benchmark, and what it is changing. A TRIP is "
    "a conversation: this page shows how the answers are spread and the team's own words, "
    "never a score."
)
provider = context.current_provider(svc)
team = context.current_team(svc, provider, whole=False)
method = svc.definitions.trip


def chart_and_table(figure, table: pd.DataFrame, key: str) -> None:
    left, right = st.columns([3, 2])
    chart.show(figure, key, {"displaylogo": False}, left)
    with right:
        printable.dataframe(table, hide_index=True, width="stretch")


# --- assets ---------------------------------------------------------------------------------
st.header("Assets", anchor=False)
assets = svc.trip.assets(team.id)
if not assets:
    st.info("No assets recorded yet: add them on the TRIP page.")
else:
    kinds = Counter(a.kind for a in assets)
    st.markdown(
        " · ".join(f"**{kinds[k.id]}** {ui.as_text(k.name.lower())}" for k in method.asset_kinds)
    )
    names = {x.id: x.name for x in (*method.asset_kinds, *method.asset_holders)}
    printable.dataframe(
        pd.DataFrame(
            [
                {
                    "Kind": names[a.kind],
                    "Held among": names[a.holder],
                    "Held by": a.held_by,
                    "What": a.what,
                }
                for a in sorted(
                    assets, key=lambda a: [k.id for k in method.asset_kinds].index(a.kind)
                )
            ]
        ),
        hide_index=True,
        width="stretch",
    )

# --- benchmarks -----------------------------------------------------------------------------
st.header("Benchmarks", anchor=False)
rounds = svc.trip.trip_rounds(team.id)
compared = [r for r in rounds if not r.practice]
if len(compared) < len(rounds):
    st.caption("Practice rounds are left out: they are for learning the tool.")
if not compared:
    st.info("No TRIP round yet: start one on the TRIP page, under Benchmarks.")
else:
    bset = svc.trip.benchmark_set_for(team)
    fw = svc.definitions.framework(bset.framework)
    scale = svc.definitions.scales[bset.scale]
    ratings = svc.trip.ratings_of_rounds([r.id for r in compared])
    by_id = {r.id: r for r in compared}
    chosen = st.selectbox(
        "Round",
        list(by_id),
        format_func=lambda i: round_parts.label(svc, by_id[i], team.name),
        key=f"trip-summary-round:{team.id}",
    )
    # A round on another set (the team changed kind) is shown on its own set.
    chosen_set = svc.definitions.benchmark_set(by_id[chosen].framework)
    frame = rating_distribution(fw, chosen_set, scale, ratings[chosen])
    st.subheader("How the answers are spread, challenge by challenge", anchor=False)
    chart_and_table(
        distribution_figure(frame, f"{team.name}: answers on {by_id[chosen].held_on:%d %b %Y}"),
        frame,
        f"trip-spread:{chosen}",
    )
    for field, heading, empty in (
        ("proud", "Strengths the team named", "No strengths were written down in this round."),
        ("next_step", "What the team could do next", "No ideas were written down in this round."),
    ):
        st.subheader(heading, anchor=False)
        words = team_words(fw, chosen_set, ratings[chosen], field)
        if words.empty:
            st.caption(empty)
        else:
            printable.dataframe(words, hide_index=True, width="stretch")
    same_set = [r for r in compared if r.framework == bset.ref]
    st.subheader("The benchmark profile over time", anchor=False)
    if len(same_set) < 2:
        st.caption("A second round on the same benchmarks will show how the answers moved.")
    long = profile_over_time(
        fw,
        bset,
        scale,
        [(r.held_on, ratings[r.id]) for r in sorted(same_set, key=lambda r: r.held_on)],
    )
    chart.show(
        profile_figure(long, f"{team.name}: answers in each round"),
        f"trip-profile:{team.id}",
        {"displaylogo": False},
    )
    with st.expander("The profile as a table"):
        printable.dataframe(long, hide_index=True, width="stretch")

# --- priorities -----------------------------------------------------------------------------
st.header("Priorities", anchor=False)
plans = svc.trip.trip_priorities(team.id)
if not plans:
    st.info("No priorities yet: choose them on the TRIP page, under Priorities.")
else:
    timescales = {t.id: t.name for t in method.timescales}
    due = svc.reviews.due_items(plans)
    rows = []
    for plan in plans:
        content = plan.latest.content
        statuses = Counter(svc.reviews.action_statuses(plan).values())
        rows.append(
            {
                "Priority": trip_priorities.title(svc, plan),
                "Timescale": timescales.get(content.timescale, "—"),
                "Co-leads": trip_priorities.co_leads(plan).removeprefix("Co-led by "),
                "Status": PLAN_STATUSES[plan.status]
                + (
                    f", agreed {ui.day(plan.latest.signed_on)}" if plan.latest.signed else ", draft"
                ),
                "Actions": ", ".join(
                    f"{statuses[s]} {status_text(s)}" for s in ACTION_STATUSES if statuses[s]
                )
                or "—",
                "Next review": ui.day(svc.reviews.next_review_due(plan)) if plan.open else "—",
                "Overdue": " ".join(due.get(plan.id, [])) or "—",
            }
        )
    printable.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.page_link(
    routes.TRIP.path,
    label="Back to the team's TRIP",
    icon=":material/groups:",
    query_params={"org": str(provider.id), "team": str(team.id)},
)
