"""The live table of commissioners' measure values, on the same metadata as `tables.py` (kept
apart only so that neither file outgrows a module). Changed only with a new frozen migration,
as every live table is."""

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
    String,
    Table,
    Text,
    text,
)

from assessments.store.tables import metadata

PERIOD_KEY = ("indicator_id", "period_kind", "period_start")

# A commissioner's measure for a provider (`team_id` empty) or one of its teams, for a month or
# a quarter (by its first day): a figure, or none with the reason it is not available (a gap is
# a finding, never a zero); the period's target and a note. One row per place, indicator and
# period: two partial unique indexes, since an empty team_id never equals another.
measure_values = Table(
    "measure_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),
    Column("indicator_id", String(60), nullable=False),  # an id of the indicator library
    Column("period_kind", String(10), nullable=False),  # month or quarter
    Column("period_start", Date, nullable=False),
    Column("value", Float),  # empty: not available
    Column("reason", Text, nullable=False, default=""),  # why it is not available
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
        *PERIOD_KEY,
        unique=True,
        sqlite_where=text("team_id IS NULL"),
        postgresql_where=text("team_id IS NULL"),
    ),
    Index(
        "measure_values_one_per_team_period",
        "team_id",
        *PERIOD_KEY,
        unique=True,
        sqlite_where=text("team_id IS NOT NULL"),
        postgresql_where=text("team_id IS NOT NULL"),
    ),
)
