"""Migration 14: live votes on a TRIP statement. A phone's answer may now be a value of the TRIP
round's scale (not yet, started, partly...), not only a stage: `votes.answer` is 40 characters
long, and its check asks only for an answer (the service knows which answers a question takes,
from the definitions, which a database check cannot follow). As at schema version 14.

SQLite changes a check only by building the table again (the votes are copied across, ids and
all); PostgreSQL alters it in place.

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by migration 12; named here only so that the foreign key resolves.
Table("vote_questions", metadata, Column("id", Integer, primary_key=True))

# The votes table as at version 14, built under a new name and renamed (SQLite).
votes = Table(
    "votes_m014",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", ForeignKey("vote_questions.id"), nullable=False),
    Column("ballot", Integer, nullable=False),
    Column("device", String(64), nullable=False),  # sha-256 of the phone's token, in hex
    Column("group_id", String(60), nullable=False),
    Column("answer", String(40), nullable=False),
    Column("priority", Integer),
    Column("version", Integer, nullable=False, default=1),
    Column("cast_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("answer <> ''", name="votes_answer_given"),
    CheckConstraint("priority BETWEEN 1 AND 10", name="votes_priority_1_to_10"),
    UniqueConstraint("question_id", "ballot", "device", name="votes_one_per_device"),
)
COLUMNS = ", ".join(c.name for c in votes.columns)


def upgrade(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE votes DROP CONSTRAINT votes_answer_known"))
        conn.execute(text("ALTER TABLE votes ALTER COLUMN answer TYPE VARCHAR(40)"))
        conn.execute(
            text("ALTER TABLE votes ADD CONSTRAINT votes_answer_given CHECK (answer <> '')")
        )
        return
    votes.create(conn)
    conn.execute(text(f"INSERT INTO votes_m014 ({COLUMNS}) SELECT {COLUMNS} FROM votes"))
    conn.execute(text("DROP TABLE votes"))
    conn.execute(text("ALTER TABLE votes_m014 RENAME TO votes"))
