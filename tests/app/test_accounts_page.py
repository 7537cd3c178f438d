"""The Accounts page, for an administrator signed in: accounts listed, added (with the password
rules), disabled, given a new password and their sessions ended; nobody else sees it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assessments.records import Actor
from pages.kit import routes, ui
from tests.app.conftest import open_page

PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_token():
    svc = ui.service()
    svc.accounts.create_account(
        Actor("Command line", "Administrator"), "ada", "Ada Admin", "administrator", PASSWORD
    )
    svc.providers.create_organisation(Actor("Ada Admin", "Administrator"), "Northfield (fictional)")
    return svc.accounts.sign_in("ada", PASSWORD).token


def accounts_page(token: str):
    at = open_page()
    at.session_state["access:token"] = token
    at.switch_page(routes.ACCOUNTS.path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rows(at) -> list[tuple]:
    frame = at.dataframe[0].value
    return list(frame[["Username", "Role", "Works with", "Status"]].itertuples(index=False))


def test_without_an_administrator_signed_in_the_page_says_who_manages_accounts():
    at = open_page(routes.ACCOUNTS.path)

    assert "Only an administrator, signed in, manages accounts" in at.info[0].value
    assert not at.dataframe


def test_an_administrator_adds_an_account_for_a_provider_and_a_weak_password_is_refused(
    admin_token,
):
    at = accounts_page(admin_token)
    at.text_input(key="accounts:username").input("sam")
    at.text_input(key="accounts:name").input("Sam Okafor")
    at.selectbox(key="accounts:role").set_value("facilitator")
    at.multiselect(key="accounts:orgs").set_value([1])
    at.text_input(key="accounts:password").input("password1234")
    at.button(key="accounts:add").click().run()

    assert "common passwords" in at.error[0].value
    assert [r.Username for r in rows(at)] == ["ada"]
    assert at.text_input(key="accounts:username").value == "sam"  # what was typed stays

    at.text_input(key="accounts:password").input(PASSWORD)
    at.button(key="accounts:add").click().run()

    assert rows(at)[1] == ("sam", "Facilitator", "Northfield (fictional)", "Can sign in")
    assert ui.service().accounts.sign_in("Sam", PASSWORD).account.display_name == "Sam Okafor"


def test_disabling_ends_the_sessions_and_a_new_password_is_needed_to_sign_in_again(admin_token):
    svc = ui.service()
    svc.accounts.create_account(
        Actor("Ada Admin", "Administrator"), "sam", "Sam Okafor", "viewer", PASSWORD
    )
    sams = svc.accounts.sign_in("sam", PASSWORD).token
    at = accounts_page(admin_token)
    at.selectbox(key="accounts:chosen").set_value(2).run()

    at.button(key="accounts:switch").click().run()

    assert rows(at)[1].Status == "Disabled"
    assert svc.accounts.session_account(sams) is None
    at.button(key="accounts:switch").click().run()
    at.text_input(key="accounts:new-password").input("a brand new long passphrase")
    at.button(key="accounts:set-password").click().run()
    assert "Set a new password for Sam Okafor" in at.success[0].value
    assert svc.accounts.sign_in("sam", "a brand new long passphrase").account.id == 2


def test_where_the_records_are_is_on_the_accounts_page_not_on_home(admin_token, own_store):
    at = accounts_page(admin_token)
    assert at.caption[1].value == f"Records are kept in `sqlite:///{own_store}`."

    at.switch_page(routes.HOME.path).run()
    assert not any("Records are kept" in c.value for c in at.caption)


def test_an_administrator_adds_a_person_who_signs_in_through_their_organisation(admin_token):
    at = accounts_page(admin_token)
    at.radio(key="accounts:sign-in-with").set_value("organisation").run()
    assert not [t for t in at.text_input if t.key == "accounts:password"]  # no password here
    at.text_input(key="accounts:username").input("jo")
    at.text_input(key="accounts:name").input("Jo Reyes")
    at.selectbox(key="accounts:role").set_value("viewer")
    at.button(key="accounts:add").click().run()
    assert "email address" in at.error[0].value

    at.text_input(key="accounts:username").input("Jo.Reyes@NHS.net")
    at.button(key="accounts:add").click().run()

    assert rows(at)[1] == ("jo.reyes@nhs.net", "Viewer", "None yet", "Can sign in")
    assert at.dataframe[0].value["Signs in with"].tolist() == ["Password", "Organisation"]
    signed = ui.service().accounts.sign_in_with_identity("jo.reyes@nhs.net", datetime.now(UTC))
    assert signed.account.display_name == "Jo Reyes"


def test_an_administrator_moves_a_person_from_a_password_to_their_organisation(admin_token):
    svc = ui.service()
    svc.accounts.create_account(
        Actor("Ada Admin", "Administrator"), "sam@nhs.net", "Sam Okafor", "viewer", PASSWORD
    )
    at = accounts_page(admin_token)
    at.selectbox(key="accounts:chosen").set_value(2).run()

    at.button(key="accounts:to-organisation").click().run()

    assert "Sam Okafor now signs in with their organisation's sign-in" in at.success[0].value
    assert at.dataframe[0].value["Signs in with"].tolist() == ["Password", "Organisation"]
    assert svc.accounts.sign_in_with_identity("sam@nhs.net", datetime.now(UTC)).account.id == 2
    assert not [b for b in at.button if b.key == "accounts:set-password"]
    assert at.button(key="accounts:to-password")
