"""Text a person typed, as it may be stored: trimmed, within its limit, named when refused."""

from __future__ import annotations

from assessments.records import Actor
from assessments.rules.errors import ServiceError

NAME_LENGTH = 200
TEXT_LENGTH = 5000


def clean_text(value: str | None, field: str, what: str, *, required: bool, limit: int) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ServiceError(f"{what} is empty: give it a name.", field)
    if len(cleaned) > limit:
        raise ServiceError(f"{what} is {len(cleaned)} characters long; at most {limit}.", field)
    return cleaned


def checked_actor(actor: Actor) -> Actor:
    name = clean_text(actor.name, "actor", "Your name", required=True, limit=NAME_LENGTH)
    role = clean_text(actor.role, "actor", "Your role", required=True, limit=NAME_LENGTH)
    return Actor(name, role)
