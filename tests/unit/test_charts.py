"""The charts a room sees projected: stages in order, counts written on the bars, patterns as
well as colours, whole numbers only, and words where a challenge has no agreed stage."""

from __future__ import annotations

from datetime import datetime

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from assessments.analytics.template_a import group_spread, template_a_table, views_table
from assessments.charts.rows import narrow
from assessments.charts.template_a import (
    agreed_stages_figure,
    group_spread_figure,
    views_overview_figure,
)
from assessments.records import Answer, ChallengeRecord, GroupView

ANSWERS = ["Stage 1", "Stage 2", "Stage 3", "Not sure"]


def record(challenge_id: str, **answer) -> ChallengeRecord:
    return ChallengeRecord(1, challenge_id, Answer(**answer), 1, datetime(2026, 11, 2, 10))


@pytest.fixture
def framework(definitions):
    return definitions.framework("imroc-challenges@2010")


@pytest.fixture
def records():
    return {
        "c01-interactions": record(
            "c01-interactions",
            agreed_stage=2,
            views=(
                GroupView("people-using-services", stage_1=4, stage_2=1, not_sure=1),
                GroupView("carers-family", stage_1=2, stage_2=1),
                GroupView("clinical-staff", stage_1=1, stage_2=5, stage_3=2),
            ),
        ),
        "c02-education": record(
            "c02-education",
            not_agreed=True,
            dissent="Staff see Stage 2; people using services see Stage 1.",
            views=(GroupView("clinical-staff", stage_2=6, stage_3=2),),
        ),
        "c03-education-centre": record("c03-education-centre", agreed_stage=1),
        "c04-leadership": record("c04-leadership", agreed_stage=3),
    }


@pytest.fixture
def spread(definitions, records):
    return group_spread_figure(
        group_spread(definitions.stakeholder_groups, records["c01-interactions"])
    )


@pytest.fixture
def agreed(framework, records):
    return agreed_stages_figure(template_a_table(framework, records))


@pytest.fixture
def overview(definitions, framework, records):
    return views_overview_figure(views_table(framework, definitions.stakeholder_groups, records))


def by_name(fig: go.Figure) -> dict[str, go.Bar]:
    return {trace.name: trace for trace in fig.data}


def assert_whole_numbers_only(fig: go.Figure) -> None:
    for trace in fig.data:
        for value in trace.x:
            assert isinstance(value, int) and not isinstance(value, bool), (trace.name, value)
    axis = fig.layout.xaxis
    assert axis.tickformat == "d"
    if axis.dtick is not None:
        assert isinstance(axis.dtick, int) and axis.dtick >= 1
    for value in axis.tickvals or ():
        assert isinstance(value, int)


def assert_readable(fig: go.Figure) -> None:
    assert fig.layout.template == pio.templates["plotly_white"]
    assert fig.layout.font.size >= 16
    assert fig.layout.title.font.size >= 20
    assert fig.layout.title.text
    assert fig.layout.uniformtext.minsize >= 16  # labels on bars never shrink below the font


# --- how each group sees one challenge -----------------------------------------------------


def test_spread_has_one_segment_per_answer_in_stage_order(spread):
    assert [trace.name for trace in spread.data] == ANSWERS
    assert spread.layout.barmode == "stack"
    assert spread.layout.legend.traceorder == "normal"
    assert all(trace.orientation == "h" for trace in spread.data)


def test_spread_has_one_bar_per_group_top_to_bottom_in_display_order(spread):
    groups = [
        "People using services",
        "Carers, family and friends",
        "Clinical and practitioner staff",
    ]
    assert list(spread.data[0].y) == groups
    assert list(spread.layout.yaxis.categoryarray) == groups
    top, bottom = spread.layout.yaxis.range[1], spread.layout.yaxis.range[0]
    assert top < bottom  # reversed: the first group is at the top


def test_spread_writes_counts_on_segments_and_hides_zeros(spread):
    bars = by_name(spread)
    assert list(bars["Stage 1"].x) == [4, 2, 1]
    assert list(bars["Stage 1"].text) == ["4", "2", "1"]
    assert list(bars["Stage 3"].text) == ["", "", "2"]
    assert list(bars["Not sure"].text) == ["1", "", ""]
    assert all(trace.textposition == "inside" for trace in spread.data)


