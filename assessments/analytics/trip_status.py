"""Teams by their TRIP, from `TripStatusRecords`: how a statement's answer moved between two
rounds, how many teams are at each status (a chart, and the measure "teams with a current
TRIP"), and the table a commissioner reads.

No scores and no ranking: answers are counted by how they moved, never added up, and teams are
listed by provider then name, never by any count. Pure functions: no database, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from assessments.records.trip_status import (
    CHANGED,
    CURRENT,
    MOVED_BACK,
    MOVED_ON,
    MOVES,
    STATUSES,
    STAYED,
    TALKED_THROUGH,
    TripStatusRecords,
)
from framework.model import Scale

STATUS_COUNT_COLUMNS = ["TRIP status", "Teams"]
# The page's table: who the team is, then its TRIP in the order a commissioner asks about it.
TABLE_COLUMNS = [
    "Team",
    "Provider",
    "Type",
    "Locality",
    "TRIP status",
    "Last TRIP round",
    "Last review",
    "Next review",
    "Review overdue",
    "Open priorities",
    "Co-led",
    "Assets recorded",
    "Round before",
    *MOVES,
    TALKED_THROUGH,
]


def answer_moves(
    earlier: Mapping[str, str | None], later: Mapping[str, str | None], scale: Scale
) -> dict[str, int]:
    """How each statement's answer went from the `earlier` round to the `later` one (statement
    id -> the scale's value, None when not talked through): moved on or back along the scale's
    ranks, stayed, or changed where either answer has no rank ("Don't know", "Not applicable",
    or a scale without an order). Only statements answered in both rounds count; "Talked
    through" counts the later round's answered statements."""
    ranks = {v.value: v.rank for v in scale.values}
    found = dict.fromkeys(MOVES, 0)
    for statement, now in later.items():
        before = earlier.get(statement)
        if before is None or now is None:
            continue
        if before == now:
            found[STAYED] += 1
        elif ranks.get(before) is None or ranks.get(now) is None:
            found[CHANGED] += 1
        else:
            found[MOVED_ON if ranks[now] > ranks[before] else MOVED_BACK] += 1
    found[TALKED_THROUGH] = sum(1 for value in later.values() if value is not None)
    return found


def status_counts(records: TripStatusRecords) -> pd.DataFrame:
    """How many teams are at each status, every status in its order (zeros kept)."""
    counts = records.teams["TRIP status"].value_counts()
    rows = [(status, int(counts.get(status, 0))) for status in STATUSES]
    return pd.DataFrame(rows, columns=STATUS_COUNT_COLUMNS).astype({"Teams": "int64"})


@dataclass(frozen=True)
class CurrentTrips:
    """The measure "teams with a current TRIP": a count of teams out of the teams read, never
    a rate that hides how few teams there are."""

    current: int
    teams: int
    months: int  # what current means: a round or review within this many months

    @property
    def sentence(self) -> str:
        have = "has" if self.current == 1 else "have"
        return f"{self.current} of {self.teams} team{'s' * (self.teams != 1)} {have} a current TRIP"


# The indicator library's measure this counts (framework/definitions/indicators.yaml).
INDICATOR = "teams-current-trip"


def current_trips(records: TripStatusRecords) -> CurrentTrips:
    teams = records.teams
    return CurrentTrips(int((teams["TRIP status"] == CURRENT).sum()), len(teams), records.months)


def status_table(records: TripStatusRecords) -> pd.DataFrame:
    """The teams for the page and the report (TABLE_COLUMNS), indexed by team id: by provider
    then team name, never by a count."""
    frame = records.teams.sort_values(["Provider", "Team", "team_id"], kind="stable")
    return frame.set_index("team_id")[TABLE_COLUMNS]
