"""A commissioner's measure as an XmR chart in NHS England's "Making Data Count" style, drawn
from `analytics.xmr.series_frame` (its table view): a point per period on an axis that names
each period, the target as a dashed line, and from XMR_MIN_POINTS figures on the mean, the
natural process limits and the special-cause points, marked by shape and named in the legend
(colour never says it alone). A period whose figure is not available, or was never recorded,
is a grey band that says so in words: a gap, never a zero. With too few figures, the chart
says limits would mean nothing yet instead of drawing them.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from assessments.analytics.xmr import NOT_RECORDED, RECORDED, XMR_MIN_POINTS
from assessments.charts.progress import (
    NHS_DARK_GREY,
    NHS_MID_GREY,
    _lay_out,
    _legend_room,
    _level,
    _number,
    signal_markers,
)
from assessments.charts.template_a import DARK_TEXT, LABEL_WIDTH, nothing_yet, plain
from assessments.records.measures import NOT_AVAILABLE

GAP_FILL = "#E8EDEE"  # NHS Pale Grey


def xmr_figure(frame: pd.DataFrame, title: str, unit: str) -> go.Figure:
    fig = go.Figure()
    _lay_out(fig, title)
    if frame.empty:
        return nothing_yet(fig, "No figures recorded yet")
    periods = frame["Period"].tolist()
    recorded = frame["Status"] == RECORDED
    values = [v if ok else None for v, ok in zip(frame["Value"], recorded, strict=True)]
    fig.add_scatter(
        name="Figure",
        x=periods,
        y=values,
        mode="lines+markers+text",
        connectgaps=False,
        line={"color": NHS_DARK_GREY, "width": 2},
        marker={"color": NHS_DARK_GREY, "size": 10},
        text=[_number(v) if v is not None else "" for v in values],
        textposition="top center",
        hovertemplate="%{x}: %{y}<extra></extra>",
        cliponaxis=False,
        showlegend=False,
    )
    _target(fig, frame)
    if frame["Mean"].notna().any():
        mean_line = {"color": NHS_MID_GREY, "dash": "solid", "width": 2}
        limit_line = {"color": NHS_MID_GREY, "dash": "dot", "width": 2}
        _level(fig, periods, frame["Mean"].iloc[0], "Mean", mean_line)
        _level(fig, periods, frame["Upper limit"].iloc[0], "Upper process limit", limit_line)
        _level(fig, periods, frame["Lower limit"].iloc[0], "Lower process limit", limit_line)
        signal_markers(fig, frame, "Period", "%{x}")
    else:
        figures = int(recorded.sum())
        fig.add_annotation(
            # Wrapped: as one line it ran past the edge of a 320 px chart.
            text="<br>".join(
                textwrap.wrap(
                    f"{figures} figure{'s' if figures != 1 else ''}: too few for process limits "
                    f"({XMR_MIN_POINTS} needed), so no mean, limits or signals yet",
                    LABEL_WIDTH,
                )
            ),
            x=0,
            y=1,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"color": DARK_TEXT},
        )
    _gaps(fig, frame)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    fig.update_yaxes(title_text=plain(unit))
    _legend_room(fig)
    return fig


def _target(fig: go.Figure, frame: pd.DataFrame) -> None:
    targets = frame["Target"]
    if targets.isna().all():
        return
    periods = frame["Period"].tolist()
    line = {"color": DARK_TEXT, "dash": "dash", "width": 3}
    if targets.nunique() == 1:
        target = float(targets.dropna().iloc[0])
        _level(fig, periods, target, f"Target {_number(target)}", line, at_start=True)
        return
    first = targets.first_valid_index()
    fig.add_scatter(
        name="Target",
        x=periods,
        y=[None if math.isnan(t) else t for t in targets],
        mode="lines+text",
        line={**line, "shape": "hvh"},
        text=["Target" if i == first else "" for i in frame.index],
        textposition="top right",
        hovertemplate="Target %{x}: %{y}<extra></extra>",
        showlegend=False,
    )


def _gaps(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Each period with no figure: a pale band across the plot, named on it in words."""
    for position, (status, period) in enumerate(zip(frame["Status"], frame["Period"], strict=True)):
        if status == RECORDED:
            continue
        words = NOT_AVAILABLE if status != NOT_RECORDED else NOT_RECORDED
        fig.add_vrect(
            x0=position - 0.45, x1=position + 0.45, fillcolor=GAP_FILL, line_width=0, layer="below"
        )
        fig.add_annotation(
            text=f"{period}: {words.lower()}" if len(frame) <= 6 else words,
            x=period,
            y=0.5,
            xref="x",
            yref="paper",
            textangle=-90,
            showarrow=False,
            font={"color": DARK_TEXT},
        )
