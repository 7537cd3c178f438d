"""Teams by their TRIP, a part of the commissioner's portfolio page: how many teams have a
current TRIP, a chart of teams by status, and a table of every team's TRIP (its last round and
review, the next review and whether it is overdue, priorities open and co-led, assets, and how
its answers moved since the round before), with a link to each team's TRIP summary.

Teams are compared by their TRIP, never ranked on Template A stages, and a TRIP is never one
score: the table is in provider and team order, and nothing here sorts by a count.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.analytics import trip_status as ts
from assessments.charts.trip_status import teams_by_status_figure
from assessments.records.portfolio import PortfolioFilters
from assessments.records.trip_status import MOVES, TALKED_THROUGH
from assessments.service import Service
from pages.kit import chart, printable, routes, ui
from pages.portfolio import grid

CHART = {"displayModeBar": False}
DATE = "DD/MM/YYYY"
NOTHING_YET = "–"  # a date or count there is none of yet: no round, review or round before


def show(svc: Service, filters: PortfolioFilters) -> None:
    """The teams `filters` choose (providers, team types, localities; a TRIP has no framework
    version, and its status is today's, so the filters' version and dates do not apply)."""
    records = ui.kept(svc.trip_status.teams_by_trip, filters)
    st.header("Teams by their TRIP", anchor=False)
    st.caption(
        f"A team's TRIP is **current** when it held a TRIP round, or reviewed one of its TRIP "
        f"priorities, in the last {records.months} months (since "
        f"{records.current_since:%d/%m/%Y}); **lapsed** when it has held one but nothing since; "
        "**None** when it has held none. The months are this tool's threshold: the method asks "
        "only that priorities are reviewed regularly. Practice rounds never count. A TRIP is a "
        "conversation, never a score: teams are listed by provider and name, never ranked."
    )
    if records.teams.empty:
        st.info("No team in these filters.")
        return
    st.markdown(f"**{ts.current_trips(records).sentence}.**")
    counts = ts.status_counts(records)
    chart.show(teams_by_status_figure(counts), "pf-trip-chart", CHART)
    with st.expander("The chart as a table"):
        printable.dataframe(counts, hide_index=True)
    table = ts.status_table(records)
    one_provider = table["Provider"].nunique() == 1
    # What a commissioner reads first, beside the team's name; where the team is, last.
    first = ["Team", "TRIP status", "Last TRIP round", "Last review", "Next review"]
    last = ["Provider", "Type", "Locality"]
    printable.dataframe(
        table,
        hide_index=True,
        column_order=[*first, *(c for c in table.columns if c not in first + last), *last],
        row_height=grid.ROW_HEIGHT,
        height=grid.height(len(table)),
        placeholder=NOTHING_YET,
        key="pf-trip-teams",
        column_config={
            "Team": st.column_config.TextColumn(pinned=True),
            "Provider": None if one_provider else st.column_config.TextColumn(),
            **{
                column: st.column_config.DateColumn(format=DATE)
                for column in ("Last TRIP round", "Last review", "Next review", "Round before")
            },
            "Review overdue": st.column_config.TextColumn(
                help="Whether the review of an open TRIP priority is past its date."
            ),
            "Co-led": st.column_config.NumberColumn(
                help="Open priorities with both co-leads named: a member of staff and a "
                "person who uses the service."
            ),
            "Assets recorded": st.column_config.NumberColumn(
                help="The team's assets in its register now (archived ones left out)."
            ),
            **{
                move: st.column_config.NumberColumn(
                    help=f"Statements whose answer {move.lower()} between the round before "
                    "and the last round (answered in both)."
                )
                for move in MOVES
            },
            TALKED_THROUGH: st.column_config.NumberColumn(
                help="Statements the last TRIP round talked through."
            ),
        },
    )
    st.caption(
        f"{NOTHING_YET}: none yet (no round, no review, or no round before the last to compare "
        "with). Statements moved counts how each answer went between the team's last two TRIP "
        "rounds: moved on or back along the scale, stayed, or changed where the answer has no "
        "place on it (Don't know, Not applicable)."
    )
    _open_summary(table, records.teams.set_index("team_id")["provider_id"].to_dict())


def _open_summary(table: pd.DataFrame, providers: dict[int, int]) -> None:
    """A link to one team's TRIP summary, the team chosen by name (in the table's order)."""
    labels = {team_id: f"{row.Team} ({row.Provider})" for team_id, row in table.iterrows()}
    team_id = st.selectbox(
        "Open a team's TRIP summary",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose a team",
        key="pf-trip-team",
    )
    if team_id is None:
        return
    st.page_link(
        routes.TRIP_SUMMARY.path,
        label=f"{ui.as_text(table.at[team_id, 'Team'])}: its TRIP summary",
        icon=":material/summarize:",
        query_params={"org": str(providers[team_id]), "team": str(team_id)},
    )
