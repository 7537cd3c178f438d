"""Migration 8: moderated ratings. Beside the provider's own rating of a challenge, one moderated
rating by a commissioner or a peer reviewer, with its reasons and evidence and its own version,
as it was at schema version 8.

Frozen: this table is this migration's own, never the live one. Never edit a released
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
    Text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by an earlier migration; named here only so that the foreign key resolves.
Table("challenge_records", metadata, Column("id", Integer, primary_key=True))

moderations = Table(
    "moderations",
    metadata,
    Column("record_id", ForeignKey("challenge_records.id"), primary_key=True),
    Column("stage", Integer, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    Column("moderated_by", String(200), nullable=False),
    Column("moderated_as", String(100), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 3", name="moderations_stage_1_to_3"),
)


def upgrade(conn: Connection) -> None:
    moderations.create(conn)
