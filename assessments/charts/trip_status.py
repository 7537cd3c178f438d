"""Teams by their TRIP status as a picture, drawn from `analytics.trip_status.status_counts` (its
table view): one bar per status, its status written above it and how many teams beside it.

The house style of `template_a.py`: fonts of 16 px and more, whole numbers only. Colour is never
the only carrier: each status is named above its bar and has its own pattern, and every bar says
its count in words ("0 teams" too: an empty status is a finding). No team is named or ranked.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from assessments.charts.rows import names_above
from assessments.charts.template_a import (
    DARK_TEXT,
    FONT_SIZE,
    Style,
    bar_marker,
    title_style,
    whole_step,
)
from assessments.records.trip_status import CURRENT, LAPSED, NO_TRIP

STATUS_STYLES = {
    CURRENT: Style("#005EB8", "#FFFFFF", "", "#003087"),  # NHS Blue, solid
    LAPSED: Style("#99C6EA", DARK_TEXT, "/", "#FFFFFF"),  # a light blue, striped
    NO_TRIP: Style("#FFFFFF", DARK_TEXT, "|", "#AEB7BD"),  # a gap: white with grey stripes
}
ROOM = 1.4  # the axis runs this far past the longest bar: room for its "N teams" at 320 px


def teams_by_status_figure(counts: pd.DataFrame, title: str = "Teams by TRIP status") -> go.Figure:
    """Horizontal bars, one per status top to bottom in the frame's order (`status_counts`),
    each with "N teams" written beside it."""
    statuses = counts["TRIP status"].tolist()
    teams = [int(n) for n in counts["Teams"]]
    labels = statuses  # the status in words, as the table says it
    fig = go.Figure()
    for label, status, n in zip(labels, statuses, teams, strict=True):
        style = STATUS_STYLES.get(status, STATUS_STYLES[NO_TRIP])
        marker = bar_marker(style)
        marker["line"] = {"color": "#425563", "width": 1}  # a white bar keeps its edge
        fig.add_bar(
            name=label,
            y=[label],
            x=[n],
            orientation="h",
            text=[f"{n} team{'s' * (n != 1)}"],
            textposition="outside",
            textfont={"color": DARK_TEXT, "size": FONT_SIZE},
            marker=marker,
            hovertemplate=f"{label}: %{{x}} team{'s' * (n != 1)}<extra></extra>",
            cliponaxis=False,
        )
    fig.update_layout(
        template="plotly_white",
        title=title_style(title),
        font={"size": FONT_SIZE, "color": DARK_TEXT},
        showlegend=False,  # each bar has its status written above it
    )
    names_above(fig, labels)
    largest = max(teams, default=0)
    fig.update_xaxes(
        title_text="Teams",
        tickformat="d",
        tick0=0,
        dtick=whole_step(largest),
        range=[0, max(largest, 1) * ROOM],
        showgrid=True,
    )
    return fig
