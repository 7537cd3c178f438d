"""Charts of a team's TRIP conversation, each drawn from a frame of `trip_analytics.py` (its
table view).

A conversation, never a score: the charts show how many statements got each answer, never a
mean or a single number for a team or a challenge. The house style of `charts.py`: projected at
1024x768 with fonts of 16 px and more, whole numbers only, every segment labelled with its
count, and a pattern as well as a colour for each answer.

Palette: the ranked answers ("Not yet" ... "Fully") on one blue scale, light to dark in strong
lightness steps (L* 92, 78, 62, 40, 23) ending on NHS Blue #005EB8 and NHS Dark Blue #003087,
so their order survives colour blindness and greyscale printing. The answers outside the scale
are greys ("Not applicable" NHS mid grey, "Don't know" NHS dark grey), and a statement not yet
talked through is white with grey stripes: a gap, not an answer. Text on each fill has a
contrast of 4.5:1 or more.
"""

from __future__ import annotations

import math
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from assessments.analytics.trip import ANSWER_NOT_YET_TALKED
from assessments.charts.rows import LEGEND_ABOVE, names_beside
from assessments.charts.template_a import (
    DARK_TEXT,
    FONT_SIZE,
    LABEL_WIDTH,
    Style,
    bar_marker,
    nothing_yet,
    title_style,
    whole_step,
)

WHITE = "#FFFFFF"
# Every answer of the TRIP scale in order, each with its own pattern (all eight plotly shapes).
STYLES = {
    "Not yet": Style("#DEEBF7", DARK_TEXT, ".", "#5A9BD5"),
    "Started": Style("#99C6EA", DARK_TEXT, "/", WHITE),
    "Partly": Style("#5A9BD5", DARK_TEXT, "+", WHITE),
    "Mostly": Style("#005EB8", WHITE, "-", "#003087"),
    "Fully": Style("#003087", WHITE, "", "#003087"),
    "Not applicable": Style("#AEB7BD", DARK_TEXT, "\\", WHITE),
    "Don't know": Style("#425563", WHITE, "x", DARK_TEXT),
    ANSWER_NOT_YET_TALKED: Style(WHITE, DARK_TEXT, "|", "#AEB7BD"),
}

PANEL_COLUMNS = 5  # small multiples: ten challenges make two rows of five
PANEL_HEIGHT = 180  # px of bars in each panel
PANEL_TITLE_HEIGHT = 85  # px above each panel for a challenge title over up to four lines
DATES_HEIGHT = 55  # px under each panel for its dates, month over year
PANEL_LABEL_WIDTH = 18  # characters: a fifth of a projected screen
TOP = 110  # px for the title and the legend, as in `charts.py`
BOTTOM = 55  # px for the dates under the last row


def answer_styles(answers: list[str]) -> dict[str, Style]:
    """The style of each answer; an answer of another scale takes the style of its place, so
    answers stay apart by pattern and in order."""
    spare = list(STYLES.values())
    return {a: STYLES.get(a, spare[i % len(spare)]) for i, a in enumerate(answers)}


