"""Migration 11: success stories recorded against a priority. Its words, the consent given
(within the team, in board reports, publicly, or withdrawn), when it was told, who recorded it
and its own version; as it was at schema version 11.

Frozen: this table is this migration's own, never the live one. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by an earlier migration; named here only so that the foreign key resolves.
Table("plans", metadata, Column("id", Integer, primary_key=True))

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("consent", String(20), nullable=False),
    Column("told_on", Date, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_as", String(200), nullable=False),
    Column("withdrawn_on", Date),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(
        "consent IN ('team', 'board', 'public', 'withdrawn')", name="stories_consent_known"
    ),
    Index("stories_by_plan", "plan_id"),
)


def upgrade(conn: Connection) -> None:
    stories.create(conn)
