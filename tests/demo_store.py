"""The fictional demo, built once per test run for each size, seed and day
a test asks for, then copied into a test's own empty store: `load_demo` takes seconds, a copy a
few milliseconds. Each copy is the test's own, so a test may write to it.

SQLite: the demo is built into a file in a temporary folder and the file is copied over the
test's store. PostgreSQL: it is built into a database of its own, and the test's database is
created again from it (`CREATE DATABASE ... TEMPLATE ...`).

Under pytest-xdist the builds are shared by the workers of a run: the first to need one builds
it under a lock in a folder they share, the others wait and copy it. A PostgreSQL build is
copied only while nobody is connected to it, which holds once its builder has finished; the
shared builds are dropped when the whole run ends.

The tests of `load_demo` itself (test_demo.py's seeds, sizes and refusals) still call it."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from assessments import store
from assessments.service import Service
from demo import DemoSummary, load_demo
from framework.loader import Definitions

# (backend, server, teams, rounds, seed, day), or (backend, server, "empty") for an empty
# store -> (the file or database built, the demo's summary)
_built: dict[tuple, tuple[str, DemoSummary | None]] = {}
_folder: Path | None = None


def use_folder(folder: Path) -> None:
    """Where this session's SQLite builds go: a folder shared by the run's workers."""
    global _folder
    folder.mkdir(parents=True, exist_ok=True)
    _folder = folder


def _shared(name: str, build: Callable[[], DemoSummary | None]) -> DemoSummary | None:
    """What `build()` returned for the build `name`: built by the first worker of the run to
    ask, under a lock in the shared folder; waited for and read by the others."""
    assert _folder is not None, "tests/conftest.py's session fixture names the folder"
    told = _folder / f"{name}.summary"
    with open(_folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not told.exists():
            told.write_bytes(pickle.dumps(build()))
        return pickle.loads(told.read_bytes())


def _shared_file(name: str, build: Callable[[str], DemoSummary | None]):
    """The SQLite file `name` in the shared folder, with what `build(path)` returned (one
    self-contained file: the write-ahead log folded in, so a plain copy is whole)."""

    def built() -> DemoSummary | None:
        building = _folder / f"{name}.building"
        building.unlink(missing_ok=True)
        summary = build(str(building))
        with sqlite3.connect(building) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        os.replace(building, _folder / name)
        return summary

    summary = _shared(name, built)
    return str(_folder / name), summary


def _key(url: URL, teams: int, rounds: int, seed: int, today: date | None) -> tuple:
    backend = url.get_backend_name()
    server = None if backend == "sqlite" else url.set(database="").render_as_string(False)
    return backend, server, teams, rounds, seed, today or date.today()


def _build(url: str, definitions: Definitions, key: tuple) -> DemoSummary:
    *_, teams, rounds, seed, day = key
    engine = store.open_store(url)
    try:
        # The service's today is the demo's day: nothing the demo writes comes after it.
        service = Service(engine, definitions, today=lambda: day)
        return load_demo(service, teams=teams, rounds=rounds, seed=seed, today=day)
    finally:
        engine.dispose()


def _sqlite_original(definitions: Definitions, key: tuple) -> tuple[str, DemoSummary]:
    if key not in _built:
        *_, teams, rounds, seed, day = key
        _built[key] = _shared_file(
            f"demo-{teams}-{rounds}-{seed}-{day:%Y%m%d}.db",
            lambda path: _build(f"sqlite:///{path}", definitions, key),
        )
    return _built[key]


def _admin(url: URL):
    """A connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _postgres_original(url: URL, definitions: Definitions, key: tuple) -> tuple[str, DemoSummary]:
    """The demo built into a database of the run's own (named for the shared folder, so every
    worker of the run finds it), dropped when the run ends (`drop_shared_databases`)."""
    if key not in _built:
        *_, teams, rounds, seed, day = key
        run = hashlib.sha1(str(_folder).encode()).hexdigest()[:8]
        name = f"demo_{run}_{teams}_{rounds}_{seed}_{day:%Y%m%d}"

        def build() -> DemoSummary:
            admin = _admin(url)
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            (_folder / f"{name}.postgres").write_text(url.render_as_string(False))
            return _build(url.set(database=name).render_as_string(False), definitions, key)

        _built[key] = (name, _shared(name, build))
    return _built[key]


# The empty store's tables and its schema_version rows, by the empty build's name.
_empty_shape: dict[str, tuple[frozenset[str], list]] = {}
# The one table a new store has rows in: which migrations it has had.
_KEPT = "schema_version"


def _shape(conn) -> tuple[frozenset[str], list] | None:
    """The database's tables and its schema_version rows; None when it holds no store."""
    tables = frozenset(
        conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
    )
    if _KEPT not in tables:
        return None
    return tables, [tuple(r) for r in conn.execute(text(f"SELECT * FROM {_KEPT}"))]