def distribution_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal stacked bars from `trip_analytics.rating_distribution`: one bar per challenge,
    top to bottom in the set's order, one segment per answer in the scale's order with the
    number of statements written on it."""
    answers = _answers(frame.columns)
    rows = [_label(no, name, LABEL_WIDTH) for no, name in _challenges(frame)]
    fig = go.Figure()
    _lay_out(fig, title)
    if _nothing_talked_through(frame, answers):
        fig.update_layout(height=TOP + PANEL_HEIGHT + BOTTOM)
        return nothing_yet(fig, "No statement talked through yet")
    for answer, style in answer_styles(answers).items():
        counts = [int(n) for n in frame[answer]]
        fig.add_bar(
            name=answer,
            y=rows,
            x=counts,
            orientation="h",
            text=_texts(counts),
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": style.text_colour, "size": FONT_SIZE},
            marker=bar_marker(style),
            hovertemplate=f"%{{y}}<br>{answer}: %{{x}} statements<extra></extra>",
        )
    names_beside(fig, rows)
    largest = int(frame[answers].sum(axis=1).max())
    fig.update_xaxes(
        title_text="Statements",
        tickformat="d",
        tick0=0,
        dtick=whole_step(largest),
        rangemode="tozero",
        showgrid=True,
    )
    return fig


def profile_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    """The benchmark profile over time from `trip_analytics.profile_over_time`: one small panel
    per challenge, five to a row, and in each a stacked bar per round, earliest on the left,
    so a reader sees the answers move from round to round. One legend for all panels."""
    if frame.empty or _nothing_talked_through(frame, _answers_of_long(frame), long=True):
        fig = go.Figure()
        _lay_out(fig, title, height=TOP + PANEL_HEIGHT + BOTTOM)
        return nothing_yet(fig, "No statement talked through yet")
    answers = _answers_of_long(frame)
    panels = _challenges(frame[["No.", "Challenge"]].drop_duplicates())
    rounds = frame[["Round", "Held on"]].drop_duplicates().sort_values("Round")
    dates = _date_labels(rounds["Held on"].tolist())
    by_round = dict(zip(rounds["Round"], dates, strict=True))
    rows = math.ceil(len(panels) / PANEL_COLUMNS)
    # Every panel's title sits above it: the first row's in the top margin, under the legend.
    gap = DATES_HEIGHT + PANEL_TITLE_HEIGHT
    plot = rows * PANEL_HEIGHT + (rows - 1) * gap
    fig = make_subplots(
        rows=rows,
        cols=PANEL_COLUMNS,
        subplot_titles=[_label(no, name, PANEL_LABEL_WIDTH) for no, name in panels],
        shared_yaxes="all",
        horizontal_spacing=0.03,
        vertical_spacing=gap / plot if rows > 1 else 0,
    )
    counts = frame.set_index(["No.", "Answer", "Round"])["Statements"]
    styles = answer_styles(answers)
    for i, (no, _) in enumerate(panels):
        row, col = divmod(i, PANEL_COLUMNS)
        for answer, style in styles.items():
            statements = [int(counts[(no, answer, r)]) for r in rounds["Round"]]
            fig.add_bar(
                name=answer,
                legendgroup=answer,
                showlegend=i == 0,  # one legend entry per answer, for every panel
                x=[by_round[r] for r in rounds["Round"]],
                y=statements,
                text=_texts(statements),
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": style.text_colour, "size": FONT_SIZE},
                marker=bar_marker(style),
                hovertemplate=f"%{{x}}<br>{answer}: %{{y}} statements<extra></extra>",
                row=row + 1,
                col=col + 1,
            )
    _lay_out(fig, title, height=TOP + PANEL_TITLE_HEIGHT + plot + BOTTOM)
    fig.update_layout(margin_t=TOP + PANEL_TITLE_HEIGHT, legend_y=1 + PANEL_TITLE_HEIGHT / plot)
    largest = int(frame.groupby(["No.", "Round"])["Statements"].sum().max())
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=dates,
        tickvals=dates,
        ticktext=[re.sub(r" (\d{4})", r"<br>\1", d) for d in dates],  # the year below: no tilt
        tickangle=0,
        showgrid=False,
    )
    fig.update_yaxes(
        tickformat="d",
        tick0=0,
        dtick=whole_step(largest),
        range=[0, largest],
        showgrid=True,
    )
    for row in range(1, rows + 1):
        fig.update_yaxes(title_text="Statements", row=row, col=1)
    for annotation in fig.layout.annotations:  # the panels' titles
        annotation.update(font={"size": FONT_SIZE}, yanchor="bottom")
    return fig


def _lay_out(fig: go.Figure, title: str, height: int | None = None) -> None:
    """The house style; the profile's panels their `height` and margins (a chart of rows has
    them from `rows.names_beside`)."""
    if height is not None:
        fig.update_layout(height=height, margin={"l": 20, "r": 30, "t": TOP, "b": BOTTOM})
    fig.update_layout(
        template="plotly_white",
        title=title_style(title),
        font={"size": FONT_SIZE, "color": DARK_TEXT},
        bargap=0.3,
        barmode="stack",
        # Counts on segments stay at full size on a thin segment, rather than shrink to nothing.
        uniformtext={"minsize": FONT_SIZE, "mode": "show"},
        legend=LEGEND_ABOVE,
    )


def _challenges(frame: pd.DataFrame) -> list[tuple[int, str]]:
    return list(zip(frame["No."], frame["Challenge"], strict=True))


def _answers(columns: pd.Index) -> list[str]:
    """The answer columns of a `rating_distribution` frame: all after No. and Challenge."""
    return [c for c in columns if c not in ("No.", "Challenge")]


def _answers_of_long(frame: pd.DataFrame) -> list[str]:
    answer = frame["Answer"]
    if isinstance(answer.dtype, pd.CategoricalDtype):
        return [str(a) for a in answer.cat.categories]
    return list(dict.fromkeys(answer.astype("str")))


def _nothing_talked_through(frame: pd.DataFrame, answers: list[str], long: bool = False) -> bool:
    """True when no statement has an answer: a chart of gaps alone says nothing."""
    said = [a for a in answers if a != ANSWER_NOT_YET_TALKED]
    if long:
        return int(frame.loc[frame["Answer"].isin(said), "Statements"].sum()) == 0
    return frame.empty or int(frame[said].to_numpy().sum()) == 0


def _texts(counts: list[int]) -> list[str]:
    return [str(n) if n else "" for n in counts]  # a "0" would sit on nothing


def _label(number: int, title: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(f"{number}. {title}", width, break_on_hyphens=False))


def _date_labels(dates: list) -> list[str]:
    """Month and year ("Mar 2025"); the day as well when two rounds share a month, and a
    number after the date when two share a day, so no two bars ever merge."""
    labels = [f"{d:%b %Y}" for d in dates]
    if len(set(labels)) < len(labels):
        labels = [f"{d.day} {d:%b %Y}" for d in dates]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
