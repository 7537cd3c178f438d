"""Text a person typed, as it may be stored: trimmed, within its limit, printable, named when
refused."""

from __future__ import annotations

import unicodedata

from assessments.records import Actor
from assessments.rules.errors import ServiceError

NAME_LENGTH = 200
TEXT_LENGTH = 5000


def clean_text(value: str | None, field: str, what: str, *, required: bool, limit: int) -> str:
    """`value` trimmed, or a ServiceError naming the field. A name or other short field (at
    most NAME_LENGTH) is one line; longer text may break lines. Control characters (NUL, escape
    and the like) are refused everywhere: PostgreSQL refuses NUL, and Excel the rest."""
    cleaned = (value or "").replace("\r\n", "\n").strip()
    if required and not cleaned:
        raise ServiceError(f"{what} is empty: give it a name.", field)
    if len(cleaned) > limit:
        raise ServiceError(f"{what} is {len(cleaned)} characters long; at most {limit}.", field)
    one_line = limit <= NAME_LENGTH
    for place, character in enumerate(cleaned, start=1):
        if unicodedata.category(character) in ("Cc", "Cs") and (
            one_line or character not in "\n\t"
        ):
            rule = "it is one line of text" if one_line else "only text and line breaks"
            raise ServiceError(
                f"{what} holds {_named(character)} at character {place}; {rule}.", field
            )
    return cleaned


def _named(character: str) -> str:
    return "a line break" if character in "\n\r" else f"a control character ({ord(character):#04x})"


def checked_actor(actor: Actor) -> Actor:
    name = clean_text(actor.name, "actor", "Your name", required=True, limit=NAME_LENGTH)
    role = clean_text(actor.role, "actor", "Your role", required=True, limit=NAME_LENGTH)
    return Actor(name, role)
