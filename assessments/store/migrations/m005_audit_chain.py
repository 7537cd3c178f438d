"""Migration 5: the audit log's hash chain. Each entry gets the previous entry's hash and its
own (`prev_hash`, `hash`), filled here for every existing entry in id order, as they were at
schema version 5.

Frozen: the table and the hash below are this migration's own, never the live ones
(assessments/store/audit_chain.py hashes the same content the same way). Never edit a released
migration.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, bindparam, text
from sqlalchemy.engine import Connection

GENESIS = "0" * 64
BATCH = 1000  # entries read and updated at a time: a long log never sits in memory whole

audit_log = Table(
    "audit_log",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_name", String(200), nullable=False),
    Column("actor_role", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(60), nullable=False),
    Column("entity_id", Integer),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False, server_default=""),
    Column("hash", String(64), nullable=False, server_default=""),
)


def entry_hash(row, prev_hash: str) -> str:
    at = row.at.replace(tzinfo=UTC) if row.at.tzinfo is None else row.at.astimezone(UTC)
    content = {
        "id": row.id,
        "at": at.isoformat(timespec="microseconds"),
        "actor_name": row.actor_name,
        "actor_role": row.actor_role,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "before": row.before,
        "after": row.after,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def upgrade(conn: Connection) -> None:
    # SQLite adds a NOT NULL column only with a default; the empty one is filled just below.
    for column in ("prev_hash", "hash"):
        conn.execute(
            text(f"ALTER TABLE audit_log ADD COLUMN {column} VARCHAR(64) NOT NULL DEFAULT ''")
        )
    a = audit_log
    fill = (
        a.update()
        .where(a.c.id == bindparam("entry"))
        .values(prev_hash=bindparam("prev"), hash=bindparam("own"))
    )
    previous, last_id = GENESIS, 0
    while True:
        rows = conn.execute(a.select().where(a.c.id > last_id).order_by(a.c.id).limit(BATCH)).all()
        if not rows:
            return
        chained = []
        for row in rows:
            own = entry_hash(row, previous)
            chained.append({"entry": row.id, "prev": previous, "own": own})
            previous, last_id = own, row.id
        conn.execute(fill, chained)
