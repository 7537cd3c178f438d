"""The charts of how a plan is going: stages as a named step line with no decimals, a goal's run
chart with its target and, from 12 points, its limits and signals, and the actions' statuses
as stacked bars with words, counts and patterns."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from assessments.analytics.progress import action_status_frame, measure_frame, stage_timeline
from assessments.charts.progress import action_status_figure, measure_figure, stage_timeline_figure
from assessments.records.plans import Goal, Measure, Measurement

START = date(2026, 1, 1)
STAGES = {1: "Engagement", 2: "Development", 3: "Transformation"}


def goal(direction: str = "higher") -> Goal:
    return Goal(
        key="g1",
        measure=Measure(name="Recovery plans", unit="People", direction=direction),
        baseline=20,
        baseline_on=START,
        target=40,
        target_on=date(2026, 12, 1),
    )


def series(values: list[float]) -> list[Measurement]:
    return [
        Measurement(i, 1, "g1", START + timedelta(weeks=i + 1), v, None, "")
        for i, v in enumerate(values)
    ]


def by_name(fig: go.Figure) -> dict[str, go.Scatter | go.Bar]:
    return {trace.name: trace for trace in fig.data}


def assert_readable(fig: go.Figure) -> None:
    assert fig.layout.template == pio.templates["plotly_white"]
    assert fig.layout.font.size >= 16
    assert fig.layout.title.font.size >= 20
    assert fig.layout.title.text
    assert fig.layout.height <= 768


# --- the stage over time -------------------------------------------------------------------


@pytest.fixture
def stages():
    frame = stage_timeline(
        [
            (date(2026, 3, 12), 1, "Template A, 12 Mar 2026"),
            (date(2026, 9, 1), None, "Review, 1 Sep 2026"),
            (date(2027, 6, 3), 2, "Review, 3 Jun 2027"),
        ],
        STAGES,
    )
    return stage_timeline_figure(frame, "Stage of challenge 1 over time")


def test_stage_line_steps_between_named_stages(stages):
    line = by_name(stages)["Stage"]
    assert line.line.shape == "hv"
    assert list(line.y) == [1, 2]
    assert all(isinstance(y, int) for y in line.y)
    assert list(line.text) == ["1 Engagement", "2 Development"]
    assert list(line.x) == [date(2026, 3, 12), date(2027, 6, 3)]
    assert_readable(stages)


def test_stage_axis_has_exactly_the_three_stages_and_no_decimals(stages):
    axis = stages.layout.yaxis
    assert list(axis.tickvals) == [1, 2, 3]
    assert all(isinstance(v, int) for v in axis.tickvals)
    assert axis.ticktext is None  # by number: each change of stage is named on the line
    assert axis.tickformat == "d"
    assert list(axis.range) == [0.5, 3.5]
    assert stages.layout.xaxis.type == "date"
    assert stages.layout.xaxis.tickangle == 0  # month over year, never tilted


def test_not_agreed_is_an_open_marker_at_the_foot_with_words(stages):
    unagreed = by_name(stages)["Not agreed"]
    assert list(unagreed.x) == [date(2026, 9, 1)]
    assert list(unagreed.text) == ["Not agreed"]
    assert unagreed.marker.symbol == "circle-open"
    assert 0.5 < unagreed.y[0] < 1  # below stage 1, inside the axis
    assert "%{y}" not in unagreed.hovertemplate  # its place on the axis is not a value


def test_stage_chart_with_nothing_says_so():
    fig = stage_timeline_figure(stage_timeline([], STAGES), "Stage")
    assert [a.text for a in fig.layout.annotations] == ["No stage recorded yet"]


# --- a goal's run chart --------------------------------------------------------------------


def test_run_chart_has_values_target_and_baseline_labelled():
    fig = measure_figure(measure_frame(goal(), series([24, 27.5])), "Recovery plans", "People")
    traces = by_name(fig)

    measured = traces["Measured"]
    assert "markers" in measured.mode and "text" in measured.mode
    assert list(measured.y) == [20, 24, 27.5]
    # The baseline and the latest in words; the rest in the table beside the chart.
    assert list(measured.text) == ["Baseline 20", "", "27.5"]
    target = traces["Target 40"]
    assert list(target.y) == [40, 40]
    assert target.line.dash == "dash"
    assert "Target 40" in target.text
    assert fig.layout.yaxis.title.text == "People"
    assert fig.layout.xaxis.type == "date"
    assert_readable(fig)


def test_run_chart_has_no_limits_before_twelve_points():
    fig = measure_figure(measure_frame(goal(), series([24] * 10)), "Plans", "People")  # 11
    assert not {"Mean", "Upper limit", "Lower limit"} & set(by_name(fig))


def test_run_chart_draws_mean_and_limits_from_twelve_points():
    frame = measure_frame(goal(), series([24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 48]))
    traces = by_name(measure_figure(frame, "Plans", "People"))

    assert traces["Mean"].line.dash == "solid"
    assert list(traces["Mean"].y) == [24, 24]
    for name in ("Upper limit", "Lower limit"):
        assert traces[name].line.dash == "dash"
        assert name in traces[name].text  # labelled on the line, Making Data Count style


def test_signals_have_their_own_marker_shape_and_legend_entry():
    # A spike up (48) and then, with lower better, the same spike is a concern.
    values = [24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 48]
    better = by_name(measure_figure(measure_frame(goal(), series(values)), "Plans", "People"))
    worse = by_name(measure_figure(measure_frame(goal("lower"), series(values)), "Plans", "People"))

    improvement = better["Signal: improvement"]
    concern = worse["Signal: concern"]
    assert list(improvement.y) == [48] and list(concern.y) == [48]
    assert improvement.marker.color == "#005EB8"
    assert concern.marker.color == "#ED8B00"
    # Shape as well as colour: a diamond for concern, a bigger circle for improvement.
    assert concern.marker.symbol == "diamond"
    assert improvement.marker.symbol == "circle"
    assert improvement.marker.size > better["Measured"].marker.size
    assert improvement.showlegend is not False and concern.showlegend is not False
    assert "Signal: concern" not in better and "Signal: improvement" not in worse


def test_run_chart_with_nothing_says_so():
    fig = measure_figure(measure_frame(goal().model_copy(update={"baseline": None}), []), "", "")
    assert [a.text for a in fig.layout.annotations] == ["No measurements yet"]


# --- the actions' statuses -----------------------------------------------------------------


@pytest.fixture
def statuses():
    frame = action_status_frame(
        [
            (date(2026, 1, 10), "Signed", {"a1": "not-started", "a2": "not-started"}),
            (date(2026, 4, 1), "Review", {"a1": "done", "a2": "overdue"}),
        ]
    )
    return action_status_figure(frame, "Actions at each review")


def test_one_trace_per_status_in_order_named_in_words(statuses):
    assert [trace.name for trace in statuses.data] == [
        "○ Not started",
        "➜ On track",
        "⚠ At risk",
        "‼ Overdue",
        "✔ Done",
        "✕ Dropped",
    ]
    assert statuses.layout.barmode == "stack"
    assert_readable(statuses)


def test_every_status_has_its_own_pattern_and_colour(statuses):
    shapes = [trace.marker.pattern.shape for trace in statuses.data]
    colours = [trace.marker.color for trace in statuses.data]
    assert all(shape is not None for shape in shapes)
    assert len(set(shapes)) == 6
    assert len(set(colours)) == 6
    assert by_name(statuses)["‼ Overdue"].marker.color == "#DA291C"


def test_a_bar_per_occasion_in_date_order_each_named_above_with_its_counts(statuses):
    bars = by_name(statuses)
    assert list(bars["○ Not started"].y) == ["10 Jan 2026 · Signed"]
    assert list(bars["○ Not started"].x) == [2]
    assert list(bars["○ Not started"].text) == ["2"]
    assert list(bars["✔ Done"].y) == ["1 Apr 2026 · Review"]
    assert list(bars["✔ Done"].text) == ["1"]
    assert all(trace.textposition == "inside" for trace in statuses.data)
    assert all(trace.orientation == "h" for trace in statuses.data)
    # Every occasion a bar of the same thickness, however close their dates.
    assert len({trace.width for trace in statuses.data}) == 1
    axis = statuses.layout.yaxis
    assert list(axis.categoryarray) == ["10 Jan 2026 · Signed", "1 Apr 2026 · Review"]
    assert axis.range[0] > axis.range[1]  # the earliest at the top
    names = [a.text for a in statuses.layout.annotations]
    assert names == ["10 Jan 2026 · Signed", "1 Apr 2026 · Review"]
    assert statuses.layout.xaxis.tickformat == "d" and statuses.layout.xaxis.dtick == 1


def test_a_stage_that_holds_is_named_once_where_it_starts():
    frame = stage_timeline(
        [
            (date(2025, 4, 4), 1, "Template A, 04 Apr 2025"),
            (date(2025, 12, 19), 1, "Template A, 19 Dec 2025"),
            (date(2026, 10, 2), 2, "Template A, 02 Oct 2026"),
        ],
        STAGES,
    )
    line = by_name(stage_timeline_figure(frame, "Stage over time"))["Stage"]
    assert list(line.text) == ["1 Engagement", "", "2 Development"]
    assert [tuple(c) for c in line.customdata][1] == ("1 Engagement", "Template A, 19 Dec 2025")


def test_typed_markup_in_a_chart_title_and_unit_is_shown_as_typed():
    typed = '<a href="http://tracker.invalid">Plans</a> <b>now</b>'
    fig = measure_figure(measure_frame(goal(), series([24, 27.5])), typed, "<i>people</i>")

    assert fig.layout.title.text == (
        '&lt;a href="http://tracker.invalid"&gt;Plans&lt;/a&gt; &lt;b&gt;now&lt;/b&gt;'
    )
    assert fig.layout.yaxis.title.text == "&lt;i&gt;people&lt;/i&gt;"
