"""Who may reach the app. Nobody signs in yet, so the app is one person's, on the machine it
runs on: it listens on 127.0.0.1 only (.streamlit/config.toml), says so on every page, and shows
nothing to a server started to listen beyond this machine (README, "Who can reach the app")."""

from __future__ import annotations

import streamlit as st

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serves_other_machines() -> bool:
    """True when the server listens beyond this machine (no address means every interface)."""
    return (st.get_option("server.address") or "") not in LOOPBACK


def guard() -> None:
    """On every run, before any page: without sign-in, no page for other machines."""
    if serves_other_machines():
        st.title("This app is for this computer only")
        st.error(
            "This server listens on "
            f"{st.get_option('server.address') or 'every network interface'}, so other "
            "machines could reach it, but nobody signs in yet: anyone could record under any "
            "name. Nothing is shown. Start it with `bash scripts/run.sh`, which listens on "
            "127.0.0.1, and use it on this computer.",
            icon=":material/lock:",
        )
        st.stop()


def local_only_note() -> None:
    """Said on every page, but for the projected view, which shows the room nothing but the
    challenge."""
    if st.query_params.get("view") != "room":
        st.caption(
            "This computer only, without sign-in: each save is recorded under the name given "
            "at the keyboard."
        )
