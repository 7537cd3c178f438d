"""The charts of a team's TRIP conversation: how many statements got each answer, in the
scale's order, with counts written on the marks and a pattern as well as a colour for each
answer. Never a mean or a single number for a team or a challenge."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from assessments.analytics.trip import profile_over_time, rating_distribution
from assessments.charts.rows import narrow
from assessments.charts.trip import distribution_figure, profile_figure
from assessments.records.trip import Rating
from tests.unit.trip_community import ANSWERS, SCORE_WORDS


@pytest.fixture
def ratings():
    return {
        "com-c01-1": Rating("mostly"),
        "com-c01-2": Rating("mostly"),
        "com-c01-3": Rating("started"),
        "com-c01-4": Rating("not-applicable"),
        "com-c01-5": Rating("dont-know"),
        "com-c02-3": Rating("fully"),
    }


@pytest.fixture
def distribution(framework, bset, scale, ratings):
    return distribution_figure(
        rating_distribution(framework, bset, scale, ratings), "Where we have got to"
    )


def profile(framework, bset, scale, rounds) -> go.Figure:
    return profile_figure(
        profile_over_time(framework, bset, scale, rounds), "Our profile over time"
    )


@pytest.fixture
def three_rounds(framework, bset, scale, ratings):
    later = {**ratings, "com-c01-6": Rating("partly"), "com-c01-3": Rating("mostly")}
    latest = {**later, "com-c03-1": Rating("not-yet")}
    return profile(
        framework,
        bset,
        scale,
        [(date(2025, 3, 10), ratings), (date(2025, 9, 8), later), (date(2026, 3, 2), latest)],
    )


def by_name(fig: go.Figure) -> dict[str, go.Bar]:
    return {trace.name: trace for trace in fig.data}


def assert_readable(fig: go.Figure) -> None:
    assert fig.layout.template == pio.templates["plotly_white"]
    assert fig.layout.font.size >= 16
    assert fig.layout.title.font.size >= 20
    assert fig.layout.title.text
    assert fig.layout.uniformtext.minsize >= 16
    assert fig.layout.height <= 768


def assert_no_score(fig: go.Figure) -> None:
    names = [trace.name or "" for trace in fig.data]
    texts = [a.text or "" for a in fig.layout.annotations]
    for words in [*names, *texts, fig.layout.title.text]:
        assert not any(word in words.lower() for word in SCORE_WORDS), words


def assert_patterns_apart(traces: list[go.Bar]) -> None:
    shapes = [trace.marker.pattern.shape for trace in traces]
    colours = [trace.marker.color for trace in traces]
    assert all(shape is not None for shape in shapes)
    assert len(set(shapes)) == len(traces)
    assert len(set(colours)) == len(traces)


# --- where the conversation has got to -----------------------------------------------------


def test_distribution_has_one_segment_per_answer_in_scale_order(distribution):
    assert [trace.name for trace in distribution.data] == ANSWERS
    assert distribution.layout.barmode == "stack"
    assert distribution.layout.legend.traceorder == "normal"
    assert all(trace.orientation == "h" for trace in distribution.data)


def test_every_answer_has_its_own_pattern_and_colour(distribution):
    assert_patterns_apart(list(distribution.data))


def test_distribution_has_a_bar_per_challenge_top_to_bottom(distribution):
    rows = list(distribution.layout.yaxis.categoryarray)
    assert len(rows) == 10
    assert rows[0] == "1. Changing day-to-day<br>interactions"  # wrapped like Template A
    assert rows[2].startswith("3. ")  # a challenge not talked through keeps its row
    assert list(distribution.data[0].y) == rows
    assert distribution.layout.yaxis.range[1] < distribution.layout.yaxis.range[0]


def test_distribution_writes_the_counts_on_segments_and_hides_zeros(distribution):
    bars = by_name(distribution)
    assert list(bars["Mostly"].x)[:2] == [2, 0]
    assert list(bars["Mostly"].text)[:2] == ["2", ""]
    assert list(bars["Not talked through"].x)[:3] == [1, 4, 5]
    for trace in distribution.data:
        assert list(trace.text) == [str(n) if n else "" for n in trace.x]
        assert all(type(n) is int for n in trace.x)


def test_distribution_counts_whole_statements(distribution):
    axis = distribution.layout.xaxis
    assert axis.title.text == "Statements"
    assert axis.tickformat == "d"
    assert axis.dtick == 2  # six statements at most: four ticks
    assert_readable(distribution)
    assert_no_score(distribution)


def test_a_conversation_not_begun_says_so(framework, bset, scale):
    fig = distribution_figure(rating_distribution(framework, bset, scale, {}), "Where we are")
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "No statement talked through yet"


# --- the profile over time -----------------------------------------------------------------


def test_profile_has_a_panel_per_challenge_with_its_title(three_rounds):
    panels = {trace.xaxis for trace in three_rounds.data}
    assert len(panels) == 10
    titles = [a.text for a in three_rounds.layout.annotations]
    assert titles[0] == "1. Changing<br>day-to-day<br>interactions"
    assert titles[9].startswith("10. ")


def test_profile_panels_stack_the_answers_in_scale_order_with_one_legend(three_rounds):
    first = [trace for trace in three_rounds.data if trace.xaxis == "x"]
    assert [trace.name for trace in first] == ANSWERS
    assert_patterns_apart(first)
    shown = [trace.name for trace in three_rounds.data if trace.showlegend]
    assert shown == ANSWERS  # each answer once in the legend, for every panel
    assert three_rounds.layout.barmode == "stack"


def test_profile_has_a_bar_per_round_named_by_month(three_rounds):
    first = by_name(go.Figure([t for t in three_rounds.data if t.xaxis == "x"]))
    assert list(first["Mostly"].x) == ["Mar 2025", "Sep 2025", "Mar 2026"]
    assert three_rounds.layout.xaxis.ticktext[0] == "Mar<br>2025"  # two short lines, level
    assert three_rounds.layout.xaxis.tickangle == 0
    assert list(first["Mostly"].y) == [2, 3, 3]
    assert list(first["Partly"].text) == ["", "1", "1"]
    assert list(first["Not talked through"].y) == [1, 0, 0]


def test_profile_writes_counts_on_every_segment(three_rounds):
    for trace in three_rounds.data:
        assert list(trace.text) == [str(n) if n else "" for n in trace.y]
        assert all(type(n) is int for n in trace.y)
    assert three_rounds.layout.yaxis.tickformat == "d"
    assert three_rounds.layout.yaxis.title.text == "Statements"
    assert_readable(three_rounds)
    assert_no_score(three_rounds)


def test_a_few_challenges_make_one_row_of_panels(framework, bset, scale, ratings):
    frame = profile_over_time(framework, bset, scale, [(date(2025, 3, 10), ratings)])
    fig = profile_figure(frame[frame["No."] <= 3], "Three challenges")
    assert len({trace.xaxis for trace in fig.data}) == 3
    assert_readable(fig)


def test_a_single_round_is_a_profile_too(framework, bset, scale, ratings):
    fig = profile(framework, bset, scale, [(date(2025, 3, 10), ratings)])
    assert {tuple(trace.x) for trace in fig.data} == {("Mar 2025",)}
    assert len({trace.xaxis for trace in fig.data}) == 10


def test_rounds_in_one_month_are_told_apart(framework, bset, scale, ratings):
    rounds = [(date(2025, 3, 3), ratings), (date(2025, 3, 24), ratings), (date(2025, 3, 24), {})]
    fig = profile(framework, bset, scale, rounds)
    assert list(fig.data[0].x) == ["3 Mar 2025", "24 Mar 2025", "24 Mar 2025 (2)"]


def test_no_rounds_yet_says_so(framework, bset, scale):
    fig = profile(framework, bset, scale, [])
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "No statement talked through yet"


def test_on_a_narrow_screen_the_profile_is_a_chart_of_rows(three_rounds):
    small = narrow(three_rounds)

    # Each challenge's title above its bars, from the chart's left edge, in the set's order.
    titles = [a.text.replace("<br>", " ") for a in small.layout.annotations]
    assert titles == [a.text.replace("<br>", " ") for a in three_rounds.layout.annotations]
    assert all(a.xanchor == "left" and a.yanchor == "bottom" for a in small.layout.annotations)
    # A bar per round under each title, its date beside it, earliest first.
    axis = small.layout.yaxis
    assert list(axis.ticktext) == ["Mar 2025", "Sep 2025", "Mar 2026"] * len(titles)
    feet = [a.y for a in small.layout.annotations]
    for i, foot in enumerate(feet):
        assert (
            foot
            < axis.tickvals[3 * i]
            < axis.tickvals[3 * i + 2]
            < [*feet, small.layout.yaxis.range[0]][i + 1]
        )
    # The answers in the scale's order, one legend entry each, their counts and patterns kept.
    wide = by_name(three_rounds)
    assert [t.name for t in small.data] == list(wide)
    assert all(t.orientation == "h" for t in small.data)
    mostly = next(t for t in small.data if t.name == "Mostly")
    assert list(mostly.x) == [n for t in three_rounds.data if t.name == "Mostly" for n in t.y]
    assert mostly.marker.pattern.shape == wide["Mostly"].marker.pattern.shape
    assert small.layout.xaxis.title.text == "Statements"
    assert small.layout.legend.y < 0  # under the plot
    assert_no_score(small)
