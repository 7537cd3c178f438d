"""Who may reach the app. Until the first account is made (`python -m assessments
create-admin`), the app is one person's, on the machine it runs on: it listens on 127.0.0.1
only (.streamlit/config.toml), says so on every page, and shows nothing to a server started to
listen beyond this machine. Once an account exists, every page asks for a sign-in first, and
every save is recorded under the signed-in person, never a typed name (README, "Who can reach
the app").

A sign-in lasts for the browser tab's Streamlit session (the token is kept in its session
state, never in the address or a cookie): a refresh or a new tab signs in again.

Sign-in through the person's organisation (OpenID Connect: NHSmail, Microsoft Entra ID) is
Streamlit's own `st.login()`, set up by an `[auth]` section in the secrets (README). Its
identity (`st.user`, from a cookie Streamlit keeps for 30 days) is not a sign-in by itself: a
tab without a live session asks the service for one from the identity's email and issue time,
which refuses an identity no account lets in, or one no longer fresh (rules/sign_in.py); the
page then says why, with the way to sign out or to sign in again."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from assessments.records.accounts import Account, Role
from assessments.rules.errors import SignInRefused
from assessments.rules.sign_in import SignInEnded
from assessments.service import Service
from pages.kit import routes
from pages.kit.ui import as_text, page_title, submit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TOKEN = "access:token"
REFUSAL = "access:identity-refusal"  # why the organisation's identity made no session


def serves_other_machines() -> bool:
    """True when the server listens beyond this machine (no address means every interface)."""
    return (st.get_option("server.address") or "") not in LOOPBACK


def admitted(svc: Service) -> tuple[bool, Account | None]:
    """(whether this run may show the app, who is signed in). Without accounts: this computer
    only, nobody signed in. With accounts: only a live session of this tab, or a new one made
    from the organisation's identity signed in with st.login()."""
    if not svc.accounts.any_accounts():
        return not serves_other_machines(), None
    account = svc.accounts.session_account(st.session_state.get(TOKEN))
    if account is None:
        st.session_state.pop(TOKEN, None)
        account = _from_identity(svc)
    return account is not None, account


def organisation_sign_in() -> bool:
    """Whether the secrets set up sign-in through the person's organisation (`[auth]`)."""
    try:
        auth = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all
        return False
    return bool(auth and auth.get("server_metadata_url") and auth.get("client_id"))


def identity() -> tuple[str, datetime | None] | None:
    """The identity the organisation vouched for in this tab (st.user): its email (or, without
    one, its preferred_username) and when it was issued; None when nobody signed in with it."""
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        return None
    email = claims.get("email") or claims.get("preferred_username") or ""
    issued = claims.get("iat")
    try:
        at = datetime.fromtimestamp(issued, UTC) if isinstance(issued, int | float) else None
    except (OverflowError, OSError, ValueError):
        at = None
    return str(email), at


def _from_identity(svc: Service) -> Account | None:
    """A session of this tab made from the organisation's identity, or None (a refusal is kept
    for `turn_away` to show)."""
    st.session_state.pop(REFUSAL, None)
    found = identity()
    if found is None:
        return None
    try:
        signed = svc.accounts.sign_in_with_identity(*found)
    except SignInRefused as refusal:
        st.session_state[REFUSAL] = refusal
        return None
    st.session_state[TOKEN] = signed.token
    return signed.account


def turn_away(svc: Service) -> None:
    """The page for a run not admitted: the sign-in form, or (no accounts, and a server other
    machines can reach) why nothing is shown. The run ends here."""
    if svc.accounts.any_accounts():
        refusal = st.session_state.get(REFUSAL)
        if refusal is not None:
            _identity_refused(refusal)
        else:
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
    """A button's callback: this tab's session ends, in the store too, and so does the
    organisation's identity (its cookie), if the person signed in with it."""
    svc.accounts.sign_out(st.session_state.pop(TOKEN, None))
    if identity() is not None:
        st.logout()


def _identity_refused(refusal: SignInRefused) -> None:
    """The organisation vouched for someone no account lets in now: why, and the way out."""
    st.title("Sign in")
    with st.container(width=620):
        ended = isinstance(refusal, SignInEnded)
        if ended:
            st.info(as_text(refusal.message), icon=":material/schedule:")
        else:
            st.error(as_text(refusal.message), icon=":material/block:")
        row = st.container(horizontal=True)
        if ended:
            row.button(
                "Sign in again",
                key="access:sign-in-again",
                type="primary",
                icon=":material/login:",
                on_click=st.login,
            )
        row.button("Sign out", key="access:sign-out-identity", on_click=st.logout)
        st.caption(
            "Signing out here signs you out of your organisation's sign-in in this browser, so "
            "that you can sign in as someone else."
        )


def _sign_in_form(svc: Service) -> None:
    page_title("Sign in")  # its own tab title, as every page of the top bar has
    st.title("Sign in")
    state = st.session_state
    organisation = organisation_sign_in()
    if organisation:
        with st.container(width=520):
            st.button(
                f"Sign in with {_organisation_name()}",
                key="access:organisation",
                type="primary",
                icon=":material/domain:",
                on_click=st.login,
                width="stretch",
            )
        if not svc.accounts.any_passwords():
            st.caption(
                "No account here? Ask whoever runs this tool to add one for the email address "
                "you sign in with."
            )
            return
        st.caption("Or with a username and a password given by whoever runs this tool:")

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


def _organisation_name() -> str:
    """How the sign-in button names the organisation's sign-in: the secrets' optional
    `[sign_in] organisation_name` ("NHSmail"), or "your organisation"."""
    name = (st.secrets.get("sign_in") or {}).get("organisation_name")
    return str(name).strip() if isinstance(name, str) and name.strip() else "your organisation"


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
