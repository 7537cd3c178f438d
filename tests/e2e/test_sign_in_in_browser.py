"""Signing in with a local account in Chromium: the app only after a sign-in, a name held back
after five wrong passwords, and signing out ends the session."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests.demo_store import demo_file
from tests.e2e.conftest import AppServer, choose_option, shot, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory, definitions):
    """A server whose store holds the demo (an audit log of some length), an administrator's
    and a facilitator's accounts."""
    server = AppServer(tmp_path_factory.mktemp("accounts"))
    demo_file(server.data / "recovery.db", definitions)
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


def test_an_administrator_reads_the_audit_log_and_a_filter_outlasts_a_refresh(
    accounts_server, page
):
    page.goto(f"{accounts_server.url}/accounts")
    wait_for_app(page)
    sign_in(page, "ada", PASSWORD)
    page.get_by_role("link", name="Audit log").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    expect(page.get_by_text("Every entry is in its place: the chain is whole")).to_be_visible()
    expect(page.get_by_text("Entries 1–50 of")).to_have_count(2)  # above and under the table
    expect(page.get_by_role("cell", name="Ada Admin (Administrator)").first).to_be_visible()
    shot(page, "67-audit-log")

    choose_option(page, "Kind of record", "Account")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/audit\?(.*&)?kind=Account"))
    page.reload()  # a new session: signed in again, the filter kept by the address
    wait_for_app(page)
    sign_in(page, "ada", PASSWORD)

    expect(page.get_by_text("Entries 1–")).to_have_count(1)
    what = page.locator('[data-testid="stTable"] tbody td:nth-child(5)')
    expect(what.first).to_have_text(re.compile(r"^Account \d+$"))
    assert {cell.split()[0] for cell in what.all_inner_texts()} == {"Account"}
    shot(page, "68-audit-log-accounts")
