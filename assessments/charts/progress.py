"""Charts of how a plan is going, each drawn from a frame of `progress.py` (its table view).

The house style of `charts.py`: projected at 1024x768 with fonts of 16 px and more, stages
named and never given decimals, every mark labelled in words or numbers, and shape or pattern
as well as colour. A goal's run chart follows NHS England's "Making Data Count": grey points
for ordinary variation, NHS Blue circles for a signal of improvement, orange diamonds for a
signal of concern, and a purple square where a point signals both ways or the measure has no
better direction.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from assessments.analytics.template_a import NOT_AGREED, stage_number
from assessments.charts.rows import AXIS, SIDES, TOP, legend_below, legend_height, names_above
from assessments.charts.template_a import (
    DARK_TEXT,
    FONT_SIZE,
    Style,
    bar_marker,
    nothing_yet,
    plain,
    title_style,
    whole_step,
)
from assessments.records.plans import ACTION_STATUSES, status_text

HEIGHT = 540  # px: the chart, its title and legend fit a 768 px projector under the app's header
NHS_BLUE = "#005EB8"
NHS_ORANGE = "#ED8B00"
NHS_PURPLE = "#330072"
NHS_DARK_GREY = "#425563"
NHS_MID_GREY = "#768692"
NOT_AGREED_Y = 0.75  # below stage 1 and inside the axis, which starts at 0.5

# (legend name, marker symbol, colour) of each kind of signal; symbols differ as well as colours.
SIGNALS = {
    "improvement": ("Signal: improvement", "circle", NHS_BLUE),
    "concern": ("Signal: concern", "diamond", NHS_ORANGE),
    "unclear": ("Signal: neither better nor worse", "square", NHS_PURPLE),
}

# Action statuses in RAG colours, each with its own pattern; the fill of "done" is solid.
STATUS_STYLES = {
    "not-started": Style("#AEB7BD", DARK_TEXT, ".", "#FFFFFF"),
    "on-track": Style("#009639", "#FFFFFF", "/", "#006747"),
    "at-risk": Style("#FFB81C", DARK_TEXT, "x", "#FFFFFF"),
    "overdue": Style("#DA291C", "#FFFFFF", "\\", "#8A1538"),
    "done": Style(NHS_BLUE, "#FFFFFF", "", NHS_BLUE),
    "dropped": Style(NHS_MID_GREY, "#FFFFFF", "-", NHS_DARK_GREY),
}


def stage_timeline_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    """The stage over time from `progress.stage_timeline`: a step line, since a stage holds
    until it is next rated, on an axis that names the stages. A rating the room could not
    agree is an open marker at the foot of the chart, saying so."""
    fig = go.Figure()
    _lay_out(fig, title)
    if frame.empty:
        return nothing_yet(fig, "No stage recorded yet")
    scale = {
        number: text
        for text in frame["Stage"].astype("category").cat.categories
        if (number := stage_number(str(text))) is not None
    }
    last = frame["Date"].max()
    agreed = frame[frame["Stage number"].notna()]
    stages = agreed["Stage"].astype("str").tolist()
    fig.add_scatter(
        name="Stage",
        x=agreed["Date"].tolist(),
        y=[int(n) for n in agreed["Stage number"]],
        mode="lines+markers+text",
        line={"shape": "hv", "color": NHS_BLUE, "width": 3},
        marker={"color": NHS_BLUE, "size": 14},
        # Words only where the stage changes: a repeated stage's words would overlap.
        text=[
            s if s != before else "" for s, before in zip(stages, [None, *stages[:-1]], strict=True)
        ],
        textposition=_beside(agreed["Date"], last, "top"),
        customdata=list(zip(stages, agreed["Source"], strict=True)),
        hovertemplate="%{x|%d %b %Y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        cliponaxis=False,
    )
    unagreed = frame[frame["Stage number"].isna()]
    if not unagreed.empty:
        fig.add_scatter(
            name=NOT_AGREED,
            x=unagreed["Date"].tolist(),
            y=[NOT_AGREED_Y] * len(unagreed),
            mode="markers+text",
            marker={"symbol": "circle-open", "color": DARK_TEXT, "size": 14, "line_width": 2},
            text=[NOT_AGREED] * len(unagreed),
            textposition=_beside(unagreed["Date"], last, "middle"),
            customdata=unagreed["Source"].tolist(),
            hovertemplate="%{x|%d %b %Y}: %{text}<br>%{customdata}<extra></extra>",
            cliponaxis=False,
        )
    fig.update_xaxes(type="date", range=_date_range(frame["Date"]))
    fig.update_yaxes(
        title_text="Stage",
        tickmode="array",
        tickvals=list(scale),
        # The stages by number: names beside the plot left it no width at 320 px. Each point
        # where the stage changes writes its name.
        tickformat="d",
        range=[0.5, max(scale) + 0.5],
        zeroline=False,
    )
    fig.update_layout(showlegend=False, margin_t=70)  # every point names its stage
    return fig


def measure_figure(frame: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """A goal's run chart from `progress.measure_frame`: its values over time against the
    target, and from 12 points on the mean, the process limits and the signals."""
    fig = go.Figure()
    _lay_out(fig, title)
    if frame.empty:
        return nothing_yet(fig, "No measurements yet")
    dates = frame["Date"].tolist()
    sources = frame["Source"].tolist()
    last = len(dates) - 1
    fig.add_scatter(
        name="Measured",
        x=dates,
        y=frame["Value"].tolist(),
        mode="lines+markers+text",
        line={"color": NHS_DARK_GREY, "width": 2},
        marker={"color": NHS_DARK_GREY, "size": 10},
        # The baseline and the latest value in words; every other is in the table beside the
        # chart: written on each point, the numbers ran into each other.
        text=[
            f"Baseline {_number(v)}" if source == "Baseline" else _number(v) if i == last else ""
            for i, (v, source) in enumerate(zip(frame["Value"], sources, strict=True))
        ],
        textposition=["top right", *["top center"] * (len(dates) - 2), "top left"][-len(dates) :],
        customdata=sources,
        hovertemplate="%{x|%d %b %Y}: %{y} (%{customdata})<extra></extra>",
        cliponaxis=False,
    )
    target = frame["Target"].iloc[0]
    if pd.notna(target):
        # Named at the start, so its label never sits on an upper limit's close by.
        target_line = {"color": DARK_TEXT, "dash": "dash", "width": 3}
        _level(fig, dates, target, f"Target {_number(target)}", target_line, at_start=True)
    if frame["Mean"].notna().any():
        mean_line = {"color": NHS_MID_GREY, "dash": "solid", "width": 2}
        limit_line = {"color": NHS_MID_GREY, "dash": "dash", "width": 2}
        _level(fig, dates, frame["Mean"].iloc[0], "Mean", mean_line)
        _level(fig, dates, frame["Upper limit"].iloc[0], "Upper limit", limit_line)
        _level(fig, dates, frame["Lower limit"].iloc[0], "Lower limit", limit_line)
        signal_markers(fig, frame, "Date", "%{x|%d %b %Y}")
    fig.update_xaxes(type="date", range=_date_range(frame["Date"]))
    fig.update_yaxes(title_text=plain(unit))
    _legend_room(fig)
    return fig


def action_status_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    """How many actions had each status when the plan was signed and at each review, from
    `progress.action_status_frame`: a stacked bar per occasion, top to bottom in date order,
    named above it ("12 Mar 2026 · Signed") with the count on each segment. Bars on a date axis
    were as thin as the closest two dates were apart."""
    fig = go.Figure()
    _lay_out(fig, title)
    if frame.empty:
        return nothing_yet(fig, "No actions yet")
    # Each occasion named with what happened on it; two on one day are one bar.
    occasions = frame.drop_duplicates(["Date", "Label"]).groupby("Date", sort=True)["Label"]
    rows = {on: f"{on.day} {on:%b %Y} · {' / '.join(labels)}" for on, labels in occasions}
    for key in ACTION_STATUSES:
        style = STATUS_STYLES[key]
        found = frame[frame["Status"] == status_text(key)]
        fig.add_bar(
            name=status_text(key),
            y=[rows[on] for on in found["Date"]],
            x=found["Actions"].tolist(),
            orientation="h",
            text=[str(n) if n else "" for n in found["Actions"]],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": style.text_colour, "size": FONT_SIZE},
            marker=bar_marker(style),
            hovertemplate="%{y}: %{x} %{fullData.name}<extra></extra>",
        )
    fig.update_layout(barmode="stack", uniformtext={"minsize": FONT_SIZE, "mode": "show"})
    names_above(fig, list(rows.values()))
    fig.update_xaxes(
        title_text="Actions",
        tickformat="d",
        tick0=0,
        dtick=whole_step(int(frame.groupby("Date")["Actions"].sum().max())),
        rangemode="tozero",
        showgrid=True,
    )
    return fig


def signal_markers(fig: go.Figure, frame: pd.DataFrame, x: str, x_shown: str) -> None:
    """The points of `frame` (columns `x`, Value and Signal) that show a special cause, one
    trace per kind of SIGNALS: its own shape as well as colour, its name in the legend, the
    signal's words on hover."""
    kinds = frame["Signal"].map(_kind)
    for kind, (name, symbol, colour) in SIGNALS.items():
        points = frame[kinds == kind]
        if points.empty:
            continue
        fig.add_scatter(
            name=name,
            x=points[x].tolist(),
            y=points["Value"].tolist(),
            mode="markers",
            marker={"symbol": symbol, "color": colour, "size": 16, "line": {"width": 0}},
            customdata=points["Signal"].tolist(),
            hovertemplate=f"{x_shown}: %{{y}}<br>%{{customdata}}<extra></extra>",
        )