def test_every_answer_has_its_own_pattern_and_colour(spread):
    shapes = [trace.marker.pattern.shape for trace in spread.data]
    colours = [trace.marker.color for trace in spread.data]
    assert all(shape is not None for shape in shapes)
    assert len(set(shapes)) == 4
    assert len(set(colours)) == 4


def test_spread_axis_counts_whole_people(spread):
    assert spread.layout.xaxis.title.text == "People"
    assert spread.layout.xaxis.dtick == 2  # eight people at most: five ticks, not nine
    assert_whole_numbers_only(spread)
    assert_readable(spread)


def test_spread_grows_with_the_number_of_groups(definitions, records, spread):
    one = group_spread_figure(
        group_spread(definitions.stakeholder_groups, records["c02-education"])
    )
    assert spread.layout.height > one.layout.height


def test_spread_title_can_name_the_challenge(definitions, records):
    frame = group_spread(definitions.stakeholder_groups, records["c01-interactions"])
    fig = group_spread_figure(frame, title="How each group sees 1. Day-to-day interactions")
    assert fig.layout.title.text == "How each group sees 1. Day-to-day interactions"


def test_spread_with_no_views_says_so(definitions):
    fig = group_spread_figure(group_spread(definitions.stakeholder_groups, record("c06-risk")))
    assert [a.text for a in fig.layout.annotations] == ["No views recorded yet"]


# --- the agreed stage of each challenge ----------------------------------------------------


def test_agreed_axis_reads_the_stage_names(agreed):
    axis = agreed.layout.xaxis
    assert list(axis.tickvals) == [1, 2, 3]
    assert [t.replace("<br>", " ") for t in axis.ticktext] == [
        "1 Engagement",
        "2 Development",
        "3 Transformation",
    ]
    assert axis.tickangle == 0
    assert_whole_numbers_only(agreed)
    assert_readable(agreed)


def test_agreed_bar_reaches_its_stage_and_is_labelled(agreed):
    bars = by_name(agreed)
    assert list(bars) == ["1 Engagement", "2 Development", "3 Transformation"]
    assert list(bars["2 Development"].y) == ["1. Changing day-to-day<br>interactions"]
    assert list(bars["2 Development"].x) == [2]
    assert list(bars["2 Development"].text) == ["2 Development"]
    assert list(bars["1 Engagement"].x) == [1]
    assert list(bars["3 Transformation"].x) == [3]
    shapes = [trace.marker.pattern.shape for trace in agreed.data]
    assert all(shape is not None for shape in shapes) and len(set(shapes)) == 3


def notes_by_row(fig: go.Figure) -> dict[str, str]:
    """The words written on a row in place of a bar (not a name written above a bar): at the
    row's name beside it, or where its bar would be under its name."""
    rows = list(fig.layout.yaxis.categoryarray)
    return {
        a.y if a.y in rows else rows[round(a.y)]: a.text
        for a in fig.layout.annotations
        if a.xref != "paper"
    }


def test_challenges_without_an_agreed_stage_have_words_and_no_bar(agreed):
    notes = notes_by_row(agreed)
    with_bars = {row for trace in agreed.data for row in trace.y}

    assert "Not agreed" in notes["2. Comprehensive user-led<br>education and training"]
    undecided = [row for row, text in notes.items() if "Not decided yet" in text]
    assert len(undecided) == 6
    assert "10. Building a life ‘beyond<br>illness’" in undecided
    assert not with_bars & set(notes)
    # Every challenge keeps its row, in order, bar or no bar.
    rows = list(agreed.layout.yaxis.categoryarray)
    assert len(rows) == 10 and rows[0].startswith("1. ") and rows[-1].startswith("10. ")


