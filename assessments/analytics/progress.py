"""How a Template B plan is going, as tables: each goal's run chart, the stage over time, the
actions' statuses at each review, and what is overdue.

Pure functions of the frozen records of `plan_records.py`: no database, no Streamlit. Every
chart in `progress_charts.py` is drawn from one of these frames, so each chart has a table view.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date

import pandas as pd

from assessments.analytics.template_a import NOT_AGREED
from assessments.analytics.xmr import XMR_MIN_POINTS, judged, xmr
from assessments.records.plans import (
    ACTION_STATUSES,
    FINISHED_ACTIONS,
    Action,
    Goal,
    Measurement,
    PlanContent,
    status_text,
)

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
# XMR_MIN_POINTS and xmr are read from here too, by the plan's page and its tests.
__all__ = ["XMR_MIN_POINTS", "xmr"]
GOAL_PROGRESS = ("Met", "On track", "Off track", "No measurement yet", "Not measurable")


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
    frame["Signal"] = [judged(signals, direction) for signals in chart.signals]
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
