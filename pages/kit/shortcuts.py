"""One-key shortcuts (F, S, P, N, 1-3) that a person can turn off (WCAG 2.1.4). A key of one
character acts wherever the focus is but a text field, a `?` help button included, so a person
using speech input or a screen reader could save or change a decision by accident. The arrow
keys are not characters: they stay.

The choice is a plain session entry, set by the switch's callback: a widget's own state is
dropped on a page that does not draw it, and the choice must outlast a move and another page."""

from __future__ import annotations

from typing import Any, Protocol

import streamlit as st

ON, SWITCH = "kit:one-key-shortcuts", "kit:one-key-shortcuts-switch"


class Where(Protocol):
    """The page (`st`), a column or a container."""

    def toggle(self, label: str, **options: Any) -> bool: ...


def on() -> bool:
    """Whether this session's one-key shortcuts are on (they are, until the person says no)."""
    return st.session_state.get(ON, True)


def key(shortcut: str) -> str | None:
    """The `shortcut=` of a button: None for a single character once they are turned off."""
    return shortcut if len(shortcut) > 1 or on() else None


def named(text: str, shortcut: str) -> str:
    """A help text that names its key, " (F)", only while the key works."""
    return f"{text} ({shortcut})" if key(shortcut) else text


def _keep() -> None:
    st.session_state[ON] = st.session_state[SWITCH]


def switch(where: Where, keys: str) -> None:
    """The switch, its help saying what `keys` (the page's keys, in words) do."""
    st.session_state[SWITCH] = on()
    where.toggle(
        "One-key shortcuts",
        key=SWITCH,
        help=(
            f"When on, a key of one letter or digit presses a button: {keys}. Turn them off if "
            "you use speech input or a screen reader, or press keys by accident: the buttons "
            "then work only by Tab and Enter, or a click. The arrow keys (Previous, Next) "
            "stay. The choice holds on every page until this tab is reloaded or closed."
        ),
        on_change=_keep,
    )
