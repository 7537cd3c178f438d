"""Two app servers on one PostgreSQL database, as deploy/compose.yaml runs two replicas: a save
made through one server is what the other shows, and a save made through one over a record
the other changed meanwhile is refused, whichever server each person is on. Runs only where
RECOVERY_TEST_POSTGRES_URL names a PostgreSQL server (CI sets it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from scripts.first_request import first_request
from tests.e2e.conftest import ROOT, _free_port, shot, wait_for_app

POSTGRES = os.environ.get("RECOVERY_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not POSTGRES, reason="needs RECOVERY_TEST_POSTGRES_URL (PostgreSQL)"),
]

PASSWORD = "correct horse battery staple"
PROVIDER = "Westbrook Demo NHS Trust (fictional)"
FIRST = "Westbrook Care NHS Trust (fictional)"
SECOND = "Westbrook Community NHS Trust (fictional)"
MINE = "Westbrook Health NHS Trust (fictional)"


@pytest.fixture(scope="module")
def shared_database():
    """A PostgreSQL database of this test's own beside RECOVERY_TEST_POSTGRES_URL's, dropped
    at the end (the name is random, so runs side by side never meet)."""
    url = make_url(POSTGRES)
    own = url.set(database=f"{url.database}_two_servers_{uuid.uuid4().hex[:8]}")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{own.database}"'))
    try:
        yield own.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def provider_id(shared_database) -> int:
    """Two administrators' accounts, a small provider and a round, made as the command line
    makes them, before either server starts."""
    engine = store.open_store(shared_database)
    try:
        svc = Service(engine, load())
        by = Actor("Command line", "Administrator")
        svc.accounts.create_account(by, "ada", "Ada Admin", "administrator", PASSWORD)
        svc.accounts.create_account(by, "bea", "Bea Admin", "administrator", PASSWORD)
        org = svc.providers.create_organisation(by, PROVIDER)
        svc.providers.create_team(by, org.id, "Riverside CMHT (fictional)", "cmht", "East")
        svc.workshop.create_round(
            by, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
            facilitator="Sam Okafor", participants={"people-using-services": 6},
        )  # fmt: skip
        return org.id
    finally:
        engine.dispose()


class Replica:
    """`streamlit run app.py` on the shared database, on a loopback port of its own."""

    def __init__(self, database: str, folder: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / f"server-{self.port}.log"
        env = {**os.environ, "RECOVERY_DATABASE_URL": database}
        env.pop("RECOVERY_DATA_DIR", None)
        self.log = self.log_path.open("wb")  # a file: an unread pipe would block the server
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.port", str(self.port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_until_ready(self) -> None:
        problem = first_request(self.url)  # as scripts/run.sh: the first run is the app's own
        if problem:
            self.log.flush()
            raise RuntimeError(f"{problem}\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture(scope="module")
def replicas(shared_database, provider_id, tmp_path_factory):
    folder = tmp_path_factory.mktemp("replicas")
    started = [Replica(shared_database, folder), Replica(shared_database, folder)]
    try:
        for replica in started:  # both start at once; each is waited for in turn
            replica.wait_until_ready()
        yield started
    finally:
        for replica in started:
            replica.stop()


@pytest.fixture
def two_people(browser):
    """Two browsers' worth of tabs (contexts share nothing), projector-sized."""
    contexts = [browser.new_context(viewport={"width": 1024, "height": 768}) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(30_000)
    yield pages
    for context in contexts:
        context.close()


def open_signed_in(page, url: str, username: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    expect(page.get_by_text("Signed in as")).to_be_visible()


def heading(page, name: str):
    return page.get_by_role("heading", name=f"Teams of {name}")


def rename(page, name: str) -> None:
    """The provider's name typed in the open 'Rename or archive' box, and Save."""
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("button", name=re.compile(r"^(save\s*)?Save$")).click()
    wait_for_app(page)


def test_two_servers_on_one_database_show_each_other_s_saves_and_refuse_stale_ones(
    replicas, provider_id, shared_database, two_people
):
    a, b = replicas
    ada, bea = two_people
    open_signed_in(ada, f"{a.url}/providers?org={provider_id}", "ada")
    open_signed_in(bea, f"{b.url}/providers?org={provider_id}", "bea")
    expect(heading(bea, PROVIDER)).to_be_visible()

    # A save through server A...
    ada.get_by_text("Rename or archive this provider").click()
    rename(ada, FIRST)
    expect(
        ada.get_by_test_id("stAlertContentSuccess").get_by_text("Saved the provider.")
    ).to_be_visible()
    expect(heading(ada, FIRST)).to_be_visible()
    shot(ada, "70-two-servers-saved-on-a")

    # ...is what server B shows once its page is loaded again (a reload asks for a sign-in).
    open_signed_in(bea, f"{b.url}/providers?org={provider_id}", "bea")
    expect(heading(bea, FIRST)).to_be_visible()
    bea.get_by_text("Rename or archive this provider").click()
    expect(bea.get_by_label("Name", exact=True)).to_have_value(FIRST)
    shot(bea, "71-two-servers-seen-on-b")

    # B has the record open; A saves it again; B's save over the version it read is refused.
    rename(ada, SECOND)
    expect(heading(ada, SECOND)).to_be_visible()
    rename(bea, MINE)

    expect(
        bea.get_by_text(re.compile(r"Not saved: Ada Admin \(Administrator\) saved"))
    ).to_be_visible()
    expect(bea.get_by_role("button", name="Discard mine and show the saved one")).to_be_visible()
    # Nothing of B's was written: the page shows the stored name, A's, and keeps B's typing.
    expect(heading(bea, SECOND)).to_be_visible()
    expect(bea.get_by_label("Name", exact=True)).to_have_value(MINE)
    bea.get_by_role(
        "button", name="Discard mine and show the saved one"
    ).scroll_into_view_if_needed()
    shot(bea, "72-two-servers-stale-save-refused-on-b")  # the message, and both names side by side

    engine = store.open_store(shared_database)
    try:
        svc = Service(engine, load())
        assert svc.providers.organisation(provider_id).name == SECOND
        renamed = [
            e.actor_name for e in svc.history("organisation", provider_id) if e.action == "update"
        ]
        assert renamed == ["Ada Admin", "Ada Admin"]
    finally:
        engine.dispose()

    bea.get_by_role("button", name="Discard mine and show the saved one").click()
    wait_for_app(bea)
    expect(bea.get_by_label("Name", exact=True)).to_have_value(SECOND)
    expect(heading(bea, SECOND)).to_be_visible()
