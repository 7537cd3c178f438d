"""A chart on a page: its title above it as the page's own text, the figure without it.

Plotly draws a title as one line of SVG text, which never wraps: on a narrow screen (a phone,
or 400% zoom at 320 px) a long title ran past the chart's edge, cut off. As text of the page
it wraps at any width, and a screen reader reads it. The figure (assessments/charts) keeps
its title for the board report's and the tests' sake; only its drawing here goes without."""

from __future__ import annotations

from html import unescape

import plotly.graph_objects as go
import streamlit as st

from pages.kit import ui

TITLE_ROOM = 50  # px: what a figure's top margin keeps for its title, given back


def show(figure: go.Figure, key: str, config: dict, where=st) -> None:
    """`figure` drawn at the width of `where` (the page, or a column), its title above it."""
    title = figure.layout.title.text
    if title:
        # The charts write titles as plotly text (HTML-escaped): shown here as the words typed.
        where.markdown(f"**{ui.as_text(unescape(title))}**")
        top = figure.layout.margin.t
        figure = go.Figure(figure).update_layout(
            title_text=None, margin_t=max(top - TITLE_ROOM, 20) if top is not None else None
        )
    where.plotly_chart(figure, width="stretch", key=key, config=config)
