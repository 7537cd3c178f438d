"""The audit log as an administrator reads it: one page of entries narrowed by who, what and
when, newest first, with how many entries match; what there is to narrow by; and whether the
hash chain is whole. Each read starts at the gate (`Do.READ_AUDIT`), in one read transaction
of a fixed number of statements whatever the size of the log.

`changes` turns an entry's before and after into a short line a person reads ("name: Old ->
New"); `what_words` and `action_words` name an entry's record and action. `Ledger.history`
(the whole log, or one record's) stays where it is: other use cases read it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from assessments import store
from assessments.records import AuditEntry
from assessments.rules.errors import ServiceError
from assessments.rules.permissions import Do
from assessments.rules.text import NAME_LENGTH, clean_text
from assessments.service.ledger import Ledger, audit_entry_from_row
from assessments.store import reading
from assessments.store.audit_chain import ChainCheck, verify

PAGE_SIZE = 50
MOST_PER_PAGE = 200
# Each audit entry names its record by a kind the code writes ("challenge", "trip-rating"):
# these are the words a person reads. A kind not named here is shown as it is written.
ENTITY_NAMES = {
    "account": "Account",
    "asset": "TRIP asset",
    "challenge": "Challenge record",
    "organisation": "Provider",
    "plan": "Plan",
    "round": "Round",
    "session": "Sign-in",
    "team": "Team",
    "trip-rating": "TRIP rating",
    "vote": "Live vote",
}
# Bookkeeping every change moves, which says nothing a person wants to read.
UNSHOWN = frozenset({"id", "version"})


@dataclass(frozen=True)
class AuditFilters:
    """Which entries, and which page of them (newest first). Empty means any."""

    who: str = ""  # the actor's name, case-insensitive: a part of it, or all of it (`exact`)
    exact: bool = False
    entity: str = ""  # the kind of record ("team", "plan"...)
    action: str = ""  # "create", "save", "sign"...
    from_day: date | None = None  # UTC days, both included
    to_day: date | None = None
    page_size: int = PAGE_SIZE
    page: int = 1


@dataclass(frozen=True)
class AuditPage:
    """A page of entries, and how many entries match the filters in all. `page` is the page
    read: the last one when the page asked for is past the end."""

    entries: tuple[AuditEntry, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first(self) -> int:
        """The number of this page's first entry, counting from the newest (0: none)."""
        return (self.page - 1) * self.page_size + 1 if self.entries else 0

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1 if self.entries else 0


@dataclass(frozen=True)
class AuditChoices:
    """What the log holds to filter by: people (by name), kinds of record and actions."""

    people: tuple[str, ...]
    entities: tuple[str, ...]
    actions: tuple[str, ...]


