"""Migration 10: commissioners' measure values. For a provider or one of its teams, an
indicator of the library and a month or a quarter: a figure, or an explicit "not available"
with its reason, the period's target and a note, with its own version; as it was at schema
version 10.

Frozen: this table is this migration's own, never the live one. Never edit a released
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
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by earlier migrations; named here only so that the foreign keys resolve.
Table("organisations", metadata, Column("id", Integer, primary_key=True))
Table("teams", metadata, Column("id", Integer, primary_key=True))

measure_values = Table(
    "measure_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),
    Column("indicator_id", String(60), nullable=False),
    Column("period_kind", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("value", Float),
    Column("reason", Text, nullable=False, default=""),
    Column("target", Float),
    Column("note", Text, nullable=False, default=""),
    Column("recorded_by", String(200), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("period_kind IN ('month', 'quarter')", name="measure_values_period_known"),
    CheckConstraint("value IS NOT NULL OR reason <> ''", name="measure_values_gap_has_reason"),
    Index(
        "measure_values_one_per_provider_period",
        "organisation_id",
        "indicator_id",
        "period_kind",
        "period_start",
        unique=True,
        sqlite_where=text("team_id IS NULL"),
        postgresql_where=text("team_id IS NULL"),
    ),
    Index(
        "measure_values_one_per_team_period",
        "team_id",
        "indicator_id",
        "period_kind",
        "period_start",
        unique=True,
        sqlite_where=text("team_id IS NOT NULL"),
        postgresql_where=text("team_id IS NOT NULL"),
    ),
)


def upgrade(conn: Connection) -> None:
    measure_values.create(conn)
