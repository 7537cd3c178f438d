"""Who is at the keyboard: the signed-in account; or, on this computer alone without accounts,
asked once per session, kept in the URL, named by every save."""

from __future__ import annotations

import streamlit as st

from assessments.records import Actor
from assessments.records.accounts import Account
from assessments.rules.text import checked_actor
from pages.kit.ui import as_text, submit

ROLES = [
    "Facilitator",
    "Recovery lead",
    "Team manager",
    "Peer trainer",
    "Peer worker",
    "Commissioner",
    "Administrator",
]


def who_is_recording(compact: bool = False) -> Actor | None:
    """The person at the keyboard, asked once: every save names them. Kept in the URL too
    (`by`), so a refresh or a laptop that slept does not ask again. Returns None, with the
    question on screen, until they have said. `compact` leaves out the line that names them
    (the presentation view shows nothing but the challenge)."""
    account = st.session_state.get("account")
    if isinstance(account, Account):  # signed in (named above every page): never a typed name
        return account.actor
    current = st.session_state.get("actor")
    if not isinstance(current, Actor):
        current = _actor_in_url(st.query_params.get("by", ""))
        if current is not None:
            st.session_state["actor"] = current
    if isinstance(current, Actor):
        by = f"{current.name} ({current.role})"
        if st.query_params.get("by") != by:  # a write to the URL is a message on every run
            st.query_params["by"] = by
        if compact:
            return current
        row = st.container(horizontal=True, vertical_alignment="center")
        row.caption(f"Recording as **{as_text(current.name)}** ({current.role}).")
        if row.button("Not you?", key="actor_change", type="tertiary"):
            del st.session_state["actor"]
            st.query_params.pop("by", None)
            st.rerun()
        return current
    state = st.session_state

    def start() -> None:
        state["actor"] = checked_actor(Actor(state["actor_name"], state["actor_role"]))

    with st.container(border=True, key="kit-recorder"):  # not printed (kit/print.css)
        st.markdown("**Who is at the keyboard?** Each save is recorded under this name.")
        left, right = st.columns(2)
        left.text_input("Your name", key="actor_name", max_chars=200, on_change="ignore")
        right.selectbox("Your role", ROLES, key="actor_role", on_change="ignore")
        submit("Start recording", "actor:start", start)
    return None


def _actor_in_url(text: str) -> Actor | None:
    """ "Sam Okafor (Facilitator)" back into who and what role; anything else is not taken."""
    name, _, role = text.rpartition(" (")
    role = role.removesuffix(")")
    if name.strip() and role in ROLES and len(name) <= 200:
        return Actor(name.strip(), role)
    return None
