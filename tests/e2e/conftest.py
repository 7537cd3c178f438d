"""A real app server and Debian's Chromium, driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.first_request import first_request
from tests.artifacts import SCREENSHOTS  # outside the repository
from tests.demo_store import demo_file

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# As scripts/run.sh serves it: app.py through st.App, with the phones' vote routes beside it.
ENTRY = "server.py"
# Without these, Chromium keeps trying to reach Google's hosts on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run server.py` (app.py, and the vote routes beside it) on a data folder of its
    own; it can be killed and started again on the same port and folder, as when a laptop's
    server dies mid-workshop."""

    def __init__(self, data: Path, database_url: str | None = None) -> None:
        self.data = data
        self.database_url = database_url  # None: the SQLite store in `data`
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "RECOVERY_DATA_DIR": str(self.data)}
        env.pop("RECOVERY_DATABASE_URL", None)
        if self.database_url:
            env["RECOVERY_DATABASE_URL"] = self.database_url
        # The output goes to a file: an unread pipe fills up and the server then blocks.
        self.log = (self.data / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / ENTRY),
                "--server.port", str(self.port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",  # nothing is edited during a test run
            ],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        # As scripts/run.sh does: the server's first run is the app's own (see first_request).
        problem = first_request(self.url)
        if problem:
            self.log.flush()
            raise RuntimeError(
                f"the app server did not start: {problem}\n"
                + (self.data / "server.log").read_text()
            )

    def kill(self) -> None:
        """Stop at once, with no chance to tidy up: what a crash or a pulled plug does."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=20)
        self.log.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.log.close()


@pytest.fixture(scope="package")
def app_server(tmp_path_factory) -> Iterator[AppServer]:
    server = AppServer(tmp_path_factory.mktemp("data"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def app_url(app_server) -> str:
    return app_server.url


# Package-wide, not session-wide: a worker's browser and servers go once its last browser test
# is over, before any other test it takes next (Playwright's sync API keeps an asyncio loop
# running while open, in which no later test could run a loop of its own).
@pytest.fixture(scope="package")
def kept_profile(tmp_path_factory):
    """A lane's one Chromium, on a profile kept on disk as a person's own browser keeps it: its
    cache holds the compiled code of the app's scripts, so a page of a server already opened
    starts with less work (the Portfolio: 1.4 CPU-s a load, against 2.3 in a fresh context,
    which compiles the Streamlit front end again). The cache is by address: a server started
    afresh, on a port of its own, is opened as a new browser would."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-packages.sh (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": 1024, "height": 768},
        )
        yield context
        context.close()


@pytest.fixture(scope="package")
def browser(kept_profile):
    """The same Chromium, for the tests that open contexts of their own (phones, a second
    person, other sizes): each starts with nothing kept, as a private window does."""
    return kept_profile.browser


def new_page(browser, width: int = 1024, height: int = 768):
    """A page in a context of its own (close it by `page.context.close()`), of a projector's
    size unless told otherwise, that waits up to 30 s for what it is asked."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def page(kept_profile):
    """A projector-sized page (1024x768) that waits up to 30 s for what it is asked, in the
    lane's kept profile. What one test leaves there goes with it: its cookies (a sign-in) and
    the storage of every address it opened; only the cache stays."""
    page = kept_profile.new_page()
    page.set_default_timeout(30_000)
    yield page
    origins = [origin["origin"] for origin in kept_profile.storage_state()["origins"]]
    cdp = kept_profile.new_cdp_session(page)
    for origin in origins:
        cdp.send(
            "Storage.clearDataForOrigin",
            {"origin": origin, "storageTypes": "local_storage,indexeddb,service_workers"},
        )
    cdp.detach()
    for other in kept_profile.pages:
        other.close()
    kept_profile.clear_cookies()
    kept_profile.clear_permissions()


def wait_for_app(page) -> None:
    """Until the script has finished running: the status widget is gone, and so is every element
    the previous run drew that this one has not (Streamlit marks them stale until the run ends;
    the status widget only shows after a delay, so it alone can miss a short run)."""
    page.wait_for_selector('[data-testid="stApp"]')
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=30_000)


def fields_loaded(page) -> None:
    """Until no field shows the placeholder a kind of field new to this browser shows while its
    code loads: up to 30 s, as a run may take on a busy machine (CI once waited over 5)."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)


def service_on(server: AppServer):
    """The service on the server's own store, to set up a test the way the Rounds page does."""
    from assessments.service import Service
    from assessments.store import open_store
    from framework.loader import load

    return Service(open_store(f"sqlite:///{server.data / 'recovery.db'}"), load())


@pytest.fixture(scope="package")
def demo_server(tmp_path_factory, definitions) -> Iterator[AppServer]:
    """A server on a store holding the fictional demo, shared by the tests that start there."""
    server = AppServer(tmp_path_factory.mktemp("demo"))
    demo_file(server.data / "recovery.db", definitions)  # load_demo's, as the app tests copy it
    server.start()
    yield server
    server.stop()


def follow(page, link: str) -> None:
    """Click a page link once the run that drew it is over: until then the previous run's copy
    may still be on screen beside the new one."""
    found = page.get_by_role("link", name=link)
    expect(found).to_have_count(1)
    found.click()


def sign_in(page, name: str = "Sam Okafor") -> None:
    """The name given at the keyboard, and the run it starts over: a click while that run still
    draws the page can land on a button it is replacing (CI lost "Add the provider" so)."""
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Start recording").click()
    expect(page.get_by_text(f"Recording as {name}")).to_be_visible()
    wait_for_app(page)


def type_date(page, label: str, when: date) -> None:
    """A date field is a group of day, month and year segments: type into them in turn, and
    again if a rerun still under way drew the field afresh over what was typed."""
    field = page.get_by_role("group", name=label, exact=True)
    segments = field.get_by_role("spinbutton")
    for _ in range(3):
        segments.first.click()
        page.keyboard.type(f"{when:%d%m%Y}")
        page.keyboard.press("Escape")  # close the calendar that typing opened
        page.keyboard.press("Tab")
        wait_for_app(page)
        shown = [segments.nth(i).inner_text() for i in range(3)]
        if shown == [f"{when:%d}", f"{when:%m}", f"{when:%Y}"]:
            return
    raise AssertionError(f"{label} shows {shown}, not {when:%d %m %Y}")


def choose_option(page, label: str, option: str, within=None) -> None:
    """Type to filter (long lists only render the options in view), then take the highlighted
    option with Enter: clicking it can miss while the filtered list is still being redrawn."""
    (within or page).get_by_label(label, exact=True).click()
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option).first).to_be_visible()
    page.keyboard.press("Enter")


def part(page, name: str) -> None:
    page.get_by_role("radio", name=name, exact=True).click()
    wait_for_app(page)


def shot(page, name: str, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
