"""How a chart of rows reads at any width, from a 1024 px projector down to 320 px (WCAG 1.4.10
reflow, 400% zoom).

On a wide screen each row's name is in a column beside its bar (`names_beside`): ten rows fit a
768 px projector. At 320 px that column took two thirds of the chart, the bars were squeezed to
slivers and their words cut; there each name is written above its bar, from the plot's left
edge (`names_above`), and the chart grows taller instead. A figure does not know the width it
is drawn at, so a page draws both (`narrow` makes the second; pages/kit/chart.py shows the one
that fits the screen). Under the names above, the legend goes below the plot, where it may wrap
to as many lines as a narrow screen needs without running into the title, and the room it needs
there is kept for it, so that the plot never shrinks under it. Axis labels stay level: tilted,
they took the plot's height and ran into each other."""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

FONT_SIZE = 16
LINE = 21  # px: one line of a 16 px name (plotly sets lines 1.3 apart)
BAR = 26  # px: a bar, with room for a 16 px count written on it
GAP = 10  # px between a bar and the name of the next row
TOP = 70  # px above the plot: the figure's title (pages/kit/chart.py gives 50 of it back)
ROW = 56  # px per row with its name beside it: room for a name wrapped over two lines
CHROME = 190  # px of a chart with names beside: title, legend, axis title and ticks
AXIS = 60  # px under the plot: the axis' tick labels and its title
LEGEND_LINE = 26  # px: one line of a legend
NARROW = 264  # px a legend may fill at 320 px: the page's padding and a margin taken off
SIDES = {"l": 10, "r": 20}  # px: the last tick label's half overhangs the plot's right edge
NAME_WIDTH = 30  # characters of a name above its bars before it wraps: a line fits 320 px
# A legend in one row above the plot, from its left edge, in the traces' order.
LEGEND_ABOVE = {
    "orientation": "h",
    "traceorder": "normal",
    "x": 0,
    "xanchor": "left",
    "y": 1,
    "yanchor": "bottom",
}


def names_beside(fig: go.Figure, rows: list[str]) -> None:
    """Lays out `fig`'s horizontal bars, one per row of `rows` (top to bottom, every row kept
    even when it has no bar), each with its name beside it, and the legend above the plot."""
    fig.update_layout(
        height=CHROME + ROW * max(len(rows), 1),
        margin={"l": 20, "r": 30, "t": 110, "b": 70},
        bargap=0.3,
        legend=LEGEND_ABOVE,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=rows,
        range=[len(rows) - 0.5, -0.5],
        showgrid=False,
        automargin=True,
    )


def narrow(fig: go.Figure) -> go.Figure | None:
    """A copy of `fig`, a chart of rows with their names beside the bars (`names_beside`), with
    each name above its bar instead, what was written on a row in place of a bar where the bar
    would be, and its ticks by number; small multiples of stacked bars as a chart of rows. None
    for any other chart: it reads at any width as it is."""
    if len({trace.xaxis for trace in fig.data}) > 1:
        return _panels_as_rows(fig)
    axis = fig.layout.yaxis
    if axis.type != "category" or axis.showticklabels is False or not axis.categoryarray:
        return None
    rows = list(axis.categoryarray)
    copy = go.Figure(fig)
    notes = [rows.index(note.y) if note.y in rows else None for note in copy.layout.annotations]
    share = names_above(copy, rows)  # (the names go after the notes)
    for note, row in zip(copy.layout.annotations, notes, strict=False):
        if row is not None:
            note.y = bar_middle(row, share)
    # Ticks named in words ("1 Engagement" over two lines) by their numbers alone: three names
    # side by side ran into each other. The bars say the words.
    copy.update_xaxes(ticktext=None)
    return copy


def _panels_as_rows(fig: go.Figure) -> go.Figure:
    """Small multiples of vertical stacked bars (a panel per challenge, five to a row, titled
    by the figure's annotations in order, a bar per round) as one chart of rows: each panel's
    title above its bars, one bar a round, its date beside it. Five panels side by side left
    each about 40 px at 320 px. The y axis counts pixels, so that bars and names keep their
    size whatever the number of panels."""
    panels = sorted({trace.xaxis for trace in fig.data}, key=lambda axis: int(axis[1:] or 1))
    titles = [
        "<br>".join(textwrap.wrap(note.text.replace("<br>", " "), NAME_WIDTH))
        for note in fig.layout.annotations
    ]
    rounds = list(fig.data[0].x)
    top, names, middles = 0, [], []
    for title in titles:
        top += GAP + (title.count("<br>") + 1) * LINE
        names.append((title, top))
        for _ in rounds:
            middles.append(top + BAR / 2)
            top += BAR + 2
    plot = top + GAP
    small = go.Figure(layout={key: fig.layout[key] for key in ("template", "title", "font")})
    for name in dict.fromkeys(trace.name for trace in fig.data):
        mine = [trace for trace in fig.data if trace.name == name]
        first = mine[0]
        at = [panels.index(trace.xaxis) * len(rounds) for trace in mine]
        small.add_bar(
            name=name,
            orientation="h",
            y=[middles[start + i] for start in at for i in range(len(rounds))],
            x=[n for trace in mine for n in trace.y],
            text=[t for trace in mine for t in trace.text],
            customdata=[f"{titles[start // len(rounds)]} · {d}" for start in at for d in rounds],
            width=BAR,
            textposition="inside",
            insidetextanchor="middle",
            textfont=first.textfont,
            marker=first.marker,
            hovertemplate=first.hovertemplate.replace("%{y}", "%{x}").replace(
                "%{x}<br>", "%{customdata}<br>", 1
            ),
        )
    left = SIDES["l"] + math.ceil(max(len(str(r)) for r in rounds) * FONT_SIZE * 0.5) + 8
    for title, foot in names:
        small.add_annotation(
            text=title,
            x=0,
            xref="paper",
            xanchor="left",
            xshift=SIDES["l"] - left,  # from the chart's left edge, over the dates' column
            y=foot,
            yref="y",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": FONT_SIZE},
        )
    counts = fig.layout.yaxis
    small.update_xaxes(
        title_text=counts.title.text,
        tickformat="d",
        tick0=0,
        dtick=counts.dtick,
        range=counts.range,
        showgrid=True,
    )
    small.update_yaxes(
        range=[plot, 0],
        tickmode="array",
        tickvals=middles,
        ticktext=rounds * len(titles),
        showgrid=False,
        zeroline=False,
    )
    bottom = AXIS + legend_height(small)
    small.update_layout(
        barmode="stack",
        uniformtext=fig.layout.uniformtext,
        height=TOP + plot + bottom,
        margin={**SIDES, "l": left, "t": TOP, "b": bottom},
    )
    legend_below(small, plot)
    return small


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
