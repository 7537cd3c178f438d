"""Turns the data of one file into a typed definition, or into problems a person can act on.

Pydantic finds every shape error at once; this module rewrites each one as "what is wrong"
and "what was expected", pointing at the line it came from.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel, TypeAdapter, ValidationError

from framework.model import DefinitionFile
from framework.problems import dotted
from framework.yamlfile import YamlFile

_ADAPTER = TypeAdapter(DefinitionFile)
_MODELS: dict[str, type[BaseModel]] = {
    typing.get_args(m.model_fields["kind"].annotation)[0]: m
    for m in typing.get_args(typing.get_args(DefinitionFile)[0])
}
KINDS = tuple(_MODELS)  # the `kind:` values, read off the models so they never drift
_ID_HINT = "lower-case letters, digits and hyphens, such as c06-risk"


def validate(doc: YamlFile) -> BaseModel | None:
    """The typed definition of a read file; None, with problems added, when it is not one."""
    if doc.data is None:
        return None
    kind = doc.data.get("kind")
    if kind not in KINDS:
        if kind is None:
            doc.problem(("kind",), "missing key 'kind'", "one of " + ", ".join(KINDS))
        else:
            doc.problem(("kind",), f"unknown kind '{kind}'", "one of " + ", ".join(KINDS))
        return None
    try:
        return _ADAPTER.validate_python(doc.data)
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            errors.append((loc[1:] if loc and loc[0] == kind else loc, error))  # drop the tag
        for loc, error in sorted(errors, key=lambda e: doc.line_of(e[0])):
            if error["type"] == "too_short" and _has_deeper(loc, errors):
                continue  # the list is short only because its items were refused
            what, expected = describe(error, _MODELS[kind], loc)
            path = loc[:-1] if error["type"] in ("missing", "extra_forbidden") else loc
            doc.problem(loc, what, expected, shown=dotted(path))
        return None


def _has_deeper(loc: tuple, errors: list[tuple[tuple, dict]]) -> bool:
    return any(other[: len(loc)] == loc and len(other) > len(loc) for other, _ in errors)


def describe(error: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """(what is wrong, what was expected) for one pydantic error."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing key '{name}'", "it to be present"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return f"unknown key '{name}'", "one of " + ", ".join(allowed) if allowed else ""
    if kind == "string_pattern_mismatch":
        if name in ("framework", "maps_onto"):
            return (
                f"'{value}' is not a framework reference",
                "id@version, such as imroc-challenges@2010",
            )
        if name == "version":
            return f"'{value}' is not a version", "letters, digits, dots and hyphens"
        return f"'{value}' is not a valid id", _ID_HINT
    if kind in ("string_too_short",):
        return "is empty", "some text"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"is {len(str(value).strip())} characters long", f"at most {limit} characters"
    if kind in ("string_type",):
        return f"{_shown(value)} is not text", "text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{_shown(value)} is not a whole number", "a whole number"
    if kind in ("bool_type", "bool_parsing"):
        return f"{_shown(value)} is not true or false", "true or false"
    if kind in ("greater_than_equal", "less_than_equal"):
        if name in ("stage", "number") and "stages" in loc:
            return f"stage {value} is out of range", "1, 2 or 3"
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return f"{value} is out of range", f"{side} {bound}"
    if kind == "too_short":
        return "has too few items", f"at least {ctx.get('min_length')}"
    if kind in ("tuple_type", "list_type"):
        return f"{_shown(value)} is not a list", "a list of items"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{_shown(value)} is not a mapping", "a mapping of keys and values"
    if kind in ("enum", "literal_error"):
        return f"'{value}' is not allowed", ctx.get("expected", "")
    return error["msg"][0].lower() + error["msg"][1:], ""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a mapping at `loc` may have, found by walking the model's field types."""
    target: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(target, type) and issubclass(target, BaseModel)):
            return []
        field = target.model_fields.get(str(part))
        if field is None:
            return []
        target = _inner_model(field.annotation)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [k for k in target.model_fields if k != "inherited_from"]
    return []


def _inner_model(annotation: object) -> object:
    """`tuple[Challenge, ...] | None` -> Challenge."""
    for arg in (annotation, *_flatten(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _flatten(annotation: object) -> list[object]:
    out = []
    for arg in typing.get_args(annotation):
        out.append(arg)
        out.extend(_flatten(arg))
    return out
