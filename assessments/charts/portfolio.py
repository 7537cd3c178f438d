"""The portfolio's pictures, each drawn from a frame of `portfolio_analytics.py` (its table
view): how a stage is marked in the grid of providers x challenges, and the providers at each
stage of each challenge.

Same palette and patterns as `charts.py`: the NHS blues light to dark for stages 1 to 3, grey
for "Not agreed". Colour is never the only carrier: every cell and bar says its stage or count
in text, and a heat map cell shows its stage as a pattern of filled dots as well.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from assessments.analytics.portfolio import NOT_RECORDED
from assessments.analytics.template_a import NOT_AGREED, stage_number
from assessments.charts.template_a import STYLES, Style, stacked_counts, wrapped_label

NOT_AGREED_STYLE = Style("#AEB7BD", "#212B32", "-", "#FFFFFF")
# A heat map cell is a tag whose words the grid writes in black on a fill of relative luminance
# above 0.5 and in white below: the palette's two light fills are paler here (NHS light blue at
# half strength, NHS light grey) so their words keep a contrast above 4.5:1.
TAG_FILLS = {
    "Stage 1": "#A0DBF3",
    "Stage 2": STYLES["Stage 2"].colour,
    "Stage 3": STYLES["Stage 3"].colour,
}
NOT_AGREED_TAG = "#D8DDE0"
NOT_RECORDED_TAG = "#FFFFFF"  # no fill: the words alone, as on an empty cell
FILLED, EMPTY = "\u25cf", "\u25cb"  # ● ○: one filled dot per stage reached
NOT_AGREED_MARK = "\u2013"  # –


def stage_style(text: str) -> Style | None:
    """How a stage text is drawn: "2 Development" as Stage 2, "Not agreed" in grey, and
    "Not recorded" not at all."""
    number = stage_number(text)
    if number is not None:
        return STYLES.get(f"Stage {number}")
    return NOT_AGREED_STYLE if text == NOT_AGREED else None


@dataclass(frozen=True)
class StageMark:
    """How a heat map cell shows one stage text: `label` is what the cell says (a pattern of
    dots, then the words), `colour` its fill. The cell keeps `text` as its value."""

    text: str
    label: str
    colour: str


def stage_marks(stage_texts: list[str]) -> list[StageMark]:
    """One mark per text of `portfolio_analytics.stage_texts`, in that order: stage n of N as
    n filled and N - n empty dots before its words ("●●○ 2 Development") on its stage's blue,
    "– Not agreed" on grey, "Not recorded" in words on no fill. Also the heat map's legend."""
    numbers = [n for n in map(stage_number, stage_texts) if n is not None]
    top = max(numbers, default=0)
    marks = []
    for text in stage_texts:
        number = stage_number(text)
        if number is not None:
            dots = FILLED * number + EMPTY * max(top - number, 0)
            fill = TAG_FILLS.get(f"Stage {number}", STYLES["Stage 3"].colour)
            marks.append(StageMark(text, f"{dots} {text}", fill))
        elif text == NOT_AGREED:
            marks.append(StageMark(text, f"{NOT_AGREED_MARK} {text}", NOT_AGREED_TAG))
        else:
            marks.append(StageMark(text, text, NOT_RECORDED_TAG))
    return marks


def stage_counts_figure(frame: pd.DataFrame, stage_texts: list[str]) -> go.Figure:
    """From `portfolio_analytics.stage_counts`: one bar per challenge, how many providers are
    at each stage or could not agree, in their latest provider-wide round."""
    rows = [
        wrapped_label(no, name) for no, name in zip(frame["No."], frame["Challenge"], strict=True)
    ]
    shown = [text for text in stage_texts if text != NOT_RECORDED]
    styles = {text: stage_style(text) for text in shown}
    counts = {text: frame[text].tolist() for text in shown}
    return stacked_counts(
        rows,
        counts,
        "Providers at each stage, in their latest provider-wide round",
        styles,
        unit="Providers",
        verb="at",
        empty="No providers to count",
    )
