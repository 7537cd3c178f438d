"""Migration 1: providers, their teams and the audit log, as they were at schema version 1.

Frozen: these tables are this migration's own, never the live ones (assessments/store/tables.py),
so a later change to a live table needs a migration of its own. Never edit a released migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("team_type", String(60), nullable=False),
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
    Column("before", Text),
    Column("after", Text),
)


def upgrade(conn: Connection) -> None:
    metadata.create_all(conn, tables=[organisations, teams, audit_log], checkfirst=False)
