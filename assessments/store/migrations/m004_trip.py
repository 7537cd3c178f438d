"""Migration 4: TRIP. A round gets a `kind` (every existing round is a Template A), and the
TRIP conversation's ratings and a team's assets get their tables, as they were at schema
version 4.

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by earlier migrations; named here only so that the foreign keys resolve.
Table("teams", metadata, Column("id", Integer, primary_key=True))
Table("rounds", metadata, Column("id", Integer, primary_key=True))

trip_ratings = Table(
    "trip_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("statement_id", String(60), nullable=False),
    Column("rating", String(60)),
    Column("proud", Text, nullable=False, default=""),
    Column("next_step", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "statement_id"),
)

assets = Table(
    "assets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("holder", String(60), nullable=False),
    Column("held_by", String(60), nullable=False),
    Column("what", Text, nullable=False),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_assets_team_id", "team_id"),
)


def upgrade(conn: Connection) -> None:
    # Until migrations were frozen, migration 2 built `rounds` from the live table, so a database
    # taken to version 2 or 3 by that code has `kind` already; one released at version 2 or 3
    # lacks it, and every round in it is a Template A.
    if "kind" not in {c["name"] for c in inspect(conn).get_columns("rounds")}:
        conn.execute(
            text("ALTER TABLE rounds ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'template-a'")
        )
    metadata.create_all(conn, tables=[trip_ratings, assets], checkfirst=False)
