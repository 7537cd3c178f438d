"""Migration 12: live votes from the room's phones. A question on a challenge of a Template A
round (room for a TRIP statement later) with its join code, open or closed, revealed or not, and
its ballot number; and one vote per phone per ballot (a hash of the phone's token, never a
name): its stakeholder group, stage or not sure, and an optional priority; as it was at schema
version 12.

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by an earlier migration; named here only so that the foreign key resolves.
Table("rounds", metadata, Column("id", Integer, primary_key=True))

vote_questions = Table(
    "vote_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("challenge_id", String(60)),
    Column("statement_id", String(60)),
    Column("code", String(8), nullable=False, unique=True),
    Column("status", String(10), nullable=False),  # open or closed
    Column("revealed", Boolean, nullable=False, default=False),
    Column("ballot", Integer, nullable=False, default=1),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("opened_by", String(200), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed_by", String(200)),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="vote_questions_status_known"),
    CheckConstraint(
        "(challenge_id IS NULL) <> (statement_id IS NULL)", name="vote_questions_one_subject"
    ),
    CheckConstraint("ballot >= 1", name="vote_questions_ballot_from_1"),
)

votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", ForeignKey("vote_questions.id"), nullable=False),
    Column("ballot", Integer, nullable=False),
    Column("device", String(64), nullable=False),  # sha-256 of the phone's token, in hex
    Column("group_id", String(60), nullable=False),
    Column("answer", String(10), nullable=False),
    Column("priority", Integer),
    Column("version", Integer, nullable=False, default=1),
    Column("cast_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(
        "answer IN ('stage-1', 'stage-2', 'stage-3', 'not-sure')", name="votes_answer_known"
    ),
    CheckConstraint("priority BETWEEN 1 AND 10", name="votes_priority_1_to_10"),
    UniqueConstraint("question_id", "ballot", "device", name="votes_one_per_device"),
)


def upgrade(conn: Connection) -> None:
    vote_questions.create(conn)
    votes.create(conn)
