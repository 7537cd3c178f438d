"""Signing in through the person's organisation in Chromium: a local OpenID Connect provider
(oidc-provider-mock, on a loopback port in this process) stands in for NHSmail / Entra ID, and
the app is started with a secrets file of its own pointing at it (never the repository's
.streamlit/). A person with an account signs in at the provider and lands signed in as the
account's person; once an administrator ends their sessions, the provider's cookie brings
them back only through signing in again; they sign out; and an identity with no account is
refused with its email."""

from __future__ import annotations

import re
import secrets
import threading
from urllib.parse import urlsplit

import oidc_provider_mock
import pytest
import werkzeug.serving
from playwright.sync_api import expect

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests.e2e.conftest import AppServer, service_on, shot, wait_for_app

pytestmark = pytest.mark.e2e

LOOPBACK = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def provider():
    """The identity provider: whoever types a subject on its page is vouched for, with that
    subject as their email."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    server.server_close()


@pytest.fixture(scope="module")
def oidc_server(tmp_path_factory, provider):
    """The app with `[auth]` pointing at the provider, on a store holding one account that
    signs in through the organisation."""
    server = AppServer(tmp_path_factory.mktemp("oidc"))
    engine = store.open_store(f"sqlite:///{server.data / 'recovery.db'}")
    Service(engine, load()).accounts.create_account(
        Actor("Command line", "Administrator"),
        "sam.okafor@nhs.net",
        "Sam Okafor",
        "facilitator",
        sign_in_with="organisation",
    )
    engine.dispose()
    secrets_file = server.data / "secrets.toml"  # outside the repository
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "{server.url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "recovery-tests"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "\n[sign_in]\n"
        'organisation_name = "NHSmail"\n'
    )
    with pytest.MonkeyPatch.context() as env:  # `streamlit run --secrets.files`, as a variable
        env.setenv("STREAMLIT_SECRETS_FILES", str(secrets_file))
        server.start()
    yield server
    server.stop()


@pytest.fixture
def loopback_page(page):
    """The page, with every request beyond this computer refused (the provider's page asks for
    a stylesheet on a CDN): nothing here may reach the internet."""

    def only_loopback(route):
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_loopback)
    return page


def sign_in_at_the_provider(page, app_url: str, email: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_role("button", name="Sign in with NHSmail").click()
    page.get_by_placeholder("sub").fill(email)  # the provider's own page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**")
    wait_for_app(page)


def sign_out_at_the_provider(page, app_url: str) -> None:
    page.get_by_role("button", name="End session").click()  # the provider asks
    page.wait_for_url(f"{app_url}/**")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Sign in with NHSmail")).to_be_visible()


def test_a_person_signs_in_through_their_organisation_again_once_ended_and_out(
    oidc_server, loopback_page
):
    page = loopback_page
    page.goto(oidc_server.url)
    wait_for_app(page)
    expect(page.get_by_role("button", name="Sign in with NHSmail")).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_have_count(0)  # nobody has one
    shot(page, "64-sign-in-with-organisation")

    sign_in_at_the_provider(page, oidc_server.url, "Sam.Okafor@nhs.net")

    expect(page.get_by_text("Signed in as Sam Okafor (Facilitator).")).to_be_visible()
    expect(page.get_by_role("button", name="Reports")).to_be_visible()  # the whole top bar
    expect(page.get_by_role("heading", name="Recovery self-assessment and TRIP")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    wait_for_app(page)
    shot(page, "65-signed-in-through-organisation")

    # An administrator ends Sam's sessions: the provider's cookie, still in the browser, must
    # not make a new one by itself.
    svc = service_on(oidc_server)
    svc.accounts.end_sessions(Actor("Ada Admin", "Administrator"), 1)
    svc.engine.dispose()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Your sign-in has ended; sign in again.")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    page.get_by_role("button", name="Sign in again").click()
    page.get_by_role("button", name="Sam.Okafor@nhs.net", exact=True).click()  # remembered
    page.wait_for_url(f"{oidc_server.url}/**")
    wait_for_app(page)
    expect(page.get_by_text("Signed in as Sam Okafor (Facilitator).")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_out_at_the_provider(page, oidc_server.url)
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def test_an_identity_without_an_account_is_refused_with_its_email(oidc_server, loopback_page):
    page = loopback_page
    sign_in_at_the_provider(page, oidc_server.url, "jo.reyes@nhs.net")

    # The app puts a word joiner before an @ it shows (no link is made of an address).
    refused = re.compile(r"There is no account here for jo\.reyes\u2060?@nhs\.net\.")
    expect(page.get_by_text(refused)).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    expect(page.get_by_role("link", name="Providers and teams")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    wait_for_app(page)
    shot(page, "66-organisation-identity-refused")
    page.get_by_role("button", name="Sign out").click()
    sign_out_at_the_provider(page, oidc_server.url)
