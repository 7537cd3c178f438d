"""How a Template B plan is going, as tables: each goal's run chart, the stage over time, the
actions' statuses at each review, and what is overdue.

Pure functions of the frozen records of `plan_records.py`: no database, no Streamlit. Every
chart in `progress_charts.py` is drawn from one of these frames, so each chart has a table view.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from statistics import fmean

import pandas as pd

from assessments.analytics.template_a import NOT_AGREED
from assessments.records.plans import (
    ACTION_STATUSES,
    FINISHED_ACTIONS,
    Action,
    Goal,
    Measurement,
    PlanContent,
    status_text,
)

# The rules of NHS England's "Making Data Count" XmR charts, as the NHS-R Community's
# NHSRplotthedots package applies them: process limits only from 12 points on (fewer make a run
# chart only); a shift is 7 or more points in a row on one side of the mean; a trend is 7 or
# more points in a row each higher, or each lower, than the one before.
XMR_MIN_POINTS = 12
SHIFT_LENGTH = 7
TREND_LENGTH = 7
LIMIT_FACTOR = 2.66  # 3 / 1.128: three sigma, estimated from the mean moving range

ABOVE_UPPER = "Above the upper limit"
BELOW_LOWER = "Below the lower limit"
RUN_ABOVE = f"Run of {SHIFT_LENGTH}+ above the mean"
RUN_BELOW = f"Run of {SHIFT_LENGTH}+ below the mean"
TREND_UP = "Trend up"
TREND_DOWN = "Trend down"
UPWARD = {ABOVE_UPPER, RUN_ABOVE, TREND_UP}  # the signals that say the measure went up
SIGNAL_SEPARATOR = "; "

MEASURE_COLUMNS = [
    "Date",
    "Value",
    "Source",
    "Target",
    "Mean",
    "Lower limit",
    "Upper limit",
    "Signal",
]
GOAL_PROGRESS = ("Met", "On track", "Off track", "No measurement yet", "Not measurable")


@dataclass(frozen=True)
class Xmr:
    """An XmR (individuals) chart of a series: its mean, limits and each point's signals."""

    mean: float
    mean_moving_range: float
    lower: float
    upper: float
    signals: tuple[str, ...]  # per point, "; "-joined; "" when the point shows no signal


def xmr(values: Sequence[float]) -> Xmr | None:
    """The XmR chart of `values` in time order, or None when there are too few points for
    limits to mean anything (fewer than XMR_MIN_POINTS)."""
    if len(values) < XMR_MIN_POINTS:
        return None
    mean = fmean(values)
    mean_moving_range = fmean(abs(b - a) for a, b in pairwise(values))
    lower = mean - LIMIT_FACTOR * mean_moving_range
    upper = mean + LIMIT_FACTOR * mean_moving_range
    found: list[list[str]] = [[] for _ in values]
    for i, value in enumerate(values):
        if value > upper:
            found[i].append(ABOVE_UPPER)
        elif value < lower:
            found[i].append(BELOW_LOWER)
    # A point on the mean is on neither side, so it ends a shift. Tolerant equality, because
    # the mean of whole numbers is rarely exact in floating point.
    sides = [0 if math.isclose(v, mean, abs_tol=1e-9) else _sign(v - mean) for v in values]
    for start, end, side in _runs(sides):
        if side and end - start >= SHIFT_LENGTH:
            for i in range(start, end):
                found[i].append(RUN_ABOVE if side > 0 else RUN_BELOW)
    # Step j goes from point j to point j + 1, so a run of steps covers one point more.
    steps = [_sign(b - a) for a, b in pairwise(values)]
    for start, end, step in _runs(steps):
        if step and end - start + 1 >= TREND_LENGTH:
            for i in range(start, end + 1):
                found[i].append(TREND_UP if step > 0 else TREND_DOWN)
    return Xmr(
        mean=mean,
        mean_moving_range=mean_moving_range,
        lower=lower,
        upper=upper,
        signals=tuple(SIGNAL_SEPARATOR.join(words) for words in found),
    )


def measure_frame(goal: Goal, measurements: Sequence[Measurement]) -> pd.DataFrame:
    """One goal's run chart as a table: one row per point in date order, the baseline first.

    Columns: Date, Value, Source ("Baseline", "Review" or "Measured"), Target (the goal's, on
    every row), Mean, Lower limit, Upper limit and Signal. The last four are filled only from
    XMR_MIN_POINTS points on. Each signal says whether it is an improvement or a concern, from
    the measure's direction.
    """
    rows = []
    if goal.baseline is not None and goal.baseline_on is not None:
        rows.append({"Date": goal.baseline_on, "Value": goal.baseline, "Source": "Baseline"})
    for m in measurements:
        if m.goal_key == goal.key and m.measured_on is not None and m.value is not None:
            source = "Review" if m.review_id is not None else "Measured"
            rows.append({"Date": m.measured_on, "Value": m.value, "Source": source})
    rows.sort(key=lambda row: row["Date"])  # stable: the baseline stays first on its day
    frame = pd.DataFrame(rows, columns=MEASURE_COLUMNS).astype(
        {"Value": "float64", "Source": "str"}
    )
    frame["Target"] = math.nan if goal.target is None else float(goal.target)
    chart = xmr(frame["Value"].tolist())
    if chart is None:
        frame[["Mean", "Lower limit", "Upper limit"]] = math.nan
        frame["Signal"] = ""
        return frame
    frame["Mean"] = chart.mean
    frame["Lower limit"] = chart.lower
    frame["Upper limit"] = chart.upper
    direction = goal.measure.direction if goal.measure is not None else None
    frame["Signal"] = [_judged(signals, direction) for signals in chart.signals]
    return frame


