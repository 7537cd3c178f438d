"""How a plan is going, as tables: XmR charts by the "Making Data Count" rules, each goal's run
chart and progress, the stage over time, and the actions' statuses. Records are built
directly, no store."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from assessments.analytics.progress import (
    GOAL_PROGRESS,
    MEASURE_COLUMNS,
    XMR_MIN_POINTS,
    action_status_frame,
    goal_progress,
    measure_frame,
    overdue_actions,
    review_overdue,
    stage_timeline,
    xmr,
)
from assessments.records.plans import Action, Goal, Measure, Measurement, PlanContent

START = date(2026, 1, 1)
TODAY = date(2026, 3, 1)
STAGES = {1: "Engagement", 2: "Development", 3: "Transformation"}


def goal(direction: str = "higher", **fields) -> Goal:
    """Baseline 20 on 1 Jan 2026, target 40 on 11 Apr 2026: 100 days later."""
    values = {
        "key": "g1",
        "statement": "More people have a co-produced recovery plan",
        "measure": Measure(name="Recovery plans", unit="People", direction=direction),
        "baseline": 20,
        "baseline_on": START,
        "target": 40,
        "target_on": date(2026, 4, 11),
    } | fields
    return Goal(**values)


def measured(on: date, value: float, review_id: int | None = None, key: str = "g1"):
    return Measurement(1, 1, key, on, value, review_id, "")


def series(values: list[float], goal_key: str = "g1") -> list[Measurement]:
    """One measurement a week from the week after the baseline."""
    return [measured(START + timedelta(weeks=i + 1), v, key=goal_key) for i, v in enumerate(values)]


def flagged(signals: tuple[str, ...], words: str) -> list[int]:
    return [i for i, signal in enumerate(signals) if words in signal]


# --- XmR charts ----------------------------------------------------------------------------


def test_xmr_worked_by_hand():
    values = [7, 8, 9, 12, 10, 11, 10, 9, 13, 12, 8, 11]
    # Sum 120 over 12 points: mean 10.
    # Moving ranges |8-7|, |9-8|, ...: 1, 1, 3, 2, 1, 1, 1, 4, 1, 4, 3; sum 22 over 11: mean 2.
    # Limits: 10 ± 2.66 × 2 = 10 ± 5.32, so lower 4.68 and upper 15.32.
    chart = xmr(values)

    assert chart.mean == pytest.approx(10)
    assert chart.mean_moving_range == pytest.approx(2)
    assert chart.lower == pytest.approx(4.68)
    assert chart.upper == pytest.approx(15.32)
    # Every point inside the limits, no 7 in a row on one side, no 7 going one way.
    assert chart.signals == ("",) * 12


def test_xmr_needs_twelve_points():
    assert XMR_MIN_POINTS == 12
    assert xmr([7, 8, 9, 12, 10, 11, 10, 9, 13, 12, 8]) is None
    assert xmr([]) is None


def test_xmr_flags_a_point_above_the_upper_limit():
    # Mean 144 / 12 = 12; moving ranges ten 2s and a 14: 34 / 11 ≈ 3.09;
    # upper 12 + 2.66 × 3.09 ≈ 20.2, so 24 is above it. The 12s sit on the mean: no run.
    chart = xmr([10, 12] * 5 + [10, 24])

    assert chart.upper == pytest.approx(12 + 2.66 * 34 / 11)
    assert chart.signals[-1] == "Above the upper limit"
    assert flagged(chart.signals, "limit") == [11]


def test_xmr_flags_a_point_below_the_lower_limit():
    # Mean 12, mean moving range 34 / 11 as above; lower 12 - 8.22 ≈ 3.78, so 0 is below it.
    chart = xmr([14, 12] * 5 + [14, 0])

    assert chart.signals[-1] == "Below the lower limit"
    assert flagged(chart.signals, "limit") == [11]


def test_a_run_of_seven_above_the_mean_flags_all_seven():
    # Mean 122 / 12 ≈ 10.17: the first seven are above it, the last five below.
    chart = xmr([11, 13, 11, 13, 11, 13, 11, 7, 9, 7, 9, 7])

    assert flagged(chart.signals, "Run of 7+ above the mean") == list(range(7))
    assert flagged(chart.signals, "below the mean") == []


def test_a_run_of_seven_below_the_mean_is_flagged_too():
    chart = xmr([9, 7, 9, 7, 9, 7, 9, 13, 11, 13, 11, 13])
    assert flagged(chart.signals, "Run of 7+ below the mean") == list(range(7))


def test_a_run_of_six_is_not_a_shift():
    # Mean 10: six above, then six below.
    chart = xmr([11, 13, 11, 13, 11, 13, 7, 9, 7, 9, 7, 9])
    assert chart.signals == ("",) * 12


def test_a_point_on_the_mean_breaks_a_run():
    # Mean 120 / 12 = 10: the fourth point is on it, so three above, then four above.
    on_the_mean = xmr([11, 13, 11, 10, 13, 11, 13, 11, 6, 8, 6, 7])
    assert on_the_mean.mean == pytest.approx(10)
    assert on_the_mean.signals == ("",) * 12
    # The same with 12 in its place (mean ≈ 10.17) is eight above.
    above = xmr([11, 13, 11, 12, 13, 11, 13, 11, 6, 8, 6, 7])
    assert flagged(above.signals, "Run of 7+ above the mean") == list(range(8))


def test_a_trend_of_seven_flags_all_seven():
    # 9, 10, ... 15: seven points each higher than the one before.
    chart = xmr([12, 10, 9, 10, 11, 12, 13, 14, 15, 11, 12, 10])
    assert flagged(chart.signals, "Trend up") == list(range(2, 9))


def test_a_trend_down_of_seven_is_flagged():
    chart = xmr([12, 14, 15, 14, 13, 12, 11, 10, 9, 13, 12, 13])
    assert flagged(chart.signals, "Trend down") == list(range(2, 9))


def test_a_trend_of_six_is_not_flagged():
    # 10, 11, ... 15: six points.
    chart = xmr([12, 10, 12, 10, 11, 12, 13, 14, 15, 11, 12, 10])
    assert flagged(chart.signals, "Trend") == []


def test_several_signals_on_one_point_are_joined():
    # Mean 85 / 12 ≈ 7.08; mean moving range 16 / 11 ≈ 1.45; limits ≈ 3.21 and 10.95. The
    # last seven are above the mean, the last eight each higher than the one before.
    chart = xmr([2, 1, 2, 1, 2, 8, 9, 10, 11, 12, 13, 14])
    assert chart.signals[-1] == "Above the upper limit; Run of 7+ above the mean; Trend up"
    assert chart.signals[5] == "Run of 7+ above the mean; Trend up"
    assert chart.signals[4] == "Below the lower limit; Trend up"


# --- a goal's run chart --------------------------------------------------------------------


def test_measure_frame_starts_with_the_baseline_and_runs_in_date_order():
    measurements = [
        measured(date(2026, 3, 1), 28, review_id=7),
        measured(date(2026, 2, 1), 24),
        measured(date(2026, 2, 15), 99, key="g2"),  # another goal's
    ]
    frame = measure_frame(goal(), measurements)

    assert list(frame.columns) == MEASURE_COLUMNS
    assert frame["Date"].tolist() == [START, date(2026, 2, 1), date(2026, 3, 1)]
    assert frame["Value"].tolist() == [20, 24, 28]
    assert frame["Source"].tolist() == ["Baseline", "Measured", "Review"]
    assert frame["Target"].tolist() == [40, 40, 40]
    # Too few points for process limits: a run chart only.
    assert frame[["Mean", "Lower limit", "Upper limit"]].isna().all().all()
    assert frame["Signal"].tolist() == ["", "", ""]


def test_measure_frame_without_a_target_or_baseline():
    frame = measure_frame(goal(target=None, baseline=None), [measured(date(2026, 2, 1), 24)])
    assert frame["Source"].tolist() == ["Measured"]
    assert math.isnan(frame["Target"].iloc[0])


def test_measure_frame_fills_limits_from_twelve_points():
    # The baseline's 20, then 24, 20, ... and a spike of 48: mean 288 / 12 = 24, so the 24s
    # sit on the mean and no run forms; upper limit 24 + 2.66 × 68 / 11 ≈ 40.4.
    frame = measure_frame(goal(), series([24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 48]))

    assert len(frame) == 12
    assert frame["Mean"].nunique() == 1 and not math.isnan(frame["Mean"].iloc[0])
    assert (frame["Lower limit"] < frame["Mean"]).all()
    assert (frame["Upper limit"] > frame["Mean"]).all()
    assert frame["Signal"].iloc[-1] == "Above the upper limit (improvement)"
    assert (frame["Signal"].iloc[:-1] == "").all()


def test_signals_say_concern_when_lower_is_better():
    frame = measure_frame(goal("lower"), series([24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 48]))
    assert frame["Signal"].iloc[-1] == "Above the upper limit (concern)"


def test_every_signal_on_a_point_is_judged():
    climb = series([1, 2, 1, 2, 8, 9, 10, 11, 12, 13, 14])  # after a baseline of 2
    higher = measure_frame(goal(baseline=2), climb)["Signal"].iloc[5]
    lower = measure_frame(goal("lower", baseline=2), climb)["Signal"].iloc[5]

    assert higher == "Run of 7+ above the mean (improvement); Trend up (improvement)"
    assert lower == "Run of 7+ above the mean (concern); Trend up (concern)"


# --- a goal's progress ---------------------------------------------------------------------


def test_goal_progress_texts():
    assert GOAL_PROGRESS == ("Met", "On track", "Off track", "No measurement yet", "Not measurable")


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        # 20 February is 50 of the 100 days, so the line from 20 to 40 is at 30 then.
        ("higher", 40, "Met"),
        ("higher", 45, "Met"),
        ("higher", 30, "On track"),
        ("higher", 29, "Off track"),
        # Lower is better: from 40 down to 20, so also at 30 half way.
        ("lower", 20, "Met"),
        ("lower", 28, "On track"),
        ("lower", 33, "Off track"),
    ],
)
def test_goal_progress_against_a_straight_line(direction, value, expected):
    start, target = (20, 40) if direction == "higher" else (40, 20)
    g = goal(direction, baseline=start, target=target)
    earlier = measured(date(2026, 1, 20), start)
    latest = measured(date(2026, 2, 20), value)
    assert goal_progress(g, [latest, earlier], TODAY) == expected


def test_goal_not_met_by_its_date_is_off_track():
    latest = measured(date(2026, 2, 20), 35)  # ahead of the line when it was measured
    assert goal_progress(goal(), [latest], TODAY) == "On track"
    assert goal_progress(goal(), [latest], date(2026, 4, 12)) == "Off track"


def test_goal_with_no_measurement_after_the_baseline():
    others = [measured(START, 20), measured(date(2026, 2, 1), 38, key="g2")]
    assert goal_progress(goal(), others, TODAY) == "No measurement yet"
    assert goal_progress(goal(), [], TODAY) == "No measurement yet"


@pytest.mark.parametrize("missing", ["measure", "baseline", "baseline_on", "target", "target_on"])
def test_goal_without_a_measure_baseline_or_target_is_not_measurable(missing):
    g = goal(**{missing: None})
    assert goal_progress(g, [measured(date(2026, 2, 20), 30)], TODAY) == "Not measurable"


# --- the stage over time -------------------------------------------------------------------


def test_stage_timeline_in_date_order_with_stage_names():
    frame = stage_timeline(
        [
            (date(2027, 6, 3), 2, "Review, 3 Jun 2027"),
            (date(2026, 3, 12), 1, "Template A, 12 Mar 2026"),
            (date(2026, 9, 1), None, "Review, 1 Sep 2026"),
        ],
        STAGES,
    )

    assert list(frame.columns) == ["Date", "Stage", "Stage number", "Source"]
    assert frame["Date"].tolist() == [date(2026, 3, 12), date(2026, 9, 1), date(2027, 6, 3)]
    assert frame["Stage"].astype("str").tolist() == ["1 Engagement", "Not agreed", "2 Development"]
    assert str(frame["Stage number"].dtype) == "Int64"
    assert frame["Stage number"].tolist() == [1, pd.NA, 2]
    assert frame["Source"].tolist()[0] == "Template A, 12 Mar 2026"
    # The whole scale travels with the table, so a chart names stage 3 before it is reached.
    assert list(frame["Stage"].cat.categories) == [
        "1 Engagement",
        "2 Development",
        "3 Transformation",
        "Not agreed",
    ]


# --- the actions' statuses -----------------------------------------------------------------


def test_a_plan_signed_and_reviewed_on_one_day_counts_each_action_once_that_day():
    frame = action_status_frame(
        [
            (date(2026, 1, 10), "Signed", {"a1": "not-started", "a2": "not-started"}),
            (date(2026, 1, 10), "Review", {"a1": "done", "a2": "on-track"}),
        ]
    )

    assert frame.to_dict("records") == [
        {"Date": date(2026, 1, 10), "Label": "Signed / Review", "Status": "➜ On track",
         "Actions": 1},
        {"Date": date(2026, 1, 10), "Label": "Signed / Review", "Status": "✔ Done",
         "Actions": 1},
    ]  # fmt: skip
    assert frame["Actions"].sum() == 2  # two actions, not four


def test_action_status_frame_counts_each_status_at_each_date():
    frame = action_status_frame(
        [
            (
                date(2026, 4, 1),
                "Review",
                {"a1": "done", "a2": "at-risk", "a3": "on-track", "a4": "done"},
            ),
            (
                date(2026, 1, 10),
                "Signed",
                {"a1": "not-started", "a2": "not-started", "a3": "on-track", "a4": "on-track"},
            ),
        ]
    )

    assert list(frame.columns) == ["Date", "Label", "Status", "Actions"]
    assert frame.to_dict("records") == [
        {"Date": date(2026, 1, 10), "Label": "Signed", "Status": "○ Not started", "Actions": 2},
        {"Date": date(2026, 1, 10), "Label": "Signed", "Status": "➜ On track", "Actions": 2},
        {"Date": date(2026, 4, 1), "Label": "Review", "Status": "➜ On track", "Actions": 1},
        {"Date": date(2026, 4, 1), "Label": "Review", "Status": "⚠ At risk", "Actions": 1},
        {"Date": date(2026, 4, 1), "Label": "Review", "Status": "✔ Done", "Actions": 2},
    ]
    assert frame["Actions"].dtype == "int64"


def test_overdue_actions_are_past_due_and_unfinished():
    content = PlanContent(
        actions=(
            Action(key="a1", by_when=date(2026, 2, 1)),
            Action(key="a2", by_when=date(2026, 2, 1)),  # done at the last review
            Action(key="a3", by_when=date(2026, 2, 1), status="dropped"),
            Action(key="a4", by_when=date(2026, 4, 1)),  # not due yet
            Action(key="a5"),  # no date
            Action(key="a6", by_when=date(2026, 2, 1), status="done"),  # reopened at review
            Action(key="a7", by_when=TODAY),  # due today is not overdue
        )
    )
    statuses = {"a2": "done", "a6": "at-risk"}

    overdue = overdue_actions(content, statuses, TODAY)

    assert [action.key for action in overdue] == ["a1", "a6"]


def test_review_overdue():
    assert review_overdue(date(2026, 2, 28), TODAY)
    assert not review_overdue(TODAY, TODAY)
    assert not review_overdue(date(2026, 3, 2), TODAY)
    assert not review_overdue(None, TODAY)