def test_agreed_chart_when_nothing_is_decided_still_lists_every_challenge(framework):
    fig = agreed_stages_figure(template_a_table(framework, {}))
    assert all(len(trace.y) == 0 for trace in fig.data)
    assert len(notes_by_row(fig)) == 10
    assert list(fig.layout.xaxis.tickvals) == [1, 2, 3]


# --- everyone's views of every challenge ---------------------------------------------------


def test_overview_adds_every_groups_views_per_challenge(overview):
    bars = by_name(overview)
    assert list(bars) == ANSWERS
    assert list(bars["Stage 1"].y) == [
        "1. Changing day-to-day<br>interactions",
        "2. Comprehensive user-led<br>education and training",
    ]
    assert list(bars["Stage 1"].x) == [7, 0]
    assert list(bars["Stage 2"].x) == [7, 6]
    assert list(bars["Stage 3"].x) == [2, 2]
    assert list(bars["Not sure"].x) == [1, 0]
    assert list(bars["Stage 1"].text) == ["7", ""]
    assert all(trace.marker.pattern.shape is not None for trace in overview.data)
    assert_whole_numbers_only(overview)
    assert_readable(overview)


def test_overview_keeps_ticks_whole_and_few_for_a_big_room(definitions, framework):
    crowd = {
        "c06-risk": record(
            "c06-risk", views=(GroupView("clinical-staff", stage_1=20, stage_2=14, not_sure=9),)
        )
    }
    fig = views_overview_figure(views_table(framework, definitions.stakeholder_groups, crowd))
    assert fig.layout.xaxis.dtick == 10  # 43 people: five ticks
    assert_whole_numbers_only(fig)


# --- on a narrow screen ------------------------------------------------------------------


def test_on_a_narrow_screen_each_challenge_is_named_above_its_bar(agreed):
    small = narrow(agreed)
    rows = list(agreed.layout.yaxis.categoryarray)

    # Every name written in full from the plot's left edge, in order, none beside the bars.
    names = [a for a in small.layout.annotations if a.xref == "paper"]
    assert [a.text for a in names] == rows
    assert all(a.x == 0 and a.xanchor == "left" and a.yanchor == "bottom" for a in names)
    assert small.layout.yaxis.showticklabels is False
    # Each bar at the foot of its row, its name resting on it.
    bar = small.data[0]
    assert bar.offset + bar.width == 0.5
    assert [a.y for a in names] == [i + 0.5 - bar.width for i in range(len(rows))]
    assert len({(t.width, t.offset) for t in small.data}) == 1
    # What a row says in place of a bar stays on its row, where the bar would be.
    assert notes_by_row(small) == notes_by_row(agreed)
    notes = [a for a in small.layout.annotations if a.xref != "paper"]
    assert [a.y for a in notes] == [
        rows.index(a.y) + 0.5 - bar.width / 2 for a in agreed.layout.annotations
    ]
    # The stages by number: three names side by side ran into each other at 320 px.
    assert small.layout.xaxis.ticktext is None
    assert list(small.layout.xaxis.tickvals) == [1, 2, 3]
    # The chart taller, not squeezed.
    assert small.layout.height > agreed.layout.height
    # The wide figure is left as it was: a page draws both (pages/kit/chart.py).
    assert agreed.layout.yaxis.showticklabels is None
    assert [a.text for a in agreed.layout.annotations] == list(notes_by_row(agreed).values())


def test_a_narrow_overview_keeps_every_count_and_pattern(overview):
    small = narrow(overview)
    # The legend under the plot, with room kept for it to wrap, clear of the title above.
    assert small.layout.legend.yanchor == "top" and small.layout.legend.y < 0
    assert small.layout.margin.b > 60
    assert [(t.name, list(t.x), list(t.text)) for t in small.data] == [
        (t.name, list(t.x), list(t.text)) for t in overview.data
    ]
    assert [t.marker.pattern.shape for t in small.data] == [
        t.marker.pattern.shape for t in overview.data
    ]


def test_only_a_chart_with_names_beside_its_bars_is_redrawn(definitions):
    assert (
        narrow(
            group_spread_figure(group_spread(definitions.stakeholder_groups, record("c06-risk")))
        )
        is None
    )
    assert narrow(go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))) is None