def _shape_of(url: URL) -> tuple[frozenset[str], list] | None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return _shape(conn)
    finally:
        engine.dispose()


def _emptied(url: URL, empty: str) -> bool:
    """The test's PostgreSQL database emptied in place, where it holds a store of the same
    tables and migrations as the empty build: every table but schema_version truncated and its
    sequences restarted, so it is what a copy would be, in a tenth of the server's time of a
    `CREATE DATABASE ... TEMPLATE`. (A DELETE costs the server less again, but leaves the rows'
    old places free, and a later test's rows read back in another order than they were
    written.) False where it is not (a test dropped the schema, or migrated its own, or left
    a lock held): then it is copied."""
    if empty not in _empty_shape:
        _empty_shape[empty] = _shape_of(url.set(database=empty))
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            # A connection some earlier test left open could hold a lock: then a copy, which
            # ends such connections, rather than a wait.
            conn.execute(text("SET LOCAL lock_timeout = '2s'"))
            if _shape(conn) != _empty_shape[empty]:
                return False
            names = ", ".join(f'"{t}"' for t in sorted(_empty_shape[empty][0] - {_KEPT}))
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    except OperationalError:
        return False
    finally:
        engine.dispose()
    return True


def _copy_database(url: URL, original: str) -> None:
    """`url`'s database made again as a copy of `original`. A copy needs nobody connected to
    the original, and a builder's connections can take a moment to close: a few tries."""
    admin = _admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        for attempt in range(20):
            try:
                conn.execute(text(f'CREATE DATABASE "{url.database}" TEMPLATE "{original}"'))
                break
            except OperationalError:
                if attempt == 19:
                    raise
                time.sleep(0.25)
    admin.dispose()


def load_demo_copy(
    service: Service,
    *,
    teams: int = 12,
    rounds: int = 3,
    seed: int = 2010,
    today: date | None = None,
) -> DemoSummary:
    """What `load_demo(service, ...)` writes into the service's empty store, copied from the
    session's own build of the same demo. The service's engine is disposed first; it connects
    to the copy on its next use."""
    assert not service.history(), "the demo loads only into an empty store"
    url = service.engine.url
    key = _key(url, teams, rounds, seed, today)
    service.engine.dispose()
    if url.get_backend_name() == "sqlite":
        original, summary = _sqlite_original(service.definitions, key)
        _copy_file(original, Path(url.database))
        return summary
    original, summary = _postgres_original(url, service.definitions, key)
    _copy_database(url, original)
    return summary


def empty_store(url: str) -> None:
    """Make the database at `url` an empty store just as `store.open_store` leaves a new one,
    by copying the session's own (built once by `open_store`): a SQLite file not made yet, or
    a PostgreSQL database, made again. A migration takes far longer than a copy."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        key = (backend, None, "empty")
        if key not in _built:
            _built[key] = _shared_file(
                "empty.db", lambda path: store.open_store(f"sqlite:///{path}").dispose()
            )
        _copy_file(_built[key][0], Path(parsed.database))
        return
    key = (backend, parsed.set(database="").render_as_string(False), "empty")
    if key in _built and _emptied(parsed, _built[key][0]):
        return
    if key not in _built:
        name = f"{parsed.database}_empty"
        admin = _admin(parsed)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        store.open_store(parsed.set(database=name).render_as_string(False)).dispose()
        _built[key] = (name, None)
    _copy_database(parsed, _built[key][0])


def demo_file(
    path: Path,
    definitions: Definitions,
    *,
    teams: int = 12,
    rounds: int = 3,
    seed: int = 2010,
    today: date | None = None,
) -> DemoSummary:
    """A SQLite store at `path` (not opened yet by anyone) holding the demo."""
    key = _key(make_url(f"sqlite:///{path}"), teams, rounds, seed, today)
    original, summary = _sqlite_original(definitions, key)
    _copy_file(original, path)
    return summary


def _copy_file(original: str, path: Path) -> None:
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(original, path)


def remove_all() -> None:
    """At the end of a worker's session: this worker's own PostgreSQL databases go (the
    shared builds go when the whole run ends: `drop_shared_databases`)."""
    for key, (original, _) in list(_built.items()):
        if key[0] != "sqlite" and key[2] == "empty":
            admin = _admin(make_url(key[1]))
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{original}" WITH (FORCE)'))
            admin.dispose()
    _built.clear()


def drop_shared_databases(folder: Path) -> None:
    """When the run is over (every worker done): the PostgreSQL builds the workers shared."""
    for told in folder.glob("*.postgres"):
        admin = _admin(make_url(told.read_text()))
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{told.stem}" WITH (FORCE)'))
        admin.dispose()
        told.unlink()
