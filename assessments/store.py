"""The one place that opens database connections: the engine, the tables and the migrations.

The embedded default is a SQLite file in the git-ignored `data/` folder (WAL, a busy timeout,
and every write transaction started with BEGIN IMMEDIATE so two writers queue instead of
failing half-way). `RECOVERY_DATABASE_URL` selects any other database, PostgreSQL included.
The schema is migrated on start; each migration runs once, in order, inside a transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = ROOT / "data"

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1: one row
    Column("version", Integer, nullable=False),
    Column("migrated_at", DateTime(timezone=True), nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),  # trust, vcfse, local-authority, other
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),  # optimistic concurrency
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("team_type", String(60), nullable=False),  # an id from framework team-types
    Column("locality", String(200)),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("organisation_id", "name"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_name", String(200), nullable=False),
    Column("actor_role", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(60), nullable=False),
    Column("entity_id", Integer),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
)


def _m001_core(conn: Connection) -> None:
    for table in (organisations, teams, audit_log):
        table.create(conn)


# Append only: a released migration is never edited, so every database upgrades the same way.
MIGRATIONS: list[Callable[[Connection], None]] = [_m001_core]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


def database_url() -> str:
    url = os.environ.get("RECOVERY_DATABASE_URL")
    if url:
        return url
    data_dir = Path(os.environ.get("RECOVERY_DATA_DIR", DEFAULT_DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'recovery.db'}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Take the write lock up front: a read-then-write never fails on upgrade to a writer.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return conn.execute(select(schema_version.c.version)).scalar_one_or_none() or 0


def upgrade(engine: Engine) -> int:
    """Apply every pending migration; returns the schema version now in force."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # replicas starting together migrate once
            conn.execute(text("SELECT pg_advisory_xact_lock(7042010)"))
        if not conn.dialect.has_table(conn, "schema_version"):
            schema_version.create(conn)
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database is at schema version {version}, newer than this app "
                f"({SCHEMA_VERSION}). Update the app; nothing was changed."
            )
        for migration in MIGRATIONS[version:]:
            migration(conn)
        now = datetime.now(UTC)
        if version == 0:
            conn.execute(
                schema_version.insert().values(id=1, version=SCHEMA_VERSION, migrated_at=now)
            )
        elif version < SCHEMA_VERSION:
            conn.execute(schema_version.update().values(version=SCHEMA_VERSION, migrated_at=now))
    return SCHEMA_VERSION


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
