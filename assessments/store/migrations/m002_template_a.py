"""Migration 2: Template A rounds, who took part, each challenge's record and each group's view,
as they were at schema version 2 (a round had no `kind` yet: migration 4 adds it).

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
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

# Made by an earlier migration; named here only so that the foreign keys resolve.
Table("organisations", metadata, Column("id", Integer, primary_key=True))
Table("teams", metadata, Column("id", Integer, primary_key=True))

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("team_id", Integer, ForeignKey("teams.id")),
    Column("framework", String(100), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("facilitator", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("round_id", Integer, ForeignKey("rounds.id"), primary_key=True),
    Column("group_id", String(60), primary_key=True),
    Column("people", Integer, nullable=False),
    CheckConstraint("people >= 0", name="participants_people_not_negative"),
)

challenge_records = Table(
    "challenge_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
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

views = Table(
    "views",
    metadata,
    Column("record_id", Integer, ForeignKey("challenge_records.id"), primary_key=True),
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


def upgrade(conn: Connection) -> None:
    metadata.create_all(
        conn, tables=[rounds, participants, challenge_records, views], checkfirst=False
    )
