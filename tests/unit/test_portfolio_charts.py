"""The portfolio's pictures: every stage is named in text as well as coloured, and providers
are counted on whole numbers."""

from __future__ import annotations

import pandas as pd

from assessments.charts.portfolio import (
    stage_counts_figure,
    stage_marks,
)
from assessments.charts.template_a import STYLES

TEXTS = ["1 Engagement", "2 Development", "3 Transformation", "Not agreed", "Not recorded"]


def test_the_heat_map_colours_each_stage_and_keeps_its_words():
    marks = {m.text: m for m in stage_marks(TEXTS)}

    assert list(marks) == TEXTS  # one mark per stage text, in the legend's order
    for text in TEXTS:  # every cell says its stage in words, not by colour alone
        assert marks[text].label.endswith(text)
    # and as a pattern: one filled dot per stage reached, so the stages differ without colour
    assert marks["1 Engagement"].label == "\u25cf\u25cb\u25cb 1 Engagement"
    assert marks["3 Transformation"].label == "\u25cf\u25cf\u25cf 3 Transformation"
    assert marks["Not agreed"].label != "Not agreed"  # marked too
    assert len({m.label.split(" ")[0] for m in marks.values()}) == len(TEXTS)
    # Stages 2 and 3 keep the charts' blues; each fill differs, and the words the grid writes
    # on it (black on a light fill, white on a dark one) keep a contrast of at least 4.5:1.
    assert marks["2 Development"].colour == STYLES["Stage 2"].colour
    assert marks["3 Transformation"].colour == STYLES["Stage 3"].colour
    assert len({m.colour for m in marks.values()}) == len(TEXTS)
    for mark in marks.values():
        assert tag_contrast(mark.colour) >= 4.5, mark


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def tag_contrast(fill: str) -> float:
    """The contrast of a tag's words on `fill`, as Streamlit's grid picks them: black on a fill
    of luminance above 0.5, white on a darker one."""
    lum = luminance(fill)
    return (lum + 0.05) / 0.05 if lum > 0.5 else 1.05 / (lum + 0.05)


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
    assert fig.layout.xaxis.title.text == "Providers"
