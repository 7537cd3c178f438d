"""Accounts, for an administrator signed in: who can sign in, how (a password, or their
organisation's sign-in), with what role and for which providers and teams; a new account, a
new password or another way to sign in, an account disabled or enabled, and a person's sessions
ended. Every change goes through the service, which checks the role again."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records.accounts import ROLES, SIGN_IN_WITH, Account, Role, Scope, SignInWith
from pages.kit import printable, routes, ui

ui.start_page()
svc = ui.service()
st.title("Accounts")
account = st.session_state.get("account")
if not isinstance(account, Account) or account.role != Role.ADMINISTRATOR:
    st.info(
        "Only an administrator, signed in, manages accounts. The first one is made on the "
        'command line: `python -m assessments create-admin --username NAME --name "Full name"`.'
    )
    st.stop()
actor = account.actor
state = st.session_state
st.caption(f"Records are kept in {ui.store_location()}.")
st.page_link(routes.AUDIT.path, label="Audit log", icon=":material/history:")
providers = {o.id: o.name for o in svc.providers.organisations()}
teams = {t.id: t for t in svc.providers.teams()}
accounts = svc.accounts.accounts()


def scope_words(scope: Scope) -> str:
    if scope.team_id is not None and scope.team_id in teams:
        return f"{teams[scope.team_id].name} ({providers.get(scope.organisation_id, '')})"
    return providers.get(scope.organisation_id, f"provider {scope.organisation_id}")


def works_with(a: Account) -> str:
    if a.role == Role.ADMINISTRATOR:
        return "Every provider and team"
    return "; ".join(map(scope_words, a.scopes)) or "None yet"


printable.dataframe(
    pd.DataFrame(
        [
            (
                a.username,
                a.display_name,
                ROLES[a.role],
                works_with(a),
                "Organisation" if a.sign_in_with == SignInWith.ORGANISATION else "Password",
                "Disabled" if a.disabled else "Can sign in",
            )
            for a in accounts
        ],
        columns=["Username", "Name", "Role", "Works with", "Signs in with", "Status"],
    ),
    hide_index=True,
)
ui.show_told("accounts:saved")

with st.expander("Add an account", icon=":material/person_add:"):
    left, right = st.columns(2)
    left.text_input("Username", key="accounts:username", max_chars=60)
    right.text_input("Name, as shown", key="accounts:name", max_chars=200)
    left.selectbox("Role", list(ROLES), format_func=ROLES.get, key="accounts:role")
    right.radio(
        "Signs in with",
        list(SIGN_IN_WITH),
        format_func=SIGN_IN_WITH.get,
        key="accounts:sign-in-with",
        horizontal=True,
    )
    with_password = state["accounts:sign-in-with"] == SignInWith.PASSWORD
    if with_password:
        right.text_input(
            "Password",
            type="password",
            key="accounts:password",
            help="At least 12 characters, not a common password: three random words work well. "
            "Tell the person in person, not by email.",
        )
    else:
        right.caption(
            "Their username is the email address their organisation's sign-in gives (such as "
            "sam.okafor@nhs.net); they have no password here."
        )
    st.multiselect(
        "Providers they work with", list(providers), format_func=providers.get, key="accounts:orgs"
    )
    st.multiselect(
        "Teams they work with",
        list(teams),
        format_func=lambda i: f"{teams[i].name} ({providers.get(teams[i].organisation_id, '')})",
        key="accounts:teams",
    )

    def add() -> None:
        by_password = state["accounts:sign-in-with"] == SignInWith.PASSWORD
        password = state.get("accounts:password", "") if by_password else ""
        state["accounts:password"] = ""  # kept no longer
        scopes = [Scope(organisation_id=o) for o in state["accounts:orgs"]] + [
            Scope(teams[t].organisation_id, t) for t in state["accounts:teams"]
        ]
        made = svc.accounts.create_account(
            actor,
            state["accounts:username"],
            state["accounts:name"],
            state["accounts:role"],
            password,
            scopes,
            sign_in_with=state["accounts:sign-in-with"],
        )
        for key in ("accounts:username", "accounts:name", "accounts:orgs", "accounts:teams"):
            state.pop(key, None)
        ui.tell("accounts:saved", f"Added {made.display_name} ({made.username}).")

    ui.submit("Add the account", "accounts:add", add, icon=":material/person_add:")

if accounts:
    st.header("Change an account", anchor=False)
    by_id = {a.id: a for a in accounts}
    chosen = by_id[
        st.selectbox(
            "Account",
            list(by_id),
            format_func=lambda i: f"{by_id[i].display_name} ({by_id[i].username})",
            key="accounts:chosen",
        )
    ]
    by_organisation = chosen.sign_in_with == SignInWith.ORGANISATION
    if by_organisation:
        st.caption(f"Signs in through their organisation as `{chosen.username}`.")
    st.text_input(
        "A password, to sign in with one instead" if by_organisation else "New password",
        type="password",
        key="accounts:new-password",
    )

    def new_password() -> None:
        password, state["accounts:new-password"] = state["accounts:new-password"], ""
        svc.accounts.set_password(actor, chosen.id, password)
        ui.tell(
            "accounts:saved",
            f"Set a new password for {chosen.display_name}; their sessions have ended.",
        )

    def sign_in_with(how: SignInWith) -> None:
        password, state["accounts:new-password"] = state["accounts:new-password"], ""
        svc.accounts.set_sign_in_with(actor, chosen.id, chosen.version, how, password)
        ui.tell(
            "accounts:saved",
            f"{chosen.display_name} now signs in with {SIGN_IN_WITH[how].lower()}; their "
            "sessions have ended.",
        )

    def switch() -> None:
        if chosen.disabled:
            svc.accounts.enable_account(actor, chosen.id, chosen.version)
            ui.tell("accounts:saved", f"{chosen.display_name} can sign in again.")
        else:
            svc.accounts.disable_account(actor, chosen.id, chosen.version)
            ui.tell("accounts:saved", f"Disabled {chosen.display_name}; their sessions ended.")

    def end() -> None:
        ended = svc.accounts.end_sessions(actor, chosen.id)
        ui.tell("accounts:saved", f"Ended {ended} session(s) of {chosen.display_name}.")

    row = st.container(horizontal=True)
    if by_organisation:
        ui.submit(
            "Sign in with this password instead",
            "accounts:to-password",
            lambda: sign_in_with(SignInWith.PASSWORD),
            where=row,
        )
    else:
        ui.submit("Set the new password", "accounts:set-password", new_password, where=row)
    ui.submit(
        "Enable" if chosen.disabled else "Disable",
        "accounts:switch",
        switch,
        primary=False,
        where=row,
    )
    ui.submit("End their sessions", "accounts:end", end, primary=False, where=row)
    if not by_organisation:
        ui.submit(
            "Sign in through their organisation instead",
            "accounts:to-organisation",
            lambda: sign_in_with(SignInWith.ORGANISATION),
            primary=False,
            where=row,
        )
