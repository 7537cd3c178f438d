"""Who may reach the app: this computer only while nobody signs in, said on every page, and a
server that listens beyond this computer shows nothing."""

from __future__ import annotations

import time

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
    # An administrator: adding providers is theirs (rules/permissions.py).
    ui.service().accounts.create_account(ADMIN, "ada", "Ada Admin", "administrator", PASSWORD)
    at = sign_in(open_page(), "Ada", PASSWORD)
    assert at.caption[0].value == "Signed in as **Ada Admin** (Administrator)."
    assert not any(t.label == "Your name" for t in at.text_input)  # nobody types who they are

    at.switch_page(routes.PROVIDERS.path).run()
    at.text_input[0].input("Northfield Demo Trust (fictional)")
    at.button(key="new-provider:add").click().run()
    (entry,) = ui.service().history("organisation")
    assert (entry.actor_name, entry.actor_role) == ("Ada Admin", "Administrator")

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


# --- sign-in through the person's organisation (st.login) -----------------------------------

EMAIL = "sam.okafor@nhs.net"
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a cookie secret for the tests only",
        "client_id": "recovery",
        "client_secret": "not a secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
    "sign_in": {"organisation_name": "NHSmail"},
}


@pytest.fixture
def organisation_account():
    """A facilitator who signs in through their organisation; no account has a password."""
    return ui.service().accounts.create_account(
        ADMIN, EMAIL, "Sam Okafor", "facilitator", sign_in_with="organisation"
    )


def with_identity(email: str, issued_at: float | None = None) -> AppTest:
    """app.py in a tab where st.login() brought back an identity for `email`."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH)
    at.user = {
        "is_logged_in": True,
        "email": email,
        "name": "Whatever The Provider Calls Them",
        "iat": int(time.time() if issued_at is None else issued_at),
    }
    return at.run()


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_set_up_for_organisations_the_sign_in_page_offers_it_and_a_password_only_if_any(
    organisation_account,
):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH)
    at.run()

    assert titles(at) == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in with NHSmail"]
    assert not at.text_input  # nobody here has a password

    ui.service().accounts.create_account(ADMIN, "ada", "Ada Admin", "administrator", PASSWORD)
    at.run()
    assert [b.label for b in at.button] == ["Sign in with NHSmail", "Sign in"]
    assert at.text_input(key="access:username")


def test_an_identity_signs_in_as_its_account_with_the_account_s_role(organisation_account):
    at = with_identity("Sam.Okafor@NHS.net")

    assert not at.exception, [e.value for e in at.exception]
    assert at.caption[0].value == "Signed in as **Sam Okafor** (Facilitator)."
    token = at.session_state["access:token"]
    assert ui.service().accounts.session_account(token).username == EMAIL

    at.button(key="access:sign-out").click().run()  # the session and the identity end

    assert ui.service().accounts.session_account(token) is None
    assert at.user == {"is_logged_in": False}
    assert titles(at) == ["Sign in"]


def test_an_identity_without_an_account_is_refused_naming_its_email(organisation_account):
    at = with_identity("jo.reyes@nhs.net")

    assert titles(at) == ["Sign in"]
    assert ui.as_text("There is no account here for jo.reyes@nhs.net.") in at.error[0].value
    assert not any(c.value.startswith("Signed in as") for c in at.caption)
    at.button(key="access:sign-out-identity").click().run()
    assert at.user == {"is_logged_in": False}
    assert [b.label for b in at.button] == ["Sign in with NHSmail"]


def test_an_identity_from_before_the_sessions_were_ended_signs_in_again(organisation_account):
    svc = ui.service()
    issued = time.time() - 60
    svc.accounts.end_sessions(ADMIN, organisation_account.id)

    at = with_identity(EMAIL, issued)

    assert at.info[0].value == ui.as_text("Your sign-in has ended; sign in again.")
    assert [b.label for b in at.button] == ["Sign in again", "Sign out"]
    assert not any(c.value.startswith("Signed in as") for c in at.caption)
