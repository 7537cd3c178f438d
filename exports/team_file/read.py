"""Reading a team file: its bytes become a checked `TeamFile`, or `TeamFileRefused` with every
problem at once, each as `FILE:LINE: path: what is wrong (expected ...)`, the way
`python -m framework check` reports a definition file.

Nothing here touches the store. The text is read by the framework's YAML reader (line numbers,
duplicate keys, encodings), the shape by the pydantic models of `format.py`, and the
meaning by `checks.py` and `plan_checks.py`.
"""

from __future__ import annotations

import types
import typing
from datetime import date
from typing import Annotated, Any, Union

from pydantic import BaseModel, ValidationError

from assessments.rules.errors import ImportRefused
from exports.team_file.checks import Parts, RecordChecks, listed
from exports.team_file.format import (
    FORMAT,
    FORMAT_VERSION,
    MOST_ITEMS,
    PLAN_KINDS,
    ROUND_KINDS,
    AssetEntry,
    ProviderEntry,
    TeamEntry,
    TeamFile,
)
from exports.team_file.plan_checks import PlanChecks
from framework.loader import Definitions, load
from framework.problems import Problem, dotted
from framework.validate import describe
from framework.yamlfile import EXPECTED_TOP, YamlFile, parse

EXPECTED_FILE = f"a team file: a mapping that starts with format: {FORMAT}"
STAGE_FIELDS = ("agreed_stage", "current_stage", "stage")
TOP_KEYS = tuple(TeamFile.model_fields)
HEADER_PARTS = ((ProviderEntry, "provider"), (TeamEntry, "team"))


class TeamFileRefused(ImportRefused):
    """A team file that cannot be imported. Nothing was written; `problems` holds every one,
    each a `framework.problems.Problem` (file, line, path, what, expected)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)  # type: ignore[arg-type]  # shown the same way as rows


def read_team_file(
    data: bytes | str,
    name: str = "team file",
    *,
    definitions: Definitions | None = None,
    today: date | None = None,
) -> TeamFile:
    """The checked contents of a team file, or TeamFileRefused listing every problem. Dates
    that must not be in the future are judged on `today` (by default the real today)."""
    return read_checked(data, name, definitions or load(), today or date.today())[0]


def read_checked(
    data: bytes | str, name: str, definitions: Definitions, today: date
) -> tuple[TeamFile, YamlFile]:
    """The checked contents, and the read file, whose lines later problems can point at."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    doc = parse(raw, name)
    doc.problems[:] = [_team_file_expected(p) for p in doc.problems]
    if doc.data is None or not _is_this_format(doc):
        raise TeamFileRefused(doc.problems)
    parts = _shape(doc)
    RecordChecks(doc, parts, definitions, today).run()
    PlanChecks(doc, parts, definitions, today).run()
    if doc.problems:
        raise TeamFileRefused(refusal(doc))
    record = TeamFile(
        provider=parts.provider,
        team=parts.team,
        rounds=tuple(parts.rounds.values()),
        assets=tuple(parts.assets.values()),
        plans=tuple(parts.plans.values()),
    )
    return record, doc


def refusal(doc: YamlFile) -> list[Problem]:
    """The file's problems in the order of its lines."""
    return sorted(doc.problems, key=lambda p: p.line)


def _team_file_expected(problem: Problem) -> Problem:
    """The reader was written for definition files; say what a team file looks like instead."""
    if problem.expected != EXPECTED_TOP:
        return problem
    return Problem(problem.file, problem.line, problem.path, problem.what, EXPECTED_FILE)


def _is_this_format(doc: YamlFile) -> bool:
    found, version = doc.data.get("format"), doc.data.get("format_version")
    if found is None:
        doc.problem((), "is not a team file: it has no 'format' key", EXPECTED_FILE)
        return False
    if found != FORMAT:
        doc.problem(("format",), f"'{found}' is not a team file", FORMAT)
        return False
    if version != FORMAT_VERSION:
        what = "missing key 'format_version'" if version is None else None
        what = what or f"{version!r} is a version this app cannot read"
        doc.problem(
            ("format_version",),
            what,
            f"{FORMAT_VERSION}: a newer version of the app may have written the file",
            shown="format_version" if version is not None else "(file)",
        )
        return False
    return True


# --- shape ------------------------------------------------------------------------------------


def _shape(doc: YamlFile) -> Parts:
    """Each part of the file checked against its model on its own, so a slip in one part hides
    nothing in the others; a problem for every part of the wrong shape."""
    data = doc.data
    for key in data:
        if key not in TOP_KEYS:
            doc.problem((key,), f"unknown key '{key}'", listed(TOP_KEYS), shown="(file)")
    provider, team = (_part(doc, model, key) for model, key in HEADER_PARTS)
    rounds = _by_kind(doc, "rounds", ROUND_KINDS)
    assets = _each(doc, "assets", lambda i, item: _validated(doc, AssetEntry, item, ("assets", i)))
    plans = _by_kind(doc, "plans", PLAN_KINDS)
    return Parts(provider, team, rounds, assets, plans, _keys(doc, "rounds"), _keys(doc, "assets"))


