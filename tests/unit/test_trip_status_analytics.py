"""Teams by their TRIP, pure: how a statement's answer moved, teams counted by status (every
status kept), the measure "teams with a current TRIP", the table sorted by provider and name
whatever the counts say, and the chart saying each status and its count in words."""

from __future__ import annotations

from datetime import date

import pandas as pd

from assessments.analytics.trip_status import (
    TABLE_COLUMNS,
    answer_moves,
    current_trips,
    status_counts,
    status_table,
)
from assessments.charts.trip_status import teams_by_status_figure
from assessments.records.trip_status import (
    CURRENT,
    LAPSED,
    MOVES,
    NO,
    NO_TRIP,
    STATUS_COLUMNS,
    TALKED_THROUGH,
    YES,
    TripStatusRecords,
)
from framework.model import Scale, ScaleValue


def records(*teams: tuple[str, str, str, int]) -> TripStatusRecords:
    """Teams as (name, provider, status, open priorities); the rest filled plainly."""
    rows, blank = [], (pd.NA,) * (len(MOVES) + 1)
    for n, (name, provider, status, open_) in enumerate(teams, start=1):
        held = None if status == NO_TRIP else date(2026, 9, 14)
        team = (n, name, provider, 1 if provider == "Northfield" else 2, "CMHT", "")
        rows.append((*team, status, held, None, None, NO, open_, open_, 3, None, *blank))
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    return TripStatusRecords(frame, date(2026, 11, 23), date(2025, 11, 23), 12)


def test_answers_move_on_stay_move_back_or_change_where_the_scale_gives_no_order(scale):
    earlier = {"a": "started", "b": "partly", "c": "mostly", "d": "dont-know", "e": "partly"}
    later = {"a": "partly", "b": "partly", "c": "started", "d": "partly", "e": None, "f": "fully"}

    moves = answer_moves(earlier, later, scale)

    assert moves == {
        "Moved on": 1,
        "Stayed": 1,
        "Moved back": 1,
        "Changed": 1,  # "Don't know" to "Partly": no order between them
        TALKED_THROUGH: 5,
    }


def test_a_scale_without_ranks_only_says_changed_or_stayed():
    unordered = Scale(
        id="yes-no",
        title="Yes or no",
        values=(ScaleValue(value="yes", label="Yes"), ScaleValue(value="no", label="No")),
    )

    moves = answer_moves({"a": "no", "b": "yes"}, {"a": "yes", "b": "yes"}, unordered)

    assert (moves["Changed"], moves["Stayed"], moves["Moved on"], moves["Moved back"]) == (
        1,
        1,
        0,
        0,
    )


def test_every_status_is_counted_even_with_no_team_at_it():
    found = records(("Alder", "Northfield", CURRENT, 3), ("Birch", "Northfield", CURRENT, 0))

    counts = status_counts(found)

    assert counts.to_dict("records") == [
        {"TRIP status": CURRENT, "Teams": 2},
        {"TRIP status": LAPSED, "Teams": 0},
        {"TRIP status": NO_TRIP, "Teams": 0},
    ]
    assert current_trips(found).sentence == "2 of 2 teams have a current TRIP"


def test_the_measure_counts_teams_with_a_current_trip_out_of_all():
    found = records(
        ("Alder", "Northfield", CURRENT, 3),
        ("Birch", "Northfield", LAPSED, 1),
        ("Cedar", "Southgate", NO_TRIP, 0),
    )

    measure = current_trips(found)

    assert (measure.current, measure.teams, measure.months) == (1, 3, 12)
    assert measure.sentence == "1 of 3 teams has a current TRIP"


def test_the_table_lists_teams_by_provider_then_name_never_by_a_count():
    found = records(
        ("Willow", "Southgate", CURRENT, 5),
        ("Birch", "Northfield", NO_TRIP, 0),
        ("Alder", "Northfield", LAPSED, 1),
        ("Aspen", "Southgate", CURRENT, 2),
    )

    table = status_table(found)

    assert list(table.columns) == TABLE_COLUMNS
    assert table["Team"].tolist() == ["Alder", "Birch", "Aspen", "Willow"]
    assert table.index.tolist() == [3, 2, 4, 1]  # team ids, for opening a team's summary
    assert set(table["Review overdue"]) <= {YES, NO}


def test_the_chart_names_each_status_and_writes_its_count_on_its_bar():
    counts = status_counts(
        records(("Alder", "Northfield", CURRENT, 3), ("Birch", "Northfield", NO_TRIP, 0))
    )

    fig = teams_by_status_figure(counts)

    bars = {bar.y[0]: bar for bar in fig.data}
    assert list(bars) == [CURRENT, LAPSED, NO_TRIP]
    assert [bars[s].text[0] for s in bars] == ["1 team", "0 teams", "1 team"]
    # Colour is never alone: every status has its own pattern (or none) as well as its fill.
    patterns = {bars[s].marker.pattern.shape for s in bars}
    assert len(patterns) == 3
    assert fig.layout.yaxis.categoryarray == (CURRENT, LAPSED, NO_TRIP)
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # Current on top
    # Each status written above its bar.
    assert [a.text for a in fig.layout.annotations] == [CURRENT, LAPSED, NO_TRIP]
    assert fig.layout.xaxis.tickformat == "d"
