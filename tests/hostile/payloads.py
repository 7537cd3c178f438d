"""A store whose every free-text field holds markdown and HTML: bold, a link and an image on a
host that does not exist (`TRACKER`), so a page that renders any of it as markdown or HTML shows
bold type, a link, or asks the tracker for a picture; one that shows it as text shows the
characters.

The demo is copied and then written over with SQL, column by column: `FREE_TEXT` names every
column a person types into (or an import fills), `CODED` every other text column, and a test
fails when a new column is in neither. The same for the text inside a plan's content."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import String, Text, create_engine, text

from assessments.records.plans import PlanContent
from assessments.store.tables import metadata
from framework.loader import Definitions

TRACKER = "tracker.invalid"
BOLD = "**bold{n}**"  # shown as typed: the asterisks stay; rendered: a bold word, no asterisks


def payload(n: int, room: int) -> str:
    """Markdown and HTML in at most `room` characters, numbered so each field is its own."""
    whole = (
        f'{BOLD.format(n=n)} <img src="http://{TRACKER}/{n}.png"> [link{n}](http://{TRACKER}/'
        f"{n}) <b>html{n}</b>"
    )
    short = f"{BOLD.format(n=n)} <img src=//{TRACKER}/{n}.png>"
    return whole if len(whole) <= room else short[:room]


# (table, column) -> how many characters the field takes
FREE_TEXT = {
    ("organisations", "name"),
    ("teams", "name"),
    ("teams", "locality"),
    ("rounds", "facilitator"),
    ("rounds", "recovery_lead"),
    ("rounds", "commissioner_lead"),
    ("rounds", "co_facilitator"),
    ("challenge_records", "dissent"),
    ("challenge_records", "comments"),
    ("challenge_records", "evidence"),
    ("moderations", "reasons"),
    ("moderations", "evidence"),
    ("moderations", "moderated_by"),
    ("moderations", "moderated_as"),
    ("views", "note"),
    ("plans", "status_reason"),
    ("plan_versions", "reason"),
    ("plan_versions", "signed_by_commissioner"),
    ("plan_versions", "signed_by_provider"),
    ("plan_versions", "created_by"),
    ("reviews", "stage_evidence"),
    ("reviews", "learned"),
    ("vote_questions", "opened_by"),
    ("vote_questions", "closed_by"),
    ("measurements", "note"),
    ("measure_values", "note"),
    ("measure_values", "reason"),
    ("measure_values", "recorded_by"),
    ("stories", "text"),
    ("stories", "recorded_by"),
    ("stories", "recorded_as"),
    ("trip_ratings", "proud"),
    ("trip_ratings", "next_step"),
    ("assets", "held_by"),
    ("assets", "what"),
    ("audit_log", "actor_name"),
    ("audit_log", "actor_role"),
    ("accounts", "username"),
    ("accounts", "display_name"),
    ("sign_in_failures", "username"),
}
CODED = {  # ids, keys, kinds, statuses, dates as text and JSON the app writes itself
    ("organisations", "kind"),
    ("teams", "team_type"),
    ("audit_log", "action"),
    ("audit_log", "entity"),
    ("audit_log", "before"),
    ("audit_log", "after"),
    ("audit_log", "prev_hash"),
    ("audit_log", "hash"),
    ("rounds", "framework"),
    ("rounds", "kind"),
    ("rounds", "status"),
    ("rounds", "level"),
    ("participants", "group_id"),
    ("challenge_records", "challenge_id"),
    ("views", "group_id"),
    ("plans", "scope"),
    ("plans", "framework"),
    ("plans", "challenge_id"),
    ("plans", "status"),
    ("plan_versions", "content"),  # its text is written field by field: PLAN_TEXT
    ("reviews", "goal_outcomes"),
    ("reviews", "action_statuses"),
    ("measurements", "goal_key"),
    ("measure_values", "indicator_id"),
    ("measure_values", "period_kind"),
    ("stories", "consent"),
    ("trip_ratings", "statement_id"),
    ("trip_ratings", "rating"),
    ("assets", "kind"),
    ("assets", "holder"),
    ("accounts", "role"),
    ("accounts", "password_hash"),
    ("accounts", "sign_in_with"),
    ("sessions", "token_hash"),
    ("vote_questions", "challenge_id"),
    ("vote_questions", "statement_id"),
    ("vote_questions", "code"),
    ("vote_questions", "status"),
    ("votes", "device"),
    ("votes", "group_id"),
    ("votes", "answer"),
}
# Inside a plan's content: "goals.statement" is each goal's statement.
PLAN_TEXT = {
    "description",
    "evidence_sources",
    "title",
    "person_lead_initials",
    "commissioner_lead.name",
    "commissioner_lead.role",
    "provider_lead.name",
    "provider_lead.role",
    "staff_lead.name",
    "staff_lead.role",
    "goals.statement",
    "goals.owner",
    "goals.measure.name",
    "goals.measure.unit",
    "actions.what",
    "actions.who",
    "contract.reference",
    "contract.period",
    "contract.milestone",
}
PLAN_CODED = {
    "timescale",
    "goals.key",
    "goals.measure.indicator",
    "actions.key",
    "contract.scheme",
}
ROOM = {"person_lead_initials": 12, "goals.measure.unit": 30}  # kept short by the forms


def text_columns() -> set[tuple[str, str]]:
    return {
        (table.name, column.name)
        for table in metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text)
    }


def plan_text_fields(model=PlanContent, prefix: str = "") -> set[str]:
    """Every text field inside a plan's content, as a dotted path (lists of models included)."""
    found = set()
    for name, field in model.model_fields.items():
        inner = _model_in(field.annotation)
        if inner is not None:
            found |= plan_text_fields(inner, f"{prefix}{name}.")
        elif "str" in str(field.annotation) or field.annotation is str:
            found.add(prefix + name)
    return found