def goal_progress(goal: Goal, measurements: Sequence[Measurement], today: date) -> str:
    """One of GOAL_PROGRESS for a goal, from its latest measurement after the baseline.

    "On track" when the latest value is at least where a straight line from the baseline to
    the target would be on its date. Once the target date has passed, a goal not met is "Off
    track", however it was going.
    """
    if (
        goal.measure is None
        or None in (goal.baseline, goal.target)
        or None in (goal.baseline_on, goal.target_on)
    ):
        return "Not measurable"
    after = [m for m in measurements if m.goal_key == goal.key and m.measured_on > goal.baseline_on]
    if not after:
        return "No measurement yet"
    latest = max(after, key=lambda m: (m.measured_on, m.id))
    better = 1 if goal.measure.direction == "higher" else -1
    if better * (latest.value - goal.target) >= 0:
        return "Met"
    if today > goal.target_on:
        return "Off track"
    span = (goal.target_on - goal.baseline_on).days
    elapsed = (latest.measured_on - goal.baseline_on).days / span if span > 0 else 1.0
    expected = goal.baseline + (goal.target - goal.baseline) * min(elapsed, 1.0)
    return "On track" if better * (latest.value - expected) >= 0 else "Off track"


def stage_timeline(
    points: Sequence[tuple[date, int | None, str]], stage_names: dict[int, str]
) -> pd.DataFrame:
    """The stage of a challenge over time, from (date, stage or None, where it was said).

    Columns: Date, Stage ("2 Development", or "Not agreed"), Stage number (nullable Int64) and
    Source, in date order. Stage is categorical over the whole scale and "Not agreed", so a
    chart of it names every stage even when the plan has not reached it.
    """
    names = {number: f"{number} {name}" for number, name in sorted(stage_names.items())}
    rows = [
        {
            "Date": on,
            "Stage": NOT_AGREED if stage is None else names[stage],
            "Stage number": stage,
            "Source": source,
        }
        for on, stage, source in sorted(points, key=lambda point: point[0])
    ]
    frame = pd.DataFrame(rows, columns=["Date", "Stage", "Stage number", "Source"])
    scale = pd.CategoricalDtype([*names.values(), NOT_AGREED])
    return frame.astype({"Stage": scale, "Stage number": "Int64", "Source": "str"})


def action_status_frame(snapshots: Sequence[tuple[date, str, dict[str, str]]]) -> pd.DataFrame:
    """How many actions had each status at each point in time, from (date, label such as
    "Signed" or "Review", action key -> status key).

    Long format, in date order: Date, Label, Status ("✔ Done": symbol and words) and Actions
    (int), one row per date and status present, statuses in ACTION_STATUSES order. Two
    snapshots on one day (signed, then reviewed) are one: the day's last statuses, under both
    labels ("Signed / Review"), so the actions are never counted twice.
    """
    days: dict[date, tuple[list[str], dict[str, str]]] = {}
    for on, label, statuses in sorted(snapshots, key=lambda snapshot: snapshot[0]):
        labels = days[on][0] if on in days else []
        days[on] = ([*labels, label], statuses)
    rows = []
    for on, (labels, statuses) in days.items():
        label = " / ".join(labels)
        counts = Counter(statuses.values())
        rows.extend(
            {"Date": on, "Label": label, "Status": status_text(key), "Actions": counts[key]}
            for key in ACTION_STATUSES
            if counts[key]
        )
    frame = pd.DataFrame(rows, columns=["Date", "Label", "Status", "Actions"])
    return frame.astype({"Label": "str", "Status": "str", "Actions": "int64"})


def overdue_actions(content: PlanContent, statuses: dict[str, str], today: date) -> list[Action]:
    """The plan's actions due before today and neither done nor dropped, by their latest
    status (`statuses`, from the last review) or else the one agreed in the plan."""
    return [
        action
        for action in content.actions
        if action.by_when is not None
        and action.by_when < today
        and statuses.get(action.key, action.status) not in FINISHED_ACTIONS
    ]


def review_overdue(next_review_on: date | None, today: date) -> bool:
    return next_review_on is not None and next_review_on < today


def _judged(signals: str, direction: str | None) -> str:
    """Each signal with whether it is good news, when the measure says which way is better."""
    if not signals or direction is None:
        return signals
    judged = []
    for signal in signals.split(SIGNAL_SEPARATOR):
        good = (signal in UPWARD) == (direction == "higher")
        judged.append(f"{signal} ({'improvement' if good else 'concern'})")
    return SIGNAL_SEPARATOR.join(judged)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _runs(keys: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """(start, end, key) of each stretch of equal keys, end exclusive."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            yield start, i, keys[start]
            start = i
