"""The one place that opens database connections: the engine, transactions and the upgrade.

The embedded default is a SQLite file in the git-ignored `data/` folder (WAL, a busy timeout,
and every write transaction started with BEGIN IMMEDIATE so two writers queue instead of
failing half-way). `RECOVERY_DATABASE_URL` selects any other database, PostgreSQL included.
The schema is migrated on start; each migration runs once, in order, inside a transaction.

The live tables are in `tables.py` (and named here too, as `store.organisations` and so on);
the migrations, frozen with their own table definitions, in `migrations/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from assessments.store.measure_tables import measure_values
from assessments.store.migrations import MIGRATIONS, SCHEMA_VERSION, version_table
from assessments.store.story_tables import stories
from assessments.store.tables import (
    account_scopes,
    accounts,
    assets,
    audit_log,
    challenge_records,
    measurements,
    metadata,
    moderations,
    organisations,
    participants,
    plan_versions,
    plans,
    reviews,
    rounds,
    schema_version,
    sessions,
    sign_in_failures,
    teams,
    trip_ratings,
    views,
)
from assessments.store.vote_tables import vote_questions, votes

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "StoreBusy",
    "StoreError",
    "account_scopes",
    "accounts",
    "assets",
    "audit_log",
    "challenge_records",
    "current_version",
    "database_url",
    "describe",
    "make_engine",
    "measure_values",
    "measurements",
    "metadata",
    "moderations",
    "one_read",
    "open_store",
    "organisations",
    "participants",
    "plan_versions",
    "plans",
    "reading",
    "reviews",
    "rounds",
    "schema_version",
    "sessions",
    "sign_in_failures",
    "stories",
    "teams",
    "trip_ratings",
    "upgrade",
    "views",
    "vote_questions",
    "votes",
    "writing",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = ROOT / "data"


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another write held the store for longer than a save waits (`WAIT_SECONDS`); nothing of
    this one was written, and trying again a moment later works."""

    def __init__(self) -> None:
        super().__init__(
            "Not saved: the records were busy with another change for more than "
            f"{WAIT_SECONDS} seconds. Nothing was lost: what you typed is still here, so try "
            "again in a moment."
        )


WAIT_SECONDS = 10  # how long a write waits for another to finish before it is refused
_LOCKED = ("database is locked", "lock timeout", "canceling statement due to lock timeout")


@contextmanager
def _busy_refused() -> Iterator[None]:
    """A write that waited too long for another (SQLite's busy timeout, PostgreSQL's
    lock_timeout) becomes StoreBusy, which a page shows as a refusal in words."""
    try:
        yield
    except OperationalError as exc:
        if any(words in str(exc.orig).lower() for words in _LOCKED):
            raise StoreBusy() from exc
        raise


def database_url() -> str:
    url = os.environ.get("RECOVERY_DATABASE_URL")
    if url:
        return url
    data_dir = Path(os.environ.get("RECOVERY_DATA_DIR", DEFAULT_DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'recovery.db'}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("postgresql"):
        wait = f"-c lock_timeout={WAIT_SECONDS * 1000}"
        return create_engine(url, pool_pre_ping=True, connect_args={"options": wait})
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={WAIT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write takes the lock up front, so a read-then-write never fails on upgrade to a
        # writer; reads stay deferred and run beside the writer (WAL).
        reading = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


class _ScreenRead:
    """The one read transaction of a screen, begun at its first read and ended by a write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None

    def connection(self) -> Connection:
        if self.conn is None:
            conn = self.engine.connect()
            conn.execution_options(read_only=True)
            if conn.dialect.name == "postgresql":  # one snapshot for the whole transaction
                conn.execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
            self.conn = conn
        return self.conn

    def end(self) -> None:
        if self.conn is not None:
            self.conn.close()  # a read transaction: nothing to keep
            self.conn = None


_screen_read: ContextVar[_ScreenRead | None] = ContextVar("screen_read", default=None)
_one_write: ContextVar[tuple[Engine, Connection] | None] = ContextVar("one_write", default=None)


@contextmanager
def one_write(engine: Engine) -> Iterator[None]:
    """Every write and read inside shares one transaction: an import of many records lands
    whole, or (on any error, or if the process dies part-way) nothing of it does."""
    held = _screen_read.get()
    if held is not None and held.engine is engine:
        held.end()
    with _busy_refused(), engine.begin() as conn:
        token = _one_write.set((engine, conn))
        try:
            yield
        finally:
            _one_write.reset(token)


def _in_one_write(engine: Engine) -> Connection | None:
    shared = _one_write.get()
    return shared[1] if shared is not None and shared[0] is engine else None


@contextmanager
def one_read(engine: Engine) -> Iterator[None]:
    """Every read inside shares one transaction, so a screen reads one consistent state in one
    round of statements. A write inside ends it (the write's own transaction follows), and the
    next read begins another, which sees what was written."""
    held = _ScreenRead(engine)
    token = _screen_read.set(held)
    try:
        yield
    finally:
        _screen_read.reset(token)
        held.end()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads only: one consistent snapshot, no write lock (inside `one_read`,
    the screen's shared one)."""
    shared = _in_one_write(engine)
    if shared is not None:
        yield shared
        return
    held = _screen_read.get()
    if held is not None and held.engine is engine:
        try:
            yield held.connection()
        except SQLAlchemyError:
            held.end()  # a failed statement spoils the transaction: the next read begins anew
            raise
        return
    with engine.connect() as conn:
        conn.execution_options(read_only=True)
        with conn.begin():
            yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: everything in it is saved together, or nothing is. It ends the
    screen's read transaction first, so what is read after it includes it."""
    shared = _in_one_write(engine)
    if shared is not None:
        yield shared  # saved with the rest of `one_write`, or not at all
        return
    held = _screen_read.get()
    if held is not None and held.engine is engine:
        held.end()
    with _busy_refused(), engine.begin() as conn:
        yield conn


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return conn.execute(select(version_table.c.version)).scalar_one_or_none() or 0


def upgrade(engine: Engine, to: int = SCHEMA_VERSION) -> int:
    """Apply the pending migrations up to `to` (tests build older databases this way);
    returns the schema version now in force."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # replicas starting together migrate once
            conn.execute(text("SELECT pg_advisory_xact_lock(7042010)"))
        if not conn.dialect.has_table(conn, "schema_version"):
            version_table.create(conn)
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database is at schema version {version}, newer than this app "
                f"({SCHEMA_VERSION}). Update the app; nothing was changed."
            )
        for migration in MIGRATIONS[version:to]:
            migration(conn)
        now = datetime.now(UTC)
        if version == 0:
            conn.execute(version_table.insert().values(id=1, version=to, migrated_at=now))
        elif version < to:
            conn.execute(version_table.update().values(version=to, migrated_at=now))
    return max(version, to)


def open_store(url: str | None = None) -> Engine:
    """An engine on an up-to-date schema: what the app calls once on start. Any failure is a
    StoreError whose message a person can act on."""
    try:
        engine = make_engine(url)
        upgrade(engine)
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(f"{database_url() if url is None else url}: {reason}") from exc
    return engine


def describe(engine: Engine) -> str:
    """Where the records are kept, without any password in the URL."""
    return engine.url.render_as_string(hide_password=True)
