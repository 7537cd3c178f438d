"""The window a date a person gives must fall in: from 1 January 2000 (before the methodology;
an earlier date is a slip, such as year 0001) to ten years after today. A date outside is
refused with the window named, never replaced by another."""

from __future__ import annotations

from datetime import date

from assessments.rules.errors import ServiceError

EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 10


def latest(today: date) -> date:
    return date(today.year + YEARS_AHEAD, today.month, min(today.day, 28))


def outside_window(value: date, today: date) -> str | None:
    """Why `value` is outside the window, in words; None when it is inside."""
    if EARLIEST <= value <= latest(today):
        return None
    return (
        f"is dated {_day(value)}: a date from {_day(EARLIEST)} to {_day(latest(today))} is expected"
    )


def _day(value: date) -> str:
    return f"{value:%d %B} {value.year:04d}"  # %Y writes the year 1 as "1"


def checked_day(value: object, field: str, what: str, today: date) -> date:
    if not isinstance(value, date):
        raise ServiceError(f"{what} needs a date.", field)
    why = outside_window(value, today)
    if why is not None:
        raise ServiceError(f"{what} {why}.", field)
    return value
