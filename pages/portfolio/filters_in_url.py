"""The portfolio's filters kept in the URL: a refresh or a shared link opens the same view."""

from __future__ import annotations

from datetime import date

import streamlit as st


def url_list(key: str, options: list) -> list:
    """The values of `key` in the URL (comma-separated) that are among `options`."""
    wanted = st.query_params.get(key, "").split(",")
    return [o for o in options if str(o) in wanted]


def keep_in_url(key: str) -> None:
    """Copy a filter widget's value into the URL; an empty choice leaves the URL."""
    value = st.session_state[f"pf-{key}"]
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    if text:
        st.query_params[key] = text
    else:
        st.query_params.pop(key, None)


def keep_dates_in_url() -> None:
    held = st.session_state["pf-held"]
    if len(held) == 2:
        st.query_params["held"] = f"{held[0].isoformat()},{held[1].isoformat()}"


def url_dates(first: date, last: date) -> tuple[date, date]:
    try:
        start, end = (date.fromisoformat(d) for d in st.query_params.get("held", "").split(","))
    except ValueError:
        return first, last
    return max(start, first), min(end, last)
