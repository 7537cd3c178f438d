"""Migration 3: Template B plans, their versions, reviews and measurements, as they were at
schema version 3.

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by earlier migrations; named here only so that the foreign keys resolve.
Table("organisations", metadata, Column("id", Integer, primary_key=True))
Table("teams", metadata, Column("id", Integer, primary_key=True))
Table("rounds", metadata, Column("id", Integer, primary_key=True))

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("team_id", Integer, ForeignKey("teams.id")),
    Column("scope", String(40), nullable=False),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("framework", String(100), nullable=False),
    Column("challenge_id", String(60), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_reason", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
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

plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
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

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("plan_version", Integer, nullable=False),
    Column("held_on", Date, nullable=False),
    Column("stage", Integer),
    Column("stage_evidence", Text, nullable=False, default=""),
    Column("learned", Text, nullable=False, default=""),
    Column("goal_outcomes", Text, nullable=False),
    Column("action_statuses", Text, nullable=False),
    Column("next_review_on", Date),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 3", name="reviews_stage_1_to_3"),
)

measurements = Table(
    "measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("goal_key", String(20), nullable=False),
    Column("measured_on", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("review_id", Integer, ForeignKey("reviews.id")),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_measurements_plan_id", "plan_id"),
)


def upgrade(conn: Connection) -> None:
    metadata.create_all(
        conn, tables=[plans, plan_versions, reviews, measurements], checkfirst=False
    )
