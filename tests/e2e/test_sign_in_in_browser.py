"""Signing in with a local account in Chromium: the app only after a sign-in, a name held back
after five wrong passwords, and signing out ends the session."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests.e2e.conftest import AppServer, shot, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory):
    """A server whose store holds an administrator's and a facilitator's accounts."""
    server = AppServer(tmp_path_factory.mktemp("accounts"))
    engine = store.open_store(f"sqlite:///{server.data / 'recovery.db'}")
    accounts = Service(engine, load()).accounts
    by = Actor("Command line", "Administrator")
    accounts.create_account(by, "ada", "Ada Admin", "administrator", PASSWORD)
    accounts.create_account(by, "sam", "Sam Okafor", "facilitator", PASSWORD)
    engine.dispose()
    server.start()
    yield server
    server.stop()


def sign_in(page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def test_sign_in_save_under_the_account_and_sign_out(accounts_server, page):
    page.goto(f"{accounts_server.url}/providers")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("link", name="Providers and teams")).to_have_count(0)
    expect(page.get_by_label("Username")).to_be_visible()
    shot(page, "60-sign-in")

    sign_in(page, "sam", PASSWORD)

    expect(page.get_by_text("Signed in as Sam Okafor (Facilitator).")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_count(0)
    expect(page.get_by_role("button", name="Reports")).to_be_visible()  # the whole top bar
    shot(page, "61-signed-in")
    page.get_by_role("button", name="Sign out").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_five_wrong_passwords_hold_the_name_back_even_after_a_reload(accounts_server, page):
    page.goto(accounts_server.url)
    wait_for_app(page)
    for _ in range(5):
        sign_in(page, "sam", "not the password at all")
        # Refused, and the field emptied: the next attempt starts only after this one ended.
        expect(page.get_by_text("The username or the password is not right")).to_be_visible()
        expect(page.get_by_label("Password", exact=True)).to_have_value("")
    page.reload()  # a new session: the count is in the store, not the browser
    wait_for_app(page)

    sign_in(page, "sam", PASSWORD)

    expect(page.get_by_text("Too many wrong passwords")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    shot(page, "62-sign-in-held-back")


def test_an_administrator_opens_the_accounts_page_from_the_signed_in_line(accounts_server, page):
    page.goto(accounts_server.url)
    wait_for_app(page)
    sign_in(page, "ada", PASSWORD)

    page.get_by_role("link", name="Accounts").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    expect(page.get_by_text("Add an account")).to_be_visible()
    expect(page.get_by_label("Account", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"] canvas').first).to_be_visible()
    page.wait_for_timeout(500)  # the table's canvas draws its rows just after it appears
    shot(page, "63-accounts")
