"""The audit log's hash chain: what an entry's hash covers, where the next entry links on, and
the walk that checks every link.

Each entry stores the SHA-256 of its content and of the entry before's hash (`prev_hash`; the
first links onto `GENESIS`). An entry changed after it was written no longer matches its hash;
an entry removed leaves the next one linked to a hash nobody has. Without a secret, someone
free to rewrite the whole log can rewrite the chain too: the newest hash, kept somewhere else,
tells that (and the newest entries removed) apart.

Migration 5 (`migrations/m005_audit_chain.py`) hashes the same content with its own frozen
copy of `entry_hash`; a change here is a new migration, never an edit of that one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, bindparam, select, text
from sqlalchemy.engine import Connection

from assessments.store import reading
from assessments.store.tables import audit_log

GENESIS = "0" * 64
# The PostgreSQL advisory lock every write holds while it chains an entry on, so that two
# transactions never link onto the same entry (store.upgrade's lock is 7042010).
CHAIN_LOCK = 7042017


def entry_hash(entry: Mapping) -> str:
    """The hex SHA-256 of an entry's canonical JSON: the same bytes on SQLite and PostgreSQL
    (times in UTC, whatever the session's time zone; before and after as the text stored)."""
    at: datetime = entry["at"]
    # SQLite hands back naive datetimes (every stored time is UTC); PostgreSQL aware ones.
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    content = {
        "id": entry["id"],
        "at": at.isoformat(timespec="microseconds"),
        "actor_name": entry["actor_name"],
        "actor_role": entry["actor_role"],
        "action": entry["action"],
        "entity": entry["entity"],
        "entity_id": entry["entity_id"],
        "before": entry["before"],
        "after": entry["after"],
        "prev_hash": entry["prev_hash"],
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def chain_head(conn: Connection) -> str:
    """The hash the next entry links onto, held for this transaction: SQLite writes are one at a
    time already (BEGIN IMMEDIATE); on PostgreSQL the advisory lock queues the others until
    this transaction ends, and then they read the entry it added. Once held, the transaction
    keeps the head it wrote last (`chain_extended`): an import auditing a thousand records
    neither asks for the lock nor reads the head again each time."""
    held = conn.info.get(_HEAD)
    if held is not None and held[0] is conn.get_transaction():
        return held[1]
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    newest = conn.execute(select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1))
    return newest.scalar_one_or_none() or GENESIS


def chain_extended(conn: Connection, new_head: str) -> None:
    """This transaction added the entry whose hash is `new_head`: the next links onto it."""
    conn.info[_HEAD] = (conn.get_transaction(), new_head)


_HEAD = "audit chain head"  # conn.info: (the transaction holding the head, its hash)


def chain_many(conn: Connection, entries: list[dict]) -> None:
    """Append `entries` (each an entry's content, without its id and links) to the chain in
    their order, in two statements whatever their number: an import auditing a thousand
    records. The ids are the database's; each entry then links onto the one before in id
    order, as entries written one at a time do."""
    if not entries:
        return
    previous, links = chain_head(conn), []  # first: it holds the chain, then reads its head
    rows = [{**entry, "prev_hash": ""} for entry in entries]
    inserted = conn.execute(
        audit_log.insert().returning(audit_log.c.id, sort_by_parameter_order=True), rows
    )
    for row, entry_id in zip(rows, inserted.scalars().all(), strict=True):
        row["id"] = entry_id
    for row in sorted(rows, key=lambda r: r["id"]):
        row["prev_hash"] = previous
        previous = entry_hash(row)
        links.append({"entry": row["id"], "prev": row["prev_hash"], "own": previous})
    conn.execute(
        audit_log.update()
        .where(audit_log.c.id == bindparam("entry"))
        .values(prev_hash=bindparam("prev"), hash=bindparam("own")),
        links,
    )
    chain_extended(conn, previous)


@dataclass(frozen=True)
class ChainCheck:
    """What the walk found: how many entries it read, and the first one that breaks the chain
    (`broken_at`, its id) with the reason in words; `newest_hash` when it is intact."""

    entries: int
    broken_at: int | None = None
    problem: str = ""
    newest_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(engine: Engine, batch: int = 1000) -> ChainCheck:
    """Walk the chain in id order, a batch at a time, and stop at the first broken link."""
    checked, previous, previous_id = 0, GENESIS, None
    with reading(engine) as conn:
        while True:
            query = select(audit_log).order_by(audit_log.c.id).limit(batch)
            if previous_id is not None:
                query = query.where(audit_log.c.id > previous_id)
            rows = [r._mapping for r in conn.execute(query)]
            for row in rows:
                if row["prev_hash"] != previous:
                    return ChainCheck(checked, row["id"], _gap(previous_id, row["id"]))
                if row["hash"] != entry_hash(row):
                    return ChainCheck(checked, row["id"], _changed(row))
                checked, previous, previous_id = checked + 1, row["hash"], row["id"]
            if len(rows) < batch:
                return ChainCheck(checked, newest_hash=previous)


def _gap(previous_id: int | None, entry_id: int) -> str:
    if previous_id is None:
        return (
            f"The chain breaks at entry {entry_id}: it is the first entry but does not start "
            "the chain, so the entries before it were removed (or its link was altered)."
        )
    return (
        f"The chain breaks between entry {previous_id} and entry {entry_id}: entry {entry_id} "
        f"was not written after entry {previous_id}, so an entry between them was removed (or "
        f"entry {entry_id}'s link was altered)."
    )


def _changed(row: Mapping) -> str:
    # What the entry says now, which may be the changed part: shown to find it, not trusted.
    what = f"{row['action']} {row['entity']} {row['entity_id'] or ''}".rstrip()
    return (
        f'Entry {row["id"]} (now reading "{what}") was changed after it was written: what it '
        "records no longer matches its hash."
    )
