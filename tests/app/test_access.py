"""Who may reach the app: this computer only while nobody signs in, said on every page, and a
server that listens beyond this computer shows nothing."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assessments.records import Actor
from pages.kit import routes, ui
from tests.app.conftest import APP, open_page

LOCAL = "This computer only, without sign-in"


def test_the_shipped_config_listens_on_this_computer_only_and_hides_what_a_person_need_not_see():
    assert st.get_option("server.address") == "127.0.0.1"
    assert st.get_option("server.enableXsrfProtection")
    assert st.get_option("server.maxUploadSize") == 50
    assert st.get_option("client.showErrorDetails") == "none"
    assert st.get_option("client.toolbarMode") == "minimal"
    assert not st.get_option("browser.gatherUsageStats")


@pytest.mark.parametrize("path", [routes.HOME.path, routes.WORKSHOP.path, routes.PORTFOLIO.path])
def test_every_page_says_it_is_for_this_computer_only(path):
    at = open_page(path)

    assert at.caption[0].value.startswith(LOCAL)


@pytest.fixture
def listening_everywhere(monkeypatch):
    """The server as `streamlit run app.py --server.address 0.0.0.0` starts it."""
    real = st.get_option

    def option(key: str):
        return "0.0.0.0" if key == "server.address" else real(key)

    monkeypatch.setattr(st, "get_option", option)


def test_a_server_listening_beyond_this_computer_shows_nothing_but_how_to_run_it_here(
    listening_everywhere,
):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()

    assert [t.value for t in at.title] == ["This app is for this computer only"]
    assert "other machines could reach it" in at.error[0].value
    assert "scripts/run.sh" in at.error[0].value
    assert not at.button and not at.text_input and not at.selectbox  # nothing of the app


PASSWORD = "correct horse battery staple"
ADMIN = Actor("Ada Admin", "Administrator")


@pytest.fixture
def accounts():
    """A facilitator's account: from now on every page asks for a sign-in."""
    return ui.service().accounts.create_account(ADMIN, "sam", "Sam Okafor", "facilitator", PASSWORD)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="access:username").input(username)
    at.text_input(key="access:password").input(password)
    return at.button(key="access:sign-in").click().run()


def test_with_an_account_every_page_asks_for_a_sign_in_and_shows_nothing_else(accounts):
    at = open_page(routes.PROVIDERS.path)

    assert [t.value for t in at.title] == ["Sign in"]
    assert not at.selectbox  # nothing of the page asked for


def test_a_wrong_password_is_refused_without_saying_whether_the_name_exists(accounts):
    at = sign_in(open_page(), "sam", "not the password at all")
    said = [e.value for e in at.error]
    at = sign_in(at, "nobody", "not the password at all")

    assert said == [e.value for e in at.error] and len(said) == 1
    assert [t.value for t in at.title] == ["Sign in"]
    assert at.text_input(key="access:password").value == ""


def test_signed_in_every_save_is_recorded_under_the_account_and_sign_out_ends_it(accounts):
    at = sign_in(open_page(), "Sam", PASSWORD)
    assert at.caption[0].value == "Signed in as **Sam Okafor** (Facilitator)."
    assert not any(t.label == "Your name" for t in at.text_input)  # nobody types who they are

    at.switch_page(routes.PROVIDERS.path).run()
    at.text_input[0].input("Northfield Demo Trust (fictional)")
    at.button(key="new-provider:add").click().run()
    (entry,) = ui.service().history("organisation")
    assert (entry.actor_name, entry.actor_role) == ("Sam Okafor", "Facilitator")

    token = at.session_state["access:token"]
    at.button(key="access:sign-out").click().run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert ui.service().accounts.session_account(token) is None  # ended in the store too


def test_five_wrong_passwords_hold_the_name_back_even_with_the_right_one(accounts):
    at = open_page()
    for _ in range(5):
        at = sign_in(at, "sam", "not the password at all")

    at = sign_in(at, "sam", PASSWORD)

    assert "Too many wrong passwords" in at.error[0].value
    assert [t.value for t in at.title] == ["Sign in"]


def test_with_accounts_a_server_for_other_machines_asks_for_a_sign_in(
    accounts, listening_everywhere
):
    at = open_page()

    assert [t.value for t in at.title] == ["Sign in"]
