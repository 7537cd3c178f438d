"""What every write shares: the errors a person reads, the actor, the audit log, and the
version check that refuses a stale save.

Each write names the actor and appends to the audit log (who, when, what, before and after) in
the same transaction, chained by hash to the entry before (store/audit_chain.py); `audit` is
the only writer of the log. Each editable row has a version: a save states the version it read,
and a save based on an older one changes nothing and raises `StaleSave`, which shows both
values. Bad input raises `ServiceError` naming the field, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime

from sqlalchemy import Engine, Table, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import Actor, AuditEntry, Difference
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import THIS_COMPUTER, Access, Do
from assessments.rules.text import checked_actor
from assessments.service.gate import Gate
from assessments.store import reading, writing
from assessments.store.audit_chain import chain_many
from framework.loader import Definitions


def utc_now() -> datetime:
    return datetime.now(UTC)


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)


class Ledger:
    """What every write shares: the engine, the definitions, today, the audit log, the row
    version check. Each use-case unit holds the one ledger; none inherits from another."""

    def __init__(
        self,
        engine: Engine,
        definitions: Definitions,
        today: Callable[[], date] = date.today,
        access: Access = THIS_COMPUTER,
    ) -> None:
        self.engine = engine
        self.definitions = definitions
        self._today = today
        # Who is asking: every use case starts by asking the gate (rules/permissions.py).
        self.gate = Gate(engine, access)

    def today(self) -> date:
        """The date every rule about "not in the future" and "overdue" is judged on."""
        return self._today()

    # --- shared mechanics -------------------------------------------------------------------

    def audit(
        self,
        conn: Connection,
        actor: Actor,
        action: str,
        entity: str,
        entity_id: int | None,
        before: dict | None,
        after: dict | None,
    ) -> None:
        self.audit_many(conn, actor, [(action, entity, entity_id, before, after)])

    def audit_many(
        self, conn: Connection, actor: Actor, changes: list[tuple[str, str, int, dict | None, dict]]
    ) -> None:
        """Each (action, entity, entity_id, before, after) audited in order, linked onto the
        chain in a few statements whatever their number (`audit` is the one-change case)."""
        chain_many(
            conn,
            [
                {
                    "at": utc_now(),
                    "actor_name": actor.name,
                    "actor_role": actor.role,
                    "action": action,
                    "entity": entity,
                    "entity_id": entity_id,
                    "before": _json(before),
                    "after": _json(after),
                }
                for action, entity, entity_id, before, after in changes
            ],
        )

    def last_write(self, conn: Connection, entity: str, entity_id: int) -> AuditEntry | None:
        a = store.audit_log
        row = conn.execute(
            select(a)
            .where(a.c.entity == entity, a.c.entity_id == entity_id)
            .order_by(a.c.id.desc())
            .limit(1)
        ).first()
        return audit_entry_from_row(row._mapping) if row else None

    @staticmethod
    def bump(conn: Connection, table: Table, row_id: int, read_version: int, **values) -> bool:
        """Write `values` only if nobody saved since `read_version` was read."""
        result = conn.execute(
            table.update()
            .where(table.c.id == row_id, table.c.version == read_version)
            .values(version=table.c.version + 1, **values)
        )
        return result.rowcount == 1

    @staticmethod
    def row(conn: Connection, table: Table, row_id: int, what: str):
        row = conn.execute(select(table).where(table.c.id == row_id)).first()
        if row is None:
            raise ServiceError(f"There is no {what} {row_id}; it may have been typed wrongly.")
        return row._mapping

    def set_archived(self, actor, table, entity, what, row_id, read_version, archived, build):
        actor = checked_actor(actor)
        with writing(self.engine) as conn:
            before = build(self.row(conn, table, row_id, what))
            stamp = utc_now() if archived else None
            if not self.bump(
                conn, table, row_id, read_version, archived_at=stamp, updated_at=utc_now()
            ):
                raise StaleSave(f"this {what}", self.last_write(conn, entity, row_id), [])
            after = build(self.row(conn, table, row_id, what))
            action = "archive" if archived else "restore"
            self.audit(conn, actor, action, entity, row_id, asdict(before), asdict(after))
        return after

    # --- history ----------------------------------------------------------------------------

    def last_change(self) -> tuple[int, datetime | None]:
        """The newest audit entry's id and time; (0, None) for none. Every write adds one, in
        the same transaction, so a read kept under these is fresh while they stay the same, on
        any replica sharing the store (the time tells a store made again from scratch)."""
        a = store.audit_log
        with reading(self.engine) as conn:
            newest = conn.execute(select(a.c.id, a.c.at).order_by(a.c.id.desc()).limit(1)).first()
        return (newest.id, as_utc(newest.at)) if newest else (0, None)

    def history(self, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        """The audit log, newest first."""
        self.gate.check(Do.READ_AUDIT)
        a = store.audit_log
        query = select(a).order_by(a.c.id.desc())
        if entity is not None:
            query = query.where(a.c.entity == entity)
        if entity_id is not None:
            query = query.where(a.c.entity_id == entity_id)
        with reading(self.engine) as conn:
            return [audit_entry_from_row(r._mapping) for r in conn.execute(query)]


# --- rows to records ------------------------------------------------------------------------


def as_utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every stored time is UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def audit_entry_from_row(row) -> AuditEntry:
    return AuditEntry(
        as_utc(row["at"]),
        row["actor_name"],
        row["actor_role"],
        row["action"],
        row["entity"],
        row["entity_id"],
        json.loads(row["before"]) if row["before"] else None,
        json.loads(row["after"]) if row["after"] else None,
        row["id"],
    )


def differences_between(yours, stored, labels: dict[str, str], shown=None) -> list[Difference]:
    def show(value) -> str:
        return str((shown(value) if shown else None) or value or "(empty)")

    return [
        Difference(label, show(getattr(yours, key)), show(getattr(stored, key)))
        for key, label in labels.items()
        if getattr(yours, key) != getattr(stored, key)
    ]
