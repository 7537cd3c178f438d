"""The live table of success stories recorded against a priority, on the same metadata as
`tables.py` (kept apart only so that neither file outgrows a module). Changed only with a new
frozen migration, as every live table is."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from assessments.store.tables import metadata

# A story of what changed, against a plan (a Template B or a TRIP priority): its words (never a
# name of a person who uses services; emptied when consent is withdrawn), the consent given,
# when it was told, who recorded it, and its own version. Not part of the plan's signed
# content: stories are added over time.
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
