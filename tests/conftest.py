"""Fixtures every layer shares: a fresh store on each database the suite runs against, and the
folder the tests leave screenshots and reports in for a person to look at."""

from __future__ import annotations

import functools
import logging
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests import demo_store
from tests.artifacts import ARTIFACTS

# Page tests import the app's modules, whose caches Streamlit, outside a server, warns it keeps
# in memory: true for every test, and noise in the run's output.
logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("RECOVERY_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES else [])


def pytest_terminal_summary(terminalreporter, config):
    if not hasattr(config, "workerinput") and ARTIFACTS.exists():
        terminalreporter.write_line(f"Screenshots and reports the tests kept: {ARTIFACTS}")


# The browser benchmark's test runs an app server and a Chromium of its own in a child process:
# it goes in a browser lane, where it never runs beside more than one other browser.
BROWSER_HARNESS = "tests/unit/test_benchmarks.py::test_the_browser_harness_prints"
# Browser lanes under pytest-xdist: two, each a worker with its own Chromium and app servers,
# while the other workers share the rest. The browser tests mostly wait (for a rerun, a page,
# a server), so two lanes take about half the time of one; a third would only fight the first
# two and the rest for two CPUs.
BROWSER_LANES = 2


def in_the_browser(nodeid: str) -> bool:
    """A test that drives a Chromium: everything under tests/e2e, and the browser benchmark's."""
    return nodeid.startswith(("tests/e2e/", BROWSER_HARNESS))


@functools.cache
def browser_lanes(lanes: int) -> dict[str, int]:
    """Each browser test module's lane: the modules, largest first, each to the lane with the
    fewest lines of test so far. Lines stand in for seconds (a module's time grows with what it
    does), but the accessibility audit, a short loop over every page, counts four times its own;
    the browser benchmark, one test of its module, counts 150."""
    harness = BROWSER_HARNESS.partition("::")[0]
    weights = {harness: 150}
    for path in (ROOT / "tests" / "e2e").glob("test_*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        weights[path.relative_to(ROOT).as_posix()] = lines * (4 if "audit" in path.name else 1)
    load = [0] * lanes
    found = {}
    for module, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        found[module] = load.index(min(load))
        load[found[module]] += weight
    return found


@functools.cache
def module_wide(path: str) -> bool:
    """A test module with a fixture built once for the module (`scope="module"`): under
    pytest-xdist its tests stay together on one worker, so the fixture is built once."""
    return 'scope="module"' in (ROOT / path).read_text(encoding="utf-8")


def pytest_collection_modifyitems(config, items):
    """The browser tests first: under pytest-xdist they are one long unit of work, best started
    at once while the other workers share the rest; then the modules whose tests stay together
    (`module_wide`), the largest units left, so that none is what a worker ends on. A module
    marked `sqlite_only` tests what a file or the demo holds, not the database: the same service
    runs on PostgreSQL in the store, service and report tests, so its PostgreSQL runs are left
    out (the suite stays quick)."""
    on_postgres = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only")
        and getattr(item, "callspec", None)
        and item.callspec.params.get("database") == "postgresql"
    ]
    if on_postgres:
        config.hook.pytest_deselected(items=on_postgres)
        items[:] = [item for item in items if item not in on_postgres]
    items.sort(
        key=lambda item: (
            not in_the_browser(item.nodeid),
            not module_wide(item.nodeid.partition("::")[0]),
        )
    )


_yielding = False


def pytest_runtest_setup(item):
    """Under pytest-xdist, a worker's first test outside the browser lowers that worker's CPU
    priority, and so of what it starts (LibreOffice, the command line): the browser tests, their
    app servers and Chromium, timed by their waits, get the CPU first, and the rest fill in."""
    global _yielding
    if not _yielding and os.environ.get("PYTEST_XDIST_WORKER") and not in_the_browser(item.nodeid):
        os.nice(10)
        _yielding = True


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (`-n`, as scripts/test.sh runs it): the browser tests in two lanes
    (`browser_lanes`), each on one worker, one test after another; and the rest test by test on
    whichever worker is free, a `module_wide` module's tests together. Test by test, no worker
    is left alone at the end with the rest of a long module (the roles' or the command lines').
    (xdist's own `loadgroup` cannot do it under pytest 9, whose node ids xdist 3.8 can no longer
    append a group to.)"""
    if config.getvalue("dist") not in ("load", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        lanes = 0  # how many browser lanes: fixed at the first test, as workers come and go

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.partition("::")[0]
            if in_the_browser(nodeid):
                # One lane with fewer than three workers: the others keep one for the rest.
                self.lanes = self.lanes or min(BROWSER_LANES, max(1, len(self.nodes) - 1))
                return f"browser lane {browser_lanes(self.lanes).get(module, 0) + 1}"
            return module if module_wide(module) else nodeid

    config.option.loadscopereorder = False  # in collection order: the browser unit first
    return BrowserTestsTogether(config, log)


@pytest.fixture(scope="session")
def postgres_url(testrun_uid):
    """The PostgreSQL database of this process: with pytest-xdist, each worker has a database
    of its own beside RECOVERY_TEST_POSTGRES_URL's, named for the run too, so neither another
    worker nor another run on the same server ever drops it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not POSTGRES or not worker:
        yield POSTGRES
        return
    url = make_url(POSTGRES)
    own = url.set(database=f"{url.database}_{worker}_{testrun_uid[:8]}")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{own.database}"'))
    yield own.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _demo_builds(tmp_path_factory):
    """The demos built for copying (tests/demo_store.py): in a folder the workers of an xdist
    run share (their temporary folders' parent is the run's); a worker's own PostgreSQL
    databases are dropped at the end of its session, the shared ones at the run's."""
    run = tmp_path_factory.getbasetemp()
    demo_store.use_folder((run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "demos")
    yield
    demo_store.remove_all()


def pytest_sessionfinish(session):
    """The run's end, in the process that ran it (under xdist the controller, after every
    worker): the PostgreSQL demo builds the workers shared are dropped."""
    if POSTGRES and not hasattr(session.config, "workerinput"):
        demo_store.drop_shared_databases(session.config._tmp_path_factory.getbasetemp() / "demos")


@pytest.fixture(params=DATABASES)
def database(request, tmp_path):
    """Where this test's store goes: a SQLite file, and in CI also the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'recovery.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def database_url(database):
    """An empty database: a SQLite file, and in CI also the PostgreSQL server."""
    if database.startswith("sqlite"):
        return database
    engine = store.make_engine(database)
    with engine.begin() as conn:  # each test starts from an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return database


@pytest.fixture(scope="session")
def definitions():
    return load()


@pytest.fixture
def service(database, definitions):
    """The service on a fresh store, as the app builds it: `open_store` on a new database, here
    a copy of the session's (tests/demo_store.py; the store tests migrate their own)."""
    demo_store.empty_store(database)
    engine = store.open_store(database)
    yield Service(engine, definitions, today=lambda: date(2026, 11, 23))
    engine.dispose()


@pytest.fixture
def actor():
    return Actor("Sam Okafor", "Recovery lead")
