"""Charts of one round, each drawn from a frame of `analytics.py` (its table view).

Honest by default (DESIGN.md): stages are ordinal, so they are counted or shown as named
stages, never averaged; every axis shows whole numbers only (tickformat "d" and a whole tick
step: 1 up to ten people, then 2, 5, 10...); the spread of views is shown, not only the
consensus. Made to be projected at 1024x768: fonts of 16 px and more, long challenge
titles wrapped, height grown with the number of rows.

Palette: the NHS identity blues, light to dark in strong lightness steps, so the order of the
stages survives any kind of colour blindness and greyscale printing: Stage 1 NHS Light Blue
#41B6E6, Stage 2 NHS Blue #005EB8, Stage 3 NHS Dark Blue #003087, and NHS mid grey #AEB7BD for
"Not sure". Colour is never the only carrier: each answer also has its own pattern (dots,
diagonal lines, solid, crosses) and every mark is labelled with its count or stage in text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

import pandas as pd
import plotly.graph_objects as go

from assessments.analytics.template_a import NOT_AGREED, STAGE_ANSWERS, stage_number
from assessments.charts.rows import FONT_SIZE, names_beside

TITLE_SIZE = 22
LABEL_WIDTH = 30  # characters before a challenge title wraps: a line fits a 320 px screen
DARK_TEXT = "#212B32"  # NHS Black
QUIET_TEXT = "#4C6272"  # NHS Dark Grey: for rows with no bar


@dataclass(frozen=True)
class Style:
    """How one answer is drawn: fill colour, the colour of text on it, and its pattern."""

    colour: str
    text_colour: str
    pattern: str  # plotly `marker.pattern.shape`; "" is solid
    # The pattern contrasts with the fill but not with the text, so counts stay readable.
    pattern_colour: str


STYLES = {
    "Stage 1": Style("#41B6E6", DARK_TEXT, ".", "#FFFFFF"),
    "Stage 2": Style("#005EB8", "#FFFFFF", "/", "#003087"),
    "Stage 3": Style("#003087", "#FFFFFF", "", "#003087"),
    "Not sure": Style("#AEB7BD", DARK_TEXT, "x", "#FFFFFF"),
}


def group_spread_figure(
    frame: pd.DataFrame, title: str = "How each group sees this challenge"
) -> go.Figure:
    """Horizontal stacked bars from `analytics.group_spread`: one bar per group, top to bottom
    in display order, with how many people gave each answer written on its segment."""
    groups = frame["Group"].tolist()
    counts = {answer: frame[answer].tolist() for answer in STAGE_ANSWERS}
    return stacked_counts(groups, counts, title)


def views_overview_figure(frame: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars from `analytics.views_table`: one bar per challenge that has
    views, all groups' answers added together, so the spread behind each agreed stage shows."""
    summed = frame.groupby(["No.", "Challenge", "Answer"], sort=False)["People"].sum()
    wide = summed.unstack("Answer").reindex(columns=list(STAGE_ANSWERS), fill_value=0)
    wide = wide.fillna(0).sort_index(level="No.")
    rows = [wrapped_label(no, challenge) for no, challenge in wide.index]
    counts = {answer: wide[answer].tolist() for answer in STAGE_ANSWERS}
    return stacked_counts(rows, counts, "How everyone sees each challenge")


