"""How a chart reads at any width, from a 1024 px projector down to 320 px (WCAG 1.4.10
reflow, 400% zoom), without knowing the width it will be drawn at.

A chart of rows writes each row's name above its bar, from the plot's left edge: in a column
beside the bars, the wrapped names took two thirds of a 320 px chart, its bars were squeezed to
slivers and their words cut. A legend goes under the plot, where it may wrap to as many lines
as a narrow screen needs without running into the title above, and the room it needs there is
kept for it, so that the plot never shrinks under a legend that wraps. Axis labels stay level:
tilted, they took the plot's height and ran into each other."""

from __future__ import annotations

import math

import plotly.graph_objects as go

FONT_SIZE = 16
LINE = 21  # px: one line of a 16 px name (plotly sets lines 1.3 apart)
BAR = 26  # px: a bar, with room for a 16 px count written on it
GAP = 10  # px between a bar and the name of the next row
TOP = 70  # px above the plot: the figure's title (pages/kit/chart.py gives 50 of it back)
AXIS = 60  # px under the plot: the axis' tick labels and its title
LEGEND_LINE = 26  # px: one line of a legend
NARROW = 264  # px a legend may fill at 320 px: the page's padding and a margin taken off
SIDES = {"l": 10, "r": 20}  # px: the last tick label's half overhangs the plot's right edge


def names_above(fig: go.Figure, rows: list[str]) -> float:
    """Lays out `fig`'s horizontal bars, one per row of `rows` (top to bottom, the y axis'
    categories), each under its name, and sizes the figure to fit them. Returns the share of a
    row that a bar takes, for marks of a caller's own (`bar_middle`)."""
    lines = max((row.count("<br>") + 1 for row in rows), default=1)
    row_height = GAP + lines * LINE + BAR
    share = BAR / row_height
    # Each bar at the foot of its row, the name on top of it.
    fig.update_traces(width=share, offset=0.5 - share, selector={"type": "bar"})
    for i, row in enumerate(rows):
        fig.add_annotation(
            text=row,
            x=0,
            xref="paper",
            xanchor="left",
            y=i + 0.5 - share,
            yref="y",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": FONT_SIZE},
        )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=rows,
        range=[len(rows) - 0.5, -0.5],  # the first row at the top, every row kept
        showticklabels=False,
        showgrid=False,
        zeroline=False,
    )
    bottom = AXIS + legend_height(fig)
    fig.update_layout(
        height=TOP + row_height * max(len(rows), 1) + bottom,
        margin={**SIDES, "t": TOP, "b": bottom},
        bargap=0,
    )
    legend_below(fig, row_height * max(len(rows), 1))
    return share


def bar_middle(row: int, share: float) -> float:
    """Where on the y axis the middle of row `row`'s bar is (`names_above`)."""
    return row + 0.5 - share / 2


def legend_below(fig: go.Figure, plot_height: int) -> None:
    """The legend under the plot's axis, from its left edge, in the traces' order."""
    fig.update_layout(
        legend={
            "orientation": "h",
            "traceorder": "normal",
            "x": 0,
            "xanchor": "left",
            "y": -AXIS / plot_height,
            "yanchor": "top",
        }
    )


def legend_height(fig: go.Figure) -> int:
    """The px a legend of `fig`'s traces takes at its narrowest (NARROW). A legend that wraps
    gives every entry the width of its widest: a swatch and the longest name."""
    if fig.layout.showlegend is False:
        return 0
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if not names:
        return 0
    widest = 50 + math.ceil(max(map(len, names)) * FONT_SIZE * 0.5)
    return math.ceil(len(names) / max(NARROW // widest, 1)) * LEGEND_LINE