class AuditLog:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine

    def entries(self, filters: AuditFilters = AuditFilters()) -> AuditPage:
        """The page of entries `filters` asks for, newest first, and how many match."""
        self.ledger.gate.check(Do.READ_AUDIT)
        filters = checked(filters)
        a = store.audit_log
        conditions = []
        if filters.entity:
            conditions.append(a.c.entity == filters.entity)
        if filters.action:
            conditions.append(a.c.action == filters.action)
        if filters.from_day is not None:
            conditions.append(a.c.at >= _midnight(filters.from_day))
        if filters.to_day is not None:
            conditions.append(a.c.at < _midnight(filters.to_day + timedelta(days=1)))
        with reading(self.engine) as conn:
            if filters.who:
                # Names matched here, not by the database's lower(): SQLite folds only ASCII.
                names = conn.execute(select(a.c.actor_name).distinct()).scalars()
                conditions.append(a.c.actor_name.in_(_matching(names, filters)))
            total = conn.execute(select(func.count()).select_from(a).where(*conditions))
            total = total.scalar_one()
            page = min(filters.page, max(1, -(-total // filters.page_size)))
            rows = conn.execute(
                select(a)
                .where(*conditions)
                .order_by(a.c.id.desc())
                .limit(filters.page_size)
                .offset((page - 1) * filters.page_size)
            )
            entries = tuple(audit_entry_from_row(row._mapping) for row in rows)
        return AuditPage(entries, total, page, filters.page_size)

    def choices(self) -> AuditChoices:
        """The people, kinds of record and actions the log holds, for the filters."""
        self.ledger.gate.check(Do.READ_AUDIT)
        a = store.audit_log
        with reading(self.engine) as conn:
            people = conn.execute(select(a.c.actor_name).distinct()).scalars().all()
            entities = conn.execute(select(a.c.entity).distinct()).scalars().all()
            actions = conn.execute(select(a.c.action).distinct()).scalars().all()
        return AuditChoices(
            tuple(sorted(people, key=str.casefold)), tuple(sorted(entities)), tuple(sorted(actions))
        )

    def chain(self) -> ChainCheck:
        """The walk of the whole hash chain: intact, with how many entries; or the first entry
        changed or removed, in words (store/audit_chain.py)."""
        self.ledger.gate.check(Do.READ_AUDIT)
        return verify(self.engine)


def checked(filters: AuditFilters) -> AuditFilters:
    """`filters` with the name trimmed, or a ServiceError naming what to fix."""
    who = clean_text(filters.who, "who", "The name", required=False, limit=NAME_LENGTH)
    if not 1 <= filters.page_size <= MOST_PER_PAGE:
        raise ServiceError(
            f"A page shows from 1 to {MOST_PER_PAGE} entries, not {filters.page_size}.",
            "page_size",
        )
    if filters.page < 1:
        raise ServiceError(f"Pages are numbered from 1, not {filters.page}.", "page")
    if filters.from_day and filters.to_day and filters.from_day > filters.to_day:
        raise ServiceError(
            f"The first day, {filters.from_day:%d %b %Y}, is after the last, "
            f"{filters.to_day:%d %b %Y}: no entry can be between them.",
            "to_day",
        )
    return replace(filters, who=who)


def _matching(names, filters: AuditFilters) -> list[str]:
    wanted = filters.who.casefold()
    if filters.exact:
        return [n for n in names if n.casefold() == wanted]
    return [n for n in names if wanted in n.casefold()]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


# --- in words -------------------------------------------------------------------------------


def what_words(entity: str, entity_id: int | None = None) -> str:
    name = ENTITY_NAMES.get(entity, entity)
    return name if entity_id is None else f"{name} {entity_id}"


def action_words(action: str) -> str:
    return action.replace("-", " ").replace("_", " ")


def changes(before: dict | None, after: dict | None, limit: int = 80, most: int = 4) -> str:
    """The fields that differ, "name: Old → New" (a new record's "name: New"; a removed one's
    "name: Old → (removed)"), each value cut at `limit` characters, at most `most` fields
    and how many more."""
    old, new = _flat(before or {}), _flat(after or {})
    shown = []
    for key in sorted(old.keys() | new.keys()):
        if key.split(".")[-1] in UNSHOWN or old.get(key, _ABSENT) == new.get(key, _ABSENT):
            continue
        field = key.replace("_", " ")
        if before is None:
            if new[key] in (None, "", [], {}):
                continue  # a new record's empty fields: nothing was set
            shown.append(f"{field}: {_cut(new[key], limit)}")
        elif key not in new:
            shown.append(f"{field}: {_cut(old[key], limit)} → (removed)")
        else:
            shown.append(f"{field}: {_cut(old.get(key), limit)} → {_cut(new[key], limit)}")
    if not shown:
        return "(nothing)"
    more = len(shown) - most
    return "; ".join(shown[:most]) + (f"; and {more} more" if more > 0 else "")


_ABSENT = object()


def _flat(value: dict, prefix: str = "") -> dict[str, object]:
    """Nested records as dotted keys ("commissioner_lead.name"); lists stay whole."""
    found: dict[str, object] = {}
    for key, inner in value.items():
        if isinstance(inner, dict) and inner:
            found.update(_flat(inner, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = inner
    return found


def _cut(value: object, limit: int) -> str:
    if value is None or value == "":
        text = "(empty)"
    elif isinstance(value, str):
        text = _day_or_time(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())  # one line: a note's line breaks become spaces
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_STAMP = re.compile(r"\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?)?")


def _day_or_time(text: str) -> str:
    """A date or time the app wrote ("2026-12-03T16:17:39.348+00:00") as a person reads it
    ("03 Dec 2026 16:17 UTC"); any other text as it is."""
    if not _STAMP.fullmatch(text):
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) == 10:
        return f"{moment:%d %b %Y}"
    moment = moment.astimezone(UTC) if moment.tzinfo else moment  # naive: stored as UTC
    return f"{moment:%d %b %Y %H:%M} UTC"
