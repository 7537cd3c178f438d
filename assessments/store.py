"""The one place that opens database connections: the engine, the tables and the migrations.

The embedded default is a SQLite file in the git-ignored `data/` folder (WAL, a busy timeout,
and every write transaction started with BEGIN IMMEDIATE so two writers queue instead of
failing half-way). `RECOVERY_DATABASE_URL` selects any other database, PostgreSQL included.
The schema is migrated on start; each migration runs once, in order, inside a transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
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

# An assessment round: one sitting of Template A for an organisation or a team, or one TRIP
# benchmarking of a team (kind "trip", whose `framework` is the benchmark set's id@version).
rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),  # empty: the whole organisation
    Column("framework", String(100), nullable=False),  # id@version, fixed for the round
    Column("kind", String(20), nullable=False, server_default="template-a"),  # or "trip"
    Column("held_on", Date, nullable=False),
    Column("facilitator", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # draft, agreed, practice
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# How many people of each stakeholder group took part; never who they were.
participants = Table(
    "participants",
    metadata,
    Column("round_id", ForeignKey("rounds.id"), primary_key=True),
    Column("group_id", String(60), primary_key=True),
    Column("people", Integer, nullable=False),
    CheckConstraint("people >= 0", name="participants_people_not_negative"),
)

# One challenge of a round: what the room agreed. Its version guards the views below too,
# because the room saves a challenge as one piece.
challenge_records = Table(
    "challenge_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("challenge_id", String(60), nullable=False),
    Column("agreed_stage", Integer),
    Column("not_agreed", Boolean, nullable=False, default=False),
    Column("dissent", Text, nullable=False, default=""),
    Column("priority", Integer),
    Column("comments", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "challenge_id"),
    UniqueConstraint("round_id", "priority"),
    CheckConstraint("agreed_stage BETWEEN 1 AND 3", name="challenge_records_stage_1_to_3"),
    CheckConstraint("priority BETWEEN 1 AND 10", name="challenge_records_priority_1_to_10"),
)

# Each stakeholder group's view of one challenge, as a tally of hands or cards.
views = Table(
    "views",
    metadata,
    Column("record_id", ForeignKey("challenge_records.id"), primary_key=True),
    Column("group_id", String(60), primary_key=True),
    Column("stage_1", Integer, nullable=False, default=0),
    Column("stage_2", Integer, nullable=False, default=0),
    Column("stage_3", Integer, nullable=False, default=0),
    Column("not_sure", Integer, nullable=False, default=0),
    Column("note", Text, nullable=False, default=""),
    CheckConstraint(
        "stage_1 >= 0 AND stage_2 >= 0 AND stage_3 >= 0 AND not_sure >= 0",
        name="views_tallies_not_negative",
    ),
)


# A priority of a scope with its Template B: `scope` is "org:ID" or "team:ID", so one open plan
# per challenge and scope can be a unique index. A team's TRIP priorities have the scope
# "trip:ID", and `challenge_id` holds the benchmark statement each grew from (one open priority
# per statement). The content lives in its versions below.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),
    Column("scope", String(40), nullable=False),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),  # the round that chose it
    Column("framework", String(100), nullable=False),
    Column("challenge_id", String(60), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # open, completed, closed
    Column("status_reason", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),  # guards every change to the plan
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('open', 'completed', 'closed')", name="plans_status_known"),
    Index(
        "plans_one_open_per_challenge",
        "scope",
        "challenge_id",
        unique=True,
        sqlite_where=text("status = 'open'"),
        postgresql_where=text("status = 'open'"),
    ),
)

# Each version of a plan's Template B, as one JSON document. A draft is edited in place; once
# signed it is never written again, and a change makes the next number.
plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("signed_on", Date),
    Column("signed_by_commissioner", String(200), nullable=False, default=""),
    Column("signed_by_provider", String(200), nullable=False, default=""),
    Column("created_by", String(420), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("plan_id", "number"),
)

# A Plan-Do-Study-Act review: what moved, and what the room decided about each goal and action.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("plan_version", Integer, nullable=False),
    Column("held_on", Date, nullable=False),
    Column("stage", Integer),  # the re-rating, when the stage moved
    Column("stage_evidence", Text, nullable=False, default=""),
    Column("learned", Text, nullable=False, default=""),
    Column("goal_outcomes", Text, nullable=False),  # JSON: goal key -> outcome
    Column("action_statuses", Text, nullable=False),  # JSON: action key -> status
    Column("next_review_on", Date),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 3", name="reviews_stage_1_to_3"),
)

# One value of a goal's measure on a date: taken at a review, or entered between reviews.
measurements = Table(
    "measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("goal_key", String(20), nullable=False),
    Column("measured_on", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("review_id", ForeignKey("reviews.id")),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


# One statement of a TRIP round: how far the team has got (a value of the set's scale), what it
# is proud of, and what it could do next. Its version guards the three together.
trip_ratings = Table(
    "trip_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("statement_id", String(60), nullable=False),
    Column("rating", String(60)),  # empty: not talked through yet
    Column("proud", Text, nullable=False, default=""),
    Column("next_step", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "statement_id"),
)

# A team's asset: what someone can offer, held by a role or initials, never a name.
assets = Table(
    "assets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", ForeignKey("teams.id"), nullable=False, index=True),
    Column("kind", String(60), nullable=False),  # an asset kind of the TRIP method
    Column("holder", String(60), nullable=False),  # an asset holder of the TRIP method
    Column("held_by", String(60), nullable=False),  # a role or initials
    Column("what", Text, nullable=False),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _m001_core(conn: Connection) -> None:
    for table in (organisations, teams, audit_log):
        table.create(conn)


def _m002_template_a(conn: Connection) -> None:
    for table in (rounds, participants, challenge_records, views):
        table.create(conn)


def _m003_template_b(conn: Connection) -> None:
    for table in (plans, plan_versions, reviews, measurements):
        table.create(conn)


def _m004_trip(conn: Connection) -> None:
    # Migration 2 creates `rounds` from the live table, which has `kind` already; a database
    # made before this version lacks it, and every round in it is a Template A.
    if "kind" not in {c["name"] for c in inspect(conn).get_columns("rounds")}:
        conn.execute(
            text("ALTER TABLE rounds ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'template-a'")
        )
    for table in (trip_ratings, assets):
        table.create(conn)


# Append only: a released migration is never edited, so every database upgrades the same way.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _m001_core,
    _m002_template_a,
    _m003_template_b,
    _m004_trip,
]
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
        # A write takes the lock up front, so a read-then-write never fails on upgrade to a
        # writer; reads stay deferred and run beside the writer (WAL).
        reading = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads only: one consistent snapshot, no write lock."""
    with engine.connect() as conn:
        conn.execution_options(read_only=True)
        with conn.begin():
            yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: everything in it is saved together, or nothing is."""
    with engine.begin() as conn:
        yield conn


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return conn.execute(select(schema_version.c.version)).scalar_one_or_none() or 0


def upgrade(engine: Engine, to: int = SCHEMA_VERSION) -> int:
    """Apply the pending migrations up to `to` (tests build older databases this way);
    returns the schema version now in force."""
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
        for migration in MIGRATIONS[version:to]:
            migration(conn)
        now = datetime.now(UTC)
        if version == 0:
            conn.execute(schema_version.insert().values(id=1, version=to, migrated_at=now))
        elif version < to:
            conn.execute(schema_version.update().values(version=to, migrated_at=now))
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
