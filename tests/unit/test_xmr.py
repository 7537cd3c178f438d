"""A commissioner's measure as an XmR chart in the "Making Data Count" style: limits worked by
hand, each special-cause rule, the direction of good, and periods whose figure is missing as
gaps that change no calculation. Values are built directly, no store."""

from __future__ import annotations

import math
from datetime import date
from itertools import pairwise

import pytest

from assessments.analytics.xmr import (
    LIMIT_FACTOR,
    NOT_RECORDED,
    RECORDED,
    XMR_MIN_POINTS,
    series_frame,
    signal_sentences,
    xmr,
)
from assessments.records.measures import NOT_AVAILABLE, MeasureValue, Period, PeriodKind

MONTH = PeriodKind.MONTH


def months(figures: list[float | str | None], start: date = date(2025, 1, 1)) -> list:
    """A value per month from `start`: a number, a string (not available, that reason) or
    None (nothing recorded for that month)."""
    found, period = [], Period(start, MONTH)
    for n, figure in enumerate(figures):
        if figure is not None:
            available = not isinstance(figure, str)
            found.append(
                MeasureValue(
                    id=n + 1,
                    organisation_id=1,
                    team_id=None,
                    indicator_id="moves-to-independent-living",
                    period=period,
                    value=float(figure) if available else None,
                    reason="" if available else figure,
                    target=10.0,
                    note="",
                    version=1,
                    recorded_by="Sam Okafor",
                    updated_at=None,
                )
            )
        period = period.following()
    return found


def test_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges():
    values = [10, 12, 11, 13, 12, 10, 11, 12, 13, 11, 12, 11]
    chart = xmr(values)
    mean = sum(values) / 12
    moving = sum(abs(b - a) for a, b in pairwise(values)) / 11
    assert chart.mean == pytest.approx(mean)
    assert chart.mean_moving_range == pytest.approx(moving)
    assert chart.upper == pytest.approx(mean + 2.66 * moving)
    assert chart.lower == pytest.approx(mean - LIMIT_FACTOR * moving)
    assert not any(chart.signals)


def test_a_point_outside_the_limits_is_a_signal_and_its_direction_judges_it():
    frame = series_frame(months([8, 16] * 6 + [60]), MONTH, "lower")
    assert frame["Signal"].iloc[-1] == "Above the upper limit (concern)"
    frame = series_frame(months([8, 16] * 6 + [60]), MONTH, "higher")
    assert frame["Signal"].iloc[-1] == "Above the upper limit (improvement)"
    assert frame["Signal"].iloc[:-1].eq("").all()


def test_a_run_of_seven_on_one_side_of_the_mean_is_a_shift():
    chart = xmr([10, 11, 10, 11, 10, 11, 14, 15, 14, 15, 14, 15, 14])
    assert [bool(s) for s in chart.signals] == [False] * 6 + [True] * 7
    assert "Run of 7+ above the mean" in chart.signals[-1]
    assert not any("Run" in s for s in xmr([10, 11] * 3 + [14, 15] * 3).signals or [""])


def test_seven_points_each_higher_than_the_one_before_are_a_trend():
    chart = xmr([12, 11, 12, 11, 12, 11, 5, 6, 7, 8, 9, 10, 11])
    assert [("Trend up" in s) for s in chart.signals] == [False] * 6 + [True] * 7
    six = xmr([12, 11, 12, 11, 12, 11, 12, 6, 7, 8, 9, 10, 11])
    assert not any("Trend" in s for s in six.signals)


def test_too_few_figures_give_no_limits_and_no_signals():
    frame = series_frame(months([10, 50] + [11] * (XMR_MIN_POINTS - 3)), MONTH, "higher")
    assert frame["Mean"].isna().all() and frame["Upper limit"].isna().all()
    assert frame["Signal"].eq("").all()


def test_a_gap_is_left_out_of_every_calculation_never_counted_as_zero():
    figures = [10, 12, 11, 13, 12, 10, 11, 12, 13, 11, 12, 11]
    with_gaps = [*figures[:4], "Not collected this month", None, *figures[4:]]
    frame = series_frame(months(with_gaps), MONTH, "higher")
    plain = xmr(figures)
    assert len(frame) == 14
    assert frame["Status"].tolist()[3:6] == [RECORDED, NOT_AVAILABLE, NOT_RECORDED]
    assert frame["Reason"].iloc[4] == "Not collected this month"
    assert math.isnan(frame["Value"].iloc[4]) and math.isnan(frame["Value"].iloc[5])
    assert frame["Mean"].iloc[0] == pytest.approx(plain.mean)  # as if the gaps were not there
    assert frame["Upper limit"].iloc[0] == pytest.approx(plain.upper)
    assert frame["Period"].iloc[4] == "May 2025"


def test_gaps_at_neither_end_and_only_one_kind_of_period():
    quarter = Period(date(2025, 4, 1), PeriodKind.QUARTER)
    values = [
        *months(["No return", 10, 11]),
        MeasureValue(99, 1, None, "x", quarter, 30.0, "", None, "", 1, "Sam", None),
    ]
    frame = series_frame(values, MONTH, None)
    assert frame["Status"].tolist() == [NOT_AVAILABLE, RECORDED, RECORDED]
    quarters = series_frame(values, PeriodKind.QUARTER, None)
    assert quarters["Period"].tolist() == ["Apr-Jun 2025"]
    assert series_frame([], MONTH, "higher").empty


def test_a_measure_only_watched_has_signals_judged_neither_way():
    frame = series_frame(months([8, 16] * 6 + [60]), MONTH, "neither")
    assert frame["Signal"].iloc[-1] == "Above the upper limit"


def test_the_signals_are_said_in_words_over_the_periods_they_span():
    frame = series_frame(months([8, 16] * 6 + [60]), MONTH, "lower")
    assert signal_sentences(frame) == ["Jan 2026: above the upper limit (concern)"]
    shifted = series_frame(months([10, 11] * 3 + [14, 15] * 4), MONTH, "higher")
    assert signal_sentences(shifted) == [
        "Jul 2025 to Feb 2026: run of 7+ above the mean (improvement)"
    ]