def _level(
    fig: go.Figure, dates: list, value: float, label: str, line: dict, *, at_start: bool = False
) -> None:
    """A horizontal line across the chart with its name written on it, at its right-hand end
    or its start. The name is dark whatever the line's colour, so it stays readable."""
    fig.add_scatter(
        name=label,
        x=[dates[0], dates[-1]],
        y=[value, value],
        mode="lines+text",
        line=line,
        text=[label, ""] if at_start else ["", label],
        textposition="top right" if at_start else "top left",
        hovertemplate=f"{label}: %{{y:,.4~g}}<extra></extra>",
        showlegend=False,  # labelled on the line itself
    )


def _beside(dates: pd.Series, last: object, height: str) -> list[str]:
    """Words to the right of each point, but to the left of the last, which has no room."""
    return [f"{height} left" if on == last else f"{height} right" for on in dates]


def _kind(signal: str) -> str | None:
    """Which of SIGNALS a point's signal words make it, or None for ordinary variation."""
    if not signal:
        return None
    better, worse = "(improvement)" in signal, "(concern)" in signal
    if better != worse:
        return "improvement" if better else "concern"
    return "unclear"


def _number(value: float) -> str:
    return f"{value:,.10g}"  # 12, 12.5, 1,200: no trailing ".0" and no exponent


def _date_range(dates: pd.Series) -> list[pd.Timestamp]:
    """The dates' span with room either side, so the first and last labels are not cut off."""
    first, last = pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
    pad = max((last - first) * 0.08, timedelta(days=20))
    return [first - pad, last + pad]


def _lay_out(fig: go.Figure, title: str) -> None:
    fig.update_layout(
        template="plotly_white",
        title=title_style(title),
        font={"size": FONT_SIZE, "color": DARK_TEXT},
        height=HEIGHT,
        margin={"l": 20, "r": 30, "t": TOP, "b": AXIS},
    )
    fig.update_yaxes(automargin=True)
    # Dates month over year and level: tilted, they took a third of a 320 px chart's height.
    fig.update_xaxes(tickformat="%b<br>%Y", tickangle=0)


def _legend_room(fig: go.Figure) -> None:
    """The legend under the plot, the figure's height kept: the plot gives up what it needs."""
    bottom = AXIS + legend_height(fig)
    fig.update_layout(margin={**SIDES, "l": 20, "b": bottom})
    legend_below(fig, HEIGHT - TOP - bottom)
