"""The measures commissioners contract on, recorded per provider or per service (one of its
teams) and period, apart from any plan: a figure, or an explicit "not available" with the
reason (a data gap is a finding, shown as one, never a zero); the period's target; a note. One
by one from the measures page, or many at once from a CSV file, all or nothing.

Who records them (`Do.RECORD_MEASURES`, rules/permissions.py): the commissioner, who holds the
contract and its monitoring returns; the provider lead, who answers for the provider's
figures; and the facilitator, who often keys them in for both. A team member does not: these are
the provider's contracted figures, reported and answered for by the provider as a whole, and
a team's own work is its TRIP. A viewer reads only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.records import Actor, Difference
from assessments.records.measures import (
    ImportCount,
    MeasureEntry,
    MeasureValue,
    Period,
    PeriodKind,
)
from assessments.rules.errors import ImportRefused, ServiceError, StaleSave
from assessments.rules.measures import checked_entry, parse_measures_csv
from assessments.rules.permissions import Do, Place
from assessments.rules.text import checked_actor
from assessments.service.ledger import Ledger, as_utc, utc_now
from assessments.store import reading, writing

ENTITY = "measure_value"
RECORDED, IMPORTED = ("record", "update"), ("import", "import over")  # (new, over one stored)
LABELS = {"value": "Value", "reason": "Not available because", "target": "Target", "note": "Note"}


class ProviderMeasures:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine

    def measure_values(
        self, organisation_id: int, *, team_id: int | None = None, indicator_id: str | None = None
    ) -> list[MeasureValue]:
        """The values of one place (the provider itself when `team_id` is None), by indicator
        and period."""
        self.ledger.gate.check(Do.READ, place=Place(organisation_id, team_id))
        with reading(self.engine) as conn:
            return values_of(conn, [organisation_id], team_id=team_id, indicator_id=indicator_id)

    def record_value(
        self,
        actor: Actor,
        organisation_id: int,
        indicator_id: str,
        period: Period,
        read_version: int,
        *,
        value: float | str | None,
        target: float | str | None = None,
        note: str = "",
        team_id: int | None = None,
    ) -> MeasureValue:
        """Record one period's figure. `read_version`: the version of the value read (0 when
        there was none); a save over a newer one is refused and shows both."""
        return self._record(
            actor, organisation_id, team_id, read_version, True,
            indicator_id=indicator_id, period=period, value=value, reason="", target=target,
            note=note,
        )  # fmt: skip

    def record_not_available(
        self,
        actor: Actor,
        organisation_id: int,
        indicator_id: str,
        period: Period,
        read_version: int,
        *,
        reason: str,
        target: float | str | None = None,
        note: str = "",
        team_id: int | None = None,
    ) -> MeasureValue:
        """Record that one period's figure is not available, and why: a gap, never a zero."""
        return self._record(
            actor, organisation_id, team_id, read_version, False,
            indicator_id=indicator_id, period=period, value=None, reason=reason, target=target,
            note=note,
        )  # fmt: skip

    def _record(self, actor, organisation_id, team_id, read_version, available, **given):
        actor = checked_actor(actor)
        self.ledger.gate.check(
            Do.RECORD_MEASURES, actor=actor, place=Place(organisation_id, team_id)
        )
        entry = checked_entry(
            self._indicators(), self.ledger.today(), team_id=team_id, available=available, **given
        )
        try:
            with writing(self.engine) as conn:
                self._check_place(conn, organisation_id, team_id)
                before = _stored(conn, organisation_id, entry)
                after = self._save(conn, actor, organisation_id, entry, before, read_version)
                if after is None:
                    last = self.ledger.last_write(conn, ENTITY, before.id) if before else None
                    raise StaleSave(
                        f"{entry.period.label}'s figure", last, _differences(entry, before)
                    )
        except IntegrityError as exc:  # the same period was recorded a moment ago
            raise StaleSave(f"{entry.period.label}'s figure", None, []) from exc
        return after

    def import_csv(self, actor: Actor, organisation_id: int, data: bytes | str) -> ImportCount:
        """Every row of a CSV file (rules/measures.py `COLUMNS`) recorded, or, if any row is
        bad, none: the whole file is read and checked before one short write. A row for a
        period already recorded replaces its figure (the audit log keeps the one before)."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.RECORD_MEASURES, actor=actor, organisation=organisation_id)
        t = store.teams
        with reading(self.engine) as conn:
            self._check_place(conn, organisation_id, None)
            teams = {
                row.name.lower(): row.id
                for row in conn.execute(
                    select(t.c.id, t.c.name).where(
                        t.c.organisation_id == organisation_id, t.c.archived_at.is_(None)
                    )
                )
            }
        rows, problems = parse_measures_csv(data, self._indicators(), teams, self.ledger.today())
        if problems:
            raise ImportRefused(problems)
        added = replaced = unchanged = 0
        with writing(self.engine) as conn:
            self._check_place(conn, organisation_id, None)
            for _line, entry in rows:
                before = _stored(conn, organisation_id, entry)
                if before is not None and not _differences(entry, before):
                    unchanged += 1
                    continue
                read = before.version if before else 0
                self._save(conn, actor, organisation_id, entry, before, read, IMPORTED)
                added, replaced = added + (before is None), replaced + (before is not None)
        return ImportCount(added, replaced, unchanged)

    def _save(
        self, conn, actor, organisation_id, entry, before, read_version, actions=RECORDED
    ) -> MeasureValue | None:
        """Insert `entry` (nothing stored, none read) or write it over `before` at
        `read_version`, and audit it; None when `before` moved on since it was read."""
        m = store.measure_values
        now = utc_now()
        fields = _fields(entry, actor, now)
        if before is None and read_version == 0:
            row_id = conn.execute(
                m.insert().values(
                    organisation_id=organisation_id, version=1, created_at=now, **fields
                )
            ).inserted_primary_key[0]
        elif before is not None and self.ledger.bump(conn, m, before.id, read_version, **fields):
            row_id = before.id
        else:
            return None
        after = value_from_row(self.ledger.row(conn, m, row_id, "measure value"))
        shown = None if before is None else _shown(before)
        action = actions[before is not None]
        self.ledger.audit(conn, actor, action, ENTITY, row_id, shown, _shown(after))
        return after

    def _indicators(self) -> dict:
        return {i.id: i for i in self.ledger.definitions.indicators}

    def _check_place(self, conn: Connection, organisation_id: int, team_id: int | None) -> None:
        provider = self.ledger.row(conn, store.organisations, organisation_id, "provider")
        if provider["archived_at"] is not None:
            raise ServiceError(f"{provider['name']} is archived; restore it first.", "provider")
        if team_id is None:
            return
        team = self.ledger.row(conn, store.teams, team_id, "team")
        if team["organisation_id"] != organisation_id:
            raise ServiceError(
                f"{team['name']} is not a team of {provider['name']}: choose one of its teams, "
                "or the whole provider.",
                "team",
            )
        if team["archived_at"] is not None:
            raise ServiceError(f"{team['name']} is archived; restore it first.", "team")


def values_of(
    conn: Connection,
    organisation_ids: list[int],
    *,
    team_id: int | None = None,
    indicator_id: str | None = None,
    every_team: bool = False,
) -> list[MeasureValue]:
    """The values of the providers (each provider's own, `team_id`'s, or with `every_team`
    its teams' too) in one statement, by place, indicator and period; for a use case or a
    report that has checked the reader may see them."""
    m = store.measure_values
    query = select(m).where(m.c.organisation_id.in_(organisation_ids))
    if not every_team:
        query = query.where(m.c.team_id.is_(None) if team_id is None else m.c.team_id == team_id)
    if indicator_id is not None:
        query = query.where(m.c.indicator_id == indicator_id)
    query = query.order_by(
        m.c.organisation_id, m.c.team_id, m.c.indicator_id, m.c.period_kind, m.c.period_start
    )
    return [value_from_row(row._mapping) for row in conn.execute(query)]


def _stored(conn: Connection, organisation_id: int, entry: MeasureEntry) -> MeasureValue | None:
    m = store.measure_values
    place = m.c.team_id.is_(None) if entry.team_id is None else m.c.team_id == entry.team_id
    row = conn.execute(
        select(m).where(
            m.c.organisation_id == organisation_id,
            place,
            m.c.indicator_id == entry.indicator_id,
            m.c.period_kind == entry.period.kind.value,
            m.c.period_start == entry.period.start,
        )
    ).first()
    return None if row is None else value_from_row(row._mapping)


def _fields(entry: MeasureEntry, actor: Actor, now) -> dict:
    return {
        "team_id": entry.team_id,
        "indicator_id": entry.indicator_id,
        "period_kind": entry.period.kind.value,
        "period_start": entry.period.start,
        "value": entry.value,
        "reason": entry.reason,
        "target": entry.target,
        "note": entry.note,
        "recorded_by": actor.name,
        "updated_at": now,
    }


def _differences(entry: MeasureEntry, stored: MeasureValue | None) -> list[Difference]:
    if stored is None:
        return []
    return [
        Difference(label, _said(getattr(entry, key)), _said(getattr(stored, key)))
        for key, label in LABELS.items()
        if getattr(entry, key) != getattr(stored, key)
    ]


def _said(value) -> str:
    if value is None or value == "":
        return "(empty)"
    return f"{value:,.10g}" if isinstance(value, float) else str(value)


def _shown(value: MeasureValue) -> dict:
    return {
        "organisation_id": value.organisation_id,
        "team_id": value.team_id,
        "indicator": value.indicator_id,
        "period": f"{value.period.kind.value} {value.period.start}",
        "value": value.value,
        "reason": value.reason,
        "target": value.target,
        "note": value.note,
        "recorded_by": value.recorded_by,
    }


def value_from_row(row) -> MeasureValue:
    start = row["period_start"]
    return MeasureValue(
        id=row["id"],
        organisation_id=row["organisation_id"],
        team_id=row["team_id"],
        indicator_id=row["indicator_id"],
        period=Period(
            start if isinstance(start, date) else date.fromisoformat(start),
            PeriodKind(row["period_kind"]),
        ),
        value=row["value"],
        reason=row["reason"],
        target=row["target"],
        note=row["note"],
        version=row["version"],
        recorded_by=row["recorded_by"],
        updated_at=as_utc(row["updated_at"]),
    )
