"""The portfolio's pictures: every stage is named in text as well as coloured, and teams are
counted on whole numbers."""

from __future__ import annotations

import pandas as pd

from assessments.charts.portfolio import (
    NOT_AGREED_STYLE,
    heat_map_style,
    peers_figure,
    stage_counts_figure,
)
from assessments.charts.template_a import STYLES

TEXTS = ["1 Engagement", "2 Development", "3 Transformation", "Not agreed", "Not recorded"]


def test_the_heat_map_colours_each_stage_and_keeps_its_words():
    frame = pd.DataFrame(
        {
            "Team": ["A", "B"],
            "1. One": ["1 Engagement", "Not agreed"],
            "2. Two": ["3 Transformation", "Not recorded"],
        }
    )
    html = heat_map_style(frame, ["1. One", "2. Two"]).to_html()

    for text in ("1 Engagement", "Not agreed", "3 Transformation", "Not recorded"):
        assert text in html
    assert STYLES["Stage 1"].colour.lower() in html.lower()
    assert STYLES["Stage 3"].colour.lower() in html.lower()
    assert NOT_AGREED_STYLE.colour.lower() in html.lower()


def counts_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "No.": [1, 2],
            "Challenge": ["Changing day-to-day interactions", "Transforming the workforce"],
            "1 Engagement": [3, 0],
            "2 Development": [1, 2],
            "3 Transformation": [0, 2],
            "Not agreed": [1, 0],
            "Not recorded": [0, 1],
        }
    )


def test_teams_at_each_stage_are_whole_counts_with_labels():
    fig = stage_counts_figure(counts_frame(), TEXTS)

    assert [bar.name for bar in fig.data] == TEXTS[:4]  # "Not recorded" is in the table only
    assert list(fig.data[0].text) == ["3", ""]  # a zero has no label sitting on nothing
    assert fig.layout.xaxis.tickformat == "d"
    assert fig.layout.xaxis.title.text == "Teams"


def test_a_team_beside_its_peers_says_its_own_stage_in_words():
    frame = counts_frame().drop(columns="No.")
    frame["Challenge"] = ["1. Changing day-to-day interactions", "8. Transforming the workforce"]
    frame.insert(1, "This team", ["2 Development", "Not agreed"])
    fig = peers_figure(frame, TEXTS, "Beta Rehab")

    rows = list(fig.layout.yaxis.categoryarray)
    assert rows[0].endswith("<b>This team: 2 Development</b>")
    assert rows[1].endswith("<b>This team: Not agreed</b>")
    assert "Beta Rehab" in fig.layout.title.text
