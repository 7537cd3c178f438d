"""Tables that print whole. A grid (st.dataframe) draws only the rows that fit its box and
scrolls inside it, so on paper it would be cut: each grid here has a twin, a plain table of the
same rows, hidden on screen and printed in the grid's place (pages/kit/print.css). Tabs made
here print every tab, not only the open one."""

from __future__ import annotations

import hashlib
import pickle
import re
from datetime import date, datetime
from html import escape

import pandas as pd
import streamlit as st

# HTML's characters escaped (as html.escape does), and markdown's as character references too
# (the same on paper): no link or emphasis could be made of typed text, were it read as markdown.
ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_[]|~$"}
)
KEPT = 32  # twins kept built, a few MB at most (one of 500 teams is 150 kB)
_BUILT: dict[bytes, str] = {}


def dataframe(frame: pd.DataFrame, *, paper: pd.DataFrame | None = None, **options):
    """st.dataframe(frame, **options) on screen, with its twin for paper: `paper` when the grid
    shows its cells otherwise than as their values (tags, renamed columns), else `frame`'s
    columns as the grid orders and hides them. Returns what st.dataframe returns (a selection)."""
    if paper is None:
        config = options.get("column_config") or {}
        order = options.get("column_order") or frame.columns
        paper = frame[[c for c in order if c in frame.columns and config.get(c, c) is not None]]
    # The two in a block of their own: print.css hides on paper a grid beside a twin.
    with st.container():
        shown = st.dataframe(frame, **options)
        st.html(table_html(paper, empty=options.get("placeholder") or ""))
    return shown


def tabs(names: list[str]) -> list:
    """st.tabs(names), whose every tab prints, one after another, each under its name as a
    heading (print.css). On screen a closed tab is drawn out of sight: a browser prints what is
    drawn, and a chart in a tab never opened would be missing on paper."""
    key = "print-tabs-" + "-".join(re.sub(r"\W+", "-", name).lower() for name in names)
    with st.container(key=key):
        shown = st.tabs(names)
    for tab, name in zip(shown, names, strict=True):
        tab.html(f'<h2 class="print-heading">{escape(name)}</h2>')
    return shown


def table_html(frame: pd.DataFrame, empty: str = "") -> str:
    """The rows as an HTML table, every cell and heading escaped: typed text shows as typed.
    Kept for the same frame: a page draws its twins on every rerun, and a twin of 500 teams
    took a tenth of the Portfolio's rerun to build (README, "Printing")."""
    key = hashlib.blake2b(pickle.dumps((frame, empty), protocol=5)).digest()
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) >= KEPT:
            _BUILT.clear()
        built = _BUILT[key] = _table_html(frame, empty)
    return built


def _table_html(frame: pd.DataFrame, empty: str) -> str:
    head = "".join(f"<th>{str(c).translate(ESCAPES)}</th>" for c in frame.columns)
    columns = [
        [_cell(v, empty).translate(ESCAPES) for v in frame.iloc[:, i].tolist()]
        for i in range(frame.shape[1])
    ]
    rows = "".join(
        "<tr><td>" + "</td><td>".join(cells) + "</td></tr>" for cells in zip(*columns, strict=True)
    )
    return f'<table class="print-twin"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _cell(value, empty: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v, empty) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return empty
    if isinstance(value, (datetime, pd.Timestamp)):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
