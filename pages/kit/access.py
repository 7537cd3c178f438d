"""Who may reach the app. Until the first account is made (`python -m assessments
create-admin`), the app is one person's, on the machine it runs on: it listens on 127.0.0.1
only (.streamlit/config.toml), says so on every page, and shows nothing to a server started to
listen beyond this machine. Once an account exists, every page asks for a sign-in first, and
every save is recorded under the signed-in person, never a typed name (README, "Who can reach
the app").

A sign-in lasts for the browser tab's Streamlit session (the token is kept in its session
state, never in the address or a cookie): a refresh or a new tab signs in again."""

from __future__ import annotations

import streamlit as st

from assessments.records.accounts import Account, Role
from assessments.service import Service
from pages.kit import routes
from pages.kit.ui import as_text, submit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TOKEN = "access:token"


def serves_other_machines() -> bool:
    """True when the server listens beyond this machine (no address means every interface)."""
    return (st.get_option("server.address") or "") not in LOOPBACK


def admitted(svc: Service) -> tuple[bool, Account | None]:
    """(whether this run may show the app, who is signed in). Without accounts: this computer
    only, nobody signed in. With accounts: only a live session of this tab."""
    if not svc.accounts.any_accounts():
        return not serves_other_machines(), None
    account = svc.accounts.session_account(st.session_state.get(TOKEN))
    if account is None:
        st.session_state.pop(TOKEN, None)
    return account is not None, account


def turn_away(svc: Service) -> None:
    """The page for a run not admitted: the sign-in form, or (no accounts, and a server other
    machines can reach) why nothing is shown. The run ends here."""
    if svc.accounts.any_accounts():
        _sign_in_form(svc)
    else:
        _refuse_other_machines()
    st.stop()


def who_line(svc: Service, account: Account | None) -> None:
    """Above every page (but the projected view, which shows the room only the challenge): who
    is signed in, with the way to sign out; or that this is one computer without sign-in."""
    if st.query_params.get("view") == "room":
        return
    if account is None:
        st.caption(
            "This computer only, without sign-in: each save is recorded under the name given "
            "at the keyboard."
        )
        return
    row = st.container(horizontal=True, vertical_alignment="center")
    row.caption(f"Signed in as **{as_text(account.display_name)}** ({account.actor.role}).")
    if account.role == Role.ADMINISTRATOR:
        row.page_link(routes.ACCOUNTS.path, label="Accounts", icon=routes.ACCOUNTS.icon)
    row.button("Sign out", key="access:sign-out", type="tertiary", on_click=sign_out, args=(svc,))


def sign_out(svc: Service) -> None:
    """A button's callback: this tab's session ends, in the store too."""
    svc.accounts.sign_out(st.session_state.pop(TOKEN, None))


def _sign_in_form(svc: Service) -> None:
    st.title("Sign in")
    state = st.session_state

    def sign_in() -> None:
        password, state["access:password"] = state["access:password"], ""  # kept no longer
        state[TOKEN] = svc.accounts.sign_in(state.get("access:username", ""), password).token

    with st.container(border=True, width=520):
        st.text_input("Username", key="access:username", autocomplete="username")
        st.text_input(
            "Password", key="access:password", type="password", autocomplete="current-password"
        )
        submit("Sign in", "access:sign-in", sign_in, icon=":material/login:")
    st.caption("Forgotten your password? Ask whoever runs this tool to set a new one.")


def _refuse_other_machines() -> None:
    st.title("This app is for this computer only")
    st.error(
        "This server listens on "
        f"{as_text(st.get_option('server.address') or 'every network interface')}, so other "
        "machines could reach it, but nobody signs in yet: anyone could record under any name. "
        "Nothing is shown. Make the first account with `python -m assessments create-admin` "
        "and everyone signs in; or start it with `bash scripts/run.sh`, which listens on "
        "127.0.0.1, and use it on this computer.",
        icon=":material/lock:",
    )
