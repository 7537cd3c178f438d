"""A chart on a page: its title above it as the page's own text, the figure without it.

Plotly draws a title as one line of SVG text, which never wraps: on a narrow screen (a phone,
or 400% zoom at 320 px) a long title ran past the chart's edge, cut off. As text of the page
it wraps at any width, and a screen reader reads it. The figure (assessments/charts) keeps
its title for the tests' sake; only its drawing here goes without.

A chart of rows is drawn twice, its names beside its bars and above them (charts/rows.py), and
style.css shows the one that fits the screen: a figure cannot know the width it is drawn at."""

from __future__ import annotations

from html import unescape

import plotly.graph_objects as go
import streamlit as st

from assessments.charts.rows import narrow
from pages.kit import ui

TITLE_ROOM = 50  # px: what a figure's top margin keeps for its title, given back


def show(figure: go.Figure, key: str, config: dict, where=st) -> None:
    """`figure` drawn at the width of `where` (the page, or a column), its title above it."""
    title = figure.layout.title.text
    if title:
        # The charts write titles as plotly text (HTML-escaped): shown here as the words typed.
        where.markdown(f"**{ui.as_text(unescape(title))}**")
    small = narrow(figure)
    if small is None:
        where.plotly_chart(_untitled(figure), width="stretch", key=key, config=config)
        return
    # Keys that style.css knows: "chart-wide-" above 640 px, "chart-narrow-" at 640 px and less.
    for drawn, size in ((figure, "wide"), (small, "narrow")):
        where.plotly_chart(
            _untitled(drawn), width="stretch", key=f"chart-{size}-{key}", config=config
        )


def _untitled(figure: go.Figure) -> go.Figure:
    if not figure.layout.title.text:
        return figure
    top = figure.layout.margin.t
    return go.Figure(figure).update_layout(
        title_text=None, margin_t=max(top - TITLE_ROOM, 20) if top is not None else None
    )