def _model_in(annotation) -> type | None:
    from pydantic import BaseModel

    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def poison(db: Path) -> int:
    """Write a payload into every free-text field of the SQLite store `db`; how many written."""
    engine = create_engine(f"sqlite:///{db}")
    n = 0
    with engine.begin() as conn:
        for table, column in sorted(FREE_TEXT):
            room = metadata.tables[table].columns[column].type.length or 10_000
            keys = _keys(table)
            for row in conn.execute(text(f"SELECT {', '.join(keys)} FROM {table}")).all():
                n += 1
                where = " AND ".join(f"{k} = :{k}" for k in keys)
                conn.execute(
                    text(f"UPDATE {table} SET {column} = :value WHERE {where}"),
                    {"value": payload(n, room), **row._mapping},
                )
        for row_id, content in conn.execute(text("SELECT id, content FROM plan_versions")).all():
            doc = json.loads(content)
            for path in sorted(PLAN_TEXT):
                n = _poison_plan(doc, path.split("."), n, ROOM.get(path, 200))
            if isinstance(doc.get("contract"), dict):  # tied to one, so its words are shown
                doc["contract"]["scheme"] = "cquin"
            conn.execute(
                text("UPDATE plan_versions SET content = :c WHERE id = :id"),
                {"c": json.dumps(doc, sort_keys=True), "id": row_id},
            )
    engine.dispose()
    return n


def _keys(table: str) -> list[str]:
    return [c.name for c in metadata.tables[table].primary_key.columns]


def _poison_plan(doc, parts: list[str], n: int, room: int) -> int:
    if isinstance(doc, list):
        for item in doc:
            n = _poison_plan(item, parts, n, room)
        return n
    if not isinstance(doc, dict) or parts[0] not in doc or doc[parts[0]] is None:
        return n
    if len(parts) > 1:
        return _poison_plan(doc[parts[0]], parts[1:], n, room)
    doc[parts[0]] = payload(n + 1, room)
    return n + 1


def poison_definitions(definitions: Definitions) -> Definitions:
    """The definitions with a payload after every text a definition file gives (names, titles,
    descriptors, statements...), ids and versions left as they are so every reference holds."""
    counter = iter(range(1, 1_000_000))
    fields = {f.name: getattr(definitions, f.name) for f in dataclasses.fields(definitions)}
    return dataclasses.replace(definitions, **_poisoned(fields, counter, text=False))


def _poisoned(value, counter, text: bool):
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={
                name: _poisoned(getattr(value, name), counter, _is_text(field))
                for name, field in type(value).model_fields.items()
            }
        )
    if isinstance(value, dict):
        return {k: _poisoned(v, counter, text) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_poisoned(v, counter, text) for v in value)
    if isinstance(value, str) and text:
        n = next(counter)
        return f"{value} {BOLD.format(n=n)} <img src=//{TRACKER}/f{n}.png>"
    return value


def _is_text(field) -> bool:
    """A field of free text in a definition file: `Text` or `Brief` (no pattern), alone, in a
    tuple or optional; ids and versions carry a pattern."""

    def texts(annotation) -> bool:
        constraints = [m for m in getattr(annotation, "__metadata__", ()) if hasattr(m, "pattern")]
        if constraints:
            return all(c.pattern is None for c in constraints)
        return any(texts(a) for a in getattr(annotation, "__args__", ()))

    own = [m for m in field.metadata if hasattr(m, "pattern")]
    if own:
        return all(c.pattern is None for c in own)
    return texts(field.annotation)
