"""XmR (individuals) charts in NHS England's "Making Data Count" style, as plain numbers: the
mean, the moving ranges, the natural process limits (the mean plus or minus 2.66 times the mean
moving range) and the special-cause signals of each point, judged good or bad news by the way
the measure gets better. Shared by a plan goal's run chart (progress.py) and a commissioner's
measure (`series_frame` below), where a period whose figure is not available is a gap: left out
of every calculation, and kept in the table as a gap, never a zero.

Pure functions: no database, no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import fmean

import pandas as pd

from assessments.records.measures import NOT_AVAILABLE, MeasureValue, Period, PeriodKind

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

RECORDED = "Recorded"
NOT_RECORDED = "Not recorded"  # no row at all for a period between recorded ones: a gap too
SERIES_COLUMNS = [
    "Period",
    "Period start",
    "Value",
    "Status",
    "Reason",
    "Target",
    "Mean",
    "Lower limit",
    "Upper limit",
    "Signal",
    "Note",
]


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


def judged(signals: str, direction: str | None) -> str:
    """Each signal with whether it is good news, when the measure says which way is better
    ("higher" or "lower"; None or "neither": only watched, so the signal says no more)."""
    if not signals or direction not in ("higher", "lower"):
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


def series_frame(values: Sequence[MeasureValue], kind: PeriodKind, direction: str | None):
    """One place's indicator as an XmR table: a row per `kind` period from the first recorded
    to the last, in order. Status is RECORDED, NOT_AVAILABLE (with its Reason) or NOT_RECORDED
    (no figure given at all); either gap has no Value and is left out of the mean, the moving
    ranges and the runs, whose neighbours either side are then compared with each other. Mean
    and limits are filled from XMR_MIN_POINTS figures on; Signal says each one's special cause
    and, by `direction`, whether it is an improvement or a concern."""
    mine = sorted((v for v in values if v.period.kind == kind), key=lambda v: v.period.start)
    by_start = {v.period.start: v for v in mine}
    rows = []
    if mine:
        period, last = mine[0].period, mine[-1].period
        while period <= last:
            found = by_start.get(period.start)
            rows.append(_row(period, found))
            period = period.following()
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS).astype(
        {"Value": "float64", "Target": "float64", "Status": "str", "Signal": "str"}
    )
    recorded = frame.index[frame["Status"] == RECORDED]
    chart = xmr(frame.loc[recorded, "Value"].tolist())
    frame[["Mean", "Lower limit", "Upper limit"]] = math.nan
    frame["Signal"] = ""
    if chart is not None:
        frame[["Mean", "Lower limit", "Upper limit"]] = chart.mean, chart.lower, chart.upper
        frame.loc[recorded, "Signal"] = [judged(words, direction) for words in chart.signals]
    return frame


def _row(period: Period, found: MeasureValue | None) -> dict:
    if found is None:
        status, value, reason, target, note = NOT_RECORDED, math.nan, "", math.nan, ""
    else:
        status = RECORDED if found.available else NOT_AVAILABLE
        value = found.value if found.available else math.nan
        reason, note = found.reason, found.note
        target = math.nan if found.target is None else found.target
    return {
        "Period": period.label,
        "Period start": period.start,
        "Value": value,
        "Status": status,
        "Reason": reason,
        "Target": target,
        "Note": note,
    }


def signal_sentences(frame: pd.DataFrame) -> list[str]:
    """The special causes of a `series_frame` in words, each over the periods it spans:
    "Aug 2025 to Apr 2026: run of 7+ above the mean (concern)", in the order they begin."""
    spans: dict[str, list[list[str]]] = {}
    recorded = frame[frame["Status"] == RECORDED]
    previous: set[str] = set()
    for period, signals in zip(recorded["Period"], recorded["Signal"], strict=True):
        words = {w for w in signals.split(SIGNAL_SEPARATOR) if w}
        for word in words:
            if word in previous:
                spans[word][-1].append(period)
            else:
                spans.setdefault(word, []).append([period])
        previous = words
    found = [
        (periods[0], f"{periods[0]}" + (f" to {periods[-1]}" if len(periods) > 1 else ""), word)
        for word, runs in spans.items()
        for periods in runs
    ]
    order = {period: n for n, period in enumerate(frame["Period"])}
    found.sort(key=lambda item: order[item[0]])
    return [f"{when}: {word[0].lower()}{word[1:]}" for _, when, word in found]