def _part(doc: YamlFile, model: type[BaseModel], key: str) -> Any:
    if key not in doc.data:
        doc.problem((), f"missing key '{key}'", "it to be present")
        return None
    return _validated(doc, model, doc.data[key], (key,))


def _items(doc: YamlFile, key: str) -> list:
    """The items of a top-level list; none, with a problem, when it is not a list or holds
    more than a team's records ever need (`MOST_ITEMS`: each is checked and written one by one,
    so a file of 50,000 assets would hold the store for minutes)."""
    items = doc.data.get(key, [])
    if not isinstance(items, list):
        doc.problem((key,), f"{_shown(items)} is not a list", "a list of items")
        return []
    if len(items) > MOST_ITEMS[key]:
        doc.problem((key,), f"holds {len(items)} {key}", f"at most {MOST_ITEMS[key]} {key}")
        return []
    return items


def _each(doc: YamlFile, key: str, validate) -> dict:
    found = {}
    for i, item in enumerate(_items(doc, key)):
        model = validate(i, item)
        if model is not None:
            found[i] = model
    return found


def _keys(doc: YamlFile, key: str) -> set[str]:
    """The `key` of every item of a top-level list, whatever the shape of the rest."""
    items = doc.data.get(key)
    if not isinstance(items, list):
        return set()
    return {str(item["key"]) for item in items if isinstance(item, dict) and "key" in item}


def _by_kind(doc: YamlFile, part: str, kinds: dict[str, type[BaseModel]]) -> dict:
    """Each item of the list of rounds or plans, checked against the model of its `kind`."""
    expected = " or ".join(kinds)

    def validate(i: int, item: object) -> Any:
        at = (part, i)
        if not isinstance(item, dict):
            doc.problem(at, f"{_shown(item)} is not a mapping", "a mapping of keys and values")
        elif "kind" not in item:
            doc.problem((*at, "kind"), "missing key 'kind'", expected, shown=dotted(at))
        elif item["kind"] not in kinds:
            doc.problem((*at, "kind"), f"unknown kind {_shown(item['kind'])}", expected)
        else:
            return _validated(doc, kinds[item["kind"]], item, at)
        return None

    return _each(doc, part, validate)


def _validated(doc: YamlFile, model: type[BaseModel], data: object, at: tuple) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            what, expected = _describe(error, model, loc)
            path = loc[:-1] if error["type"] in ("missing", "extra_forbidden") else loc
            doc.problem((*at, *loc), what, expected, shown=dotted((*at, *path)))
        return None


def _describe(error: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """(what is wrong, what was expected): the framework's wording, and this file's own where
    it knows better."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "extra_forbidden":
        allowed = _keys_at(model, loc[:-1])
        return f"unknown key '{loc[-1]}'", "one of " + ", ".join(allowed) if allowed else ""
    if kind == "too_long":
        return f"holds {ctx['actual_length']} items", f"at most {ctx['max_length']}"
    if kind == "string_too_long":
        return f"is {len(value)} characters long", f"at most {ctx['max_length']}"
    if kind == "string_pattern_mismatch" and name in ("framework", "benchmark_set"):
        return f"'{value}' is not a reference", "id@version, such as imroc-challenges@2010"
    if kind in ("greater_than_equal", "less_than_equal"):
        if name in STAGE_FIELDS:
            return f"stage {value} is out of range", "1, 2 or 3"
        if name == "priority":
            return f"priority {value} is out of range", "a rank from 1 to 10"
        if ctx.get("ge") == 0:
            return f"{value} is a negative count", "0 or more"
    if kind in ("float_type", "float_parsing"):
        return f"{_shown(value)} is not a number", "a number, such as 12 or 12.5"
    if kind == "finite_number":
        return f"{_shown(value)} is not a finite number", "a number, such as 12 or 12.5"
    if kind.startswith("date_"):
        return f"{_shown(value)} is not a date", "a date such as 2026-03-31"
    if kind in ("list_type", "tuple_type") and not isinstance(value, list):
        return f"{_shown(value)} is not a list", "a list of items"
    return describe(error, model, loc)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the mapping at `loc` may have: the fields of the model found there."""
    annotation: object = model
    for part in loc:
        annotation = _step(annotation, part)
    target = _unwrap(annotation)
    return list(target.model_fields) if _is_model(target) else []


def _step(annotation: object, part: str | int) -> object:
    annotation = _unwrap(annotation)
    if _is_model(annotation):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(annotation: object) -> object:
    """`Annotated[X, ...]` and `X | None` -> X."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kept = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(kept[0]) if len(kept) == 1 else annotation
    return annotation


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
