"""The portfolio's pictures, each drawn from a frame of `portfolio_analytics.py` (its table
view): the heat map of teams x challenges as a styled table, the teams at each stage of each
challenge, and one team beside its peers.

Same palette and patterns as `charts.py`: the NHS blues light to dark for stages 1 to 3, grey
for "Not agreed". Colour is never the only carrier: every cell and bar says its stage or count
in text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from assessments.analytics.portfolio import NOT_RECORDED
from assessments.analytics.template_a import NOT_AGREED, stage_number
from assessments.charts.template_a import LABEL_WIDTH, STYLES, Style, stacked_counts, wrapped_label

NOT_AGREED_STYLE = Style("#AEB7BD", "#212B32", "-", "#FFFFFF")
BLANK = "background-color: #FFFFFF; color: #4C6272"


def stage_style(text: str) -> Style | None:
    """How a stage text is drawn: "2 Development" as Stage 2, "Not agreed" in grey, and
    "Not recorded" not at all."""
    number = stage_number(text)
    if number is not None:
        return STYLES.get(f"Stage {number}")
    return NOT_AGREED_STYLE if text == NOT_AGREED else None


def heat_map_style(frame: pd.DataFrame, stage_columns: list[str]) -> Styler:
    """The heat map table with each stage cell filled in its stage's colour, its text kept."""

    def cell(text: object) -> str:
        style = stage_style(str(text))
        if style is None:
            return BLANK
        return f"background-color: {style.colour}; color: {style.text_colour}"

    return frame.style.map(cell, subset=stage_columns).format(
        {"Latest round": lambda d: d.strftime("%d/%m/%Y") if pd.notna(d) else ""}
    )


def stage_counts_figure(frame: pd.DataFrame, stage_texts: list[str]) -> go.Figure:
    """From `portfolio_analytics.stage_counts`: one bar per challenge, how many teams are at
    each stage or could not agree, in their latest round."""
    return _teams_at_stages(
        [
            wrapped_label(no, name)
            for no, name in zip(frame["No."], frame["Challenge"], strict=True)
        ],
        frame,
        stage_texts,
        "Teams at each stage, in their latest round",
    )


def peers_figure(frame: pd.DataFrame, stage_texts: list[str], team: str) -> go.Figure:
    """From `portfolio_analytics.peers`: one bar per challenge, the peer teams at each stage,
    and the team's own stage written under the row's label."""
    rows = [
        "<br>".join([*textwrap.wrap(challenge, LABEL_WIDTH), f"<b>This team: {mine}</b>"])
        for challenge, mine in zip(frame["Challenge"], frame["This team"], strict=True)
    ]
    return _teams_at_stages(rows, frame, stage_texts, f"{team} beside teams of its type")


def _teams_at_stages(
    rows: list[str], frame: pd.DataFrame, stage_texts: list[str], title: str
) -> go.Figure:
    shown = [text for text in stage_texts if text != NOT_RECORDED]
    styles = {text: stage_style(text) for text in shown}
    counts = {text: frame[text].tolist() for text in shown}
    return stacked_counts(
        rows, counts, title, styles, unit="Teams", verb="at", empty="No teams to count"
    )
