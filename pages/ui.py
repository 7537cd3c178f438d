"""What every page shares: the loaded definitions, the projector styling, stage cards, and the
working context kept in the URL so a refresh or a sleeping laptop resumes in place."""

from __future__ import annotations

from html import escape

import streamlit as st

from assessments.store import StoreError, describe, open_store
from framework.loader import Definitions, load
from framework.problems import FrameworkError

# Stage cards differ by a label and a border pattern, not by colour alone.
STYLE = """
<style>
[data-testid="stMainBlockContainer"] {padding: 1.5rem 2rem 3rem 2rem; max-width: 100%;}
.stage-card {border: 3px solid #005EB8; border-radius: 6px; padding: 0.8rem 1rem;
  height: 100%; background: #FFFFFF;}
.stage-card.stage-1 {border-style: dotted;}
.stage-card.stage-2 {border-style: dashed;}
.stage-card.stage-3 {border-style: solid; border-width: 4px;}
.stage-card h3 {margin: 0 0 0.4rem 0; padding: 0; font-size: 1.3rem; color: #003087;
  overflow-wrap: normal; word-break: normal; hyphens: manual;}
.stage-card .headline {font-weight: 700; margin-bottom: 0.5rem;}
.stage-card .text {font-size: 1.1rem; line-height: 1.45;}
.challenge-quote {font-size: 1.25rem; font-style: italic; border-left: 6px solid #41B6E6;
  padding: 0.3rem 0 0.3rem 1rem; margin: 0.5rem 0 1rem 0;}
.challenge-quote .by {font-style: normal; font-size: 1rem; color: #425563;}
.muted {color: #425563;}
</style>
"""


@st.cache_resource(show_spinner=False)
def _definitions() -> Definitions | FrameworkError:
    try:
        return load()
    except FrameworkError as exc:  # cached too: the files do not change while the app runs
        return exc


def definitions() -> Definitions:
    """The shipped definitions; a broken file stops the page with every problem listed."""
    loaded = _definitions()
    if isinstance(loaded, FrameworkError):
        st.error(
            "The methodology files could not be loaded, so nothing can be shown. "
            "Ask whoever edited them to run `python -m framework check` and fix:\n\n"
            + "\n".join(f"- `{p}`" for p in loaded.problems)
        )
        st.stop()
    return loaded


@st.cache_resource(show_spinner=False)
def _engine():
    try:
        return open_store()
    except StoreError as exc:  # cached too: the page says why until the app is restarted
        return str(exc)


def engine():
    """The store, migrated on first use; a store that cannot be opened stops the page."""
    opened = _engine()
    if isinstance(opened, str):
        st.error(f"The records cannot be opened, so nothing was read or changed: {opened}")
        st.stop()
    return opened


def store_location() -> str:
    return describe(engine())


def apply_style() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)


def stage_card(number: int, name: str, headline: str | None, text: str) -> None:
    head = f'<div class="headline">{escape(headline)}</div>' if headline else ""
    st.markdown(
        f'<div class="stage-card stage-{number}"><h3>Stage {number} · {escape(name)}</h3>'
        f'{head}<div class="text">{escape(text)}</div></div>',
        unsafe_allow_html=True,
    )


def quotation(text: str, said_by: str) -> None:
    st.markdown(
        f'<div class="challenge-quote">“{escape(text)}”<br>'
        f'<span class="by">— {escape(said_by)}</span></div>',
        unsafe_allow_html=True,
    )


def url_choice(key: str, options: list[str], default: str) -> str:
    """The value of `key` in the URL if it is one of `options`, else `default`."""
    value = st.query_params.get(key)
    return value if value in options else default