def agreed_stages_figure(frame: pd.DataFrame) -> go.Figure:
    """The agreed stage of each challenge from `analytics.template_a_table`, as a bar reaching
    its stage on an axis that names the stages. A challenge without an agreed stage has no
    bar: its row says "Not agreed" or "Not decided yet" in words."""
    rows = [
        wrapped_label(no, name) for no, name in zip(frame["No."], frame["Challenge"], strict=True)
    ]
    texts = frame["Stage"].astype("str").tolist()
    stages = [stage_number(text) for text in texts]
    # The Stage column's categories are the whole scale, so every stage gets its tick and
    # its style even when no challenge has reached it.
    scale = {
        number: text
        for text in frame["Stage"].cat.categories
        if (number := stage_number(text)) is not None
    }
    fig = go.Figure()
    for number, name in scale.items():
        style = STYLES[f"Stage {number}"]
        mine = [row for row, stage in zip(rows, stages, strict=True) if stage == number]
        fig.add_bar(
            name=name,
            y=mine,
            x=[number] * len(mine),
            orientation="h",
            text=[name] * len(mine),
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": style.text_colour, "size": FONT_SIZE},
            marker=bar_marker(style),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    for row, stage, text in zip(rows, stages, texts, strict=True):
        if stage is None:
            # A disagreement is an outcome the room recorded; "not decided" is only a gap.
            shown = f"<b>{text}</b>" if text == NOT_AGREED else f"<i>{text}</i>"
            colour = DARK_TEXT if text == NOT_AGREED else QUIET_TEXT
            fig.add_annotation(
                x=0,
                y=row,
                xanchor="left",
                text=shown,
                showarrow=False,
                font={"color": colour, "size": FONT_SIZE},
            )
    _lay_out(fig, "Agreed stage of each challenge")
    names_beside(fig, rows)
    fig.update_xaxes(
        title_text="Agreed stage",
        tickmode="array",
        tickvals=list(scale),
        # Number over name: narrow enough not to tilt or drop off the edge in a half-width
        # column (at 320 px, numbers alone: `rows.narrow`).
        ticktext=[text.replace(" ", "<br>", 1) for text in scale.values()],
        tickangle=0,
        tickformat="d",
        range=[0, max(scale) + 0.5],  # room for the last tick label; bars end on whole stages
        showgrid=True,
    )
    # Each bar names its stage in words, so no legend, and less room is needed above.
    fig.update_layout(showlegend=False, margin_t=70, height=fig.layout.height - 40)
    return fig


def stacked_counts(
    rows: list[str],
    counts: dict[str, list[int]],
    title: str,
    styles: dict[str, Style] = STYLES,
    unit: str = "People",
    verb: str = "said",
    empty: str = "No views recorded yet",
) -> go.Figure:
    """Horizontal stacked bars, one per row top to bottom, one segment per key of `counts`
    (in its order, styled by `styles`) with its count written on it; the axis counts `unit`."""
    fig = go.Figure()
    for answer in counts:
        style = styles[answer]
        people = [int(n) for n in counts[answer]]
        fig.add_bar(
            name=answer,
            y=rows,
            x=people,
            orientation="h",
            text=[str(n) if n else "" for n in people],  # a "0" label would sit on nothing
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": style.text_colour, "size": FONT_SIZE},
            marker=bar_marker(style),
            hovertemplate=f"%{{y}}: %{{x}} {unit.lower()} {verb} {answer}<extra></extra>",
        )
    _lay_out(fig, title)
    names_beside(fig, rows)
    if not rows:
        return nothing_yet(fig, empty)
    totals = [sum(column) for column in zip(*counts.values(), strict=True)]
    fig.update_xaxes(
        title_text=unit,
        tickformat="d",
        tick0=0,
        dtick=whole_step(max(totals)),
        rangemode="tozero",
        showgrid=True,
    )
    fig.update_layout(barmode="stack")
    return fig


def title_style(title: str) -> dict:
    """Every chart's title: large, at the left, pinned to the top so a legend that wraps on a
    narrow screen grows under it. Written as text (`plain`): titles carry typed names."""
    return {
        "text": plain(title),
        "font": {"size": TITLE_SIZE},
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 20},
    }


def plain(text: str) -> str:
    """Text for a chart, shown as typed: Plotly reads a little HTML in its text (bold, links,
    line breaks) and shows character references such as &lt; as the character."""
    return escape(text, quote=False)


def _lay_out(fig: go.Figure, title: str) -> None:
    fig.update_layout(
        template="plotly_white",
        title=title_style(title),
        font={"size": FONT_SIZE, "color": DARK_TEXT},
        # Labels on bars stay at full size on a thin bar, rather than shrinking to nothing.
        uniformtext={"minsize": FONT_SIZE, "mode": "show"},
    )


def nothing_yet(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, x=0, y=0.5, xref="paper", yref="paper", xanchor="left", showarrow=False
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(showlegend=False)
    return fig


def bar_marker(style: Style) -> dict:
    return {
        "color": style.colour,
        "line": {"color": "#FFFFFF", "width": 1},  # keeps touching segments apart
        "pattern": {
            "shape": style.pattern,
            "fgcolor": style.pattern_colour,
            "fgopacity": 0.7,
            "size": 10,
            "solidity": 0.25,
        },
    }


def wrapped_label(number: int, title: str) -> str:
    return "<br>".join(textwrap.wrap(f"{number}. {title}", LABEL_WIDTH))


def whole_step(largest: int) -> int:
    """A whole-number tick step that keeps six ticks or fewer, so that their labels keep apart
    on the narrowest plot (about 250 px at 320 px)."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if largest <= 5 * step:
            return step
    return 1000
