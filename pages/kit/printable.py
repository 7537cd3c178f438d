"""Tables that print whole. A grid (st.dataframe) draws only the rows that fit its box and
scrolls inside it, so on paper it would be cut: each grid here has a twin, a plain table of the
same rows, hidden on screen and printed in the grid's place (pages/kit/print.css)."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

import pandas as pd
import streamlit as st

MARKDOWN_MARKS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]|~$"})


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


def table_html(frame: pd.DataFrame, empty: str = "") -> str:
    """The rows as an HTML table, every cell and heading escaped: typed text shows as typed."""
    head = "".join(f"<th>{_escaped(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_escaped(_cell(v, empty))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="print-twin"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _escaped(text: str) -> str:
    """HTML's characters escaped, and markdown's as character references too (the same on
    paper): no link or emphasis could be made of typed text, were it ever read as markdown."""
    return escape(text).translate(MARKDOWN_MARKS)


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
