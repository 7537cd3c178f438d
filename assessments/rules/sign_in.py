"""When a sign-in is held back and when a session ends, as pure functions of times (UTC).

Throttling: after MAX_FAILURES wrong passwords for one username within WINDOW, no attempt for
it is tried for LOCKOUT, however right its password; the failures are rows in the store, so a
reload or another replica cannot reset the count. Attempts while held back are not counted,
so waiting out the lockout always works.

Sessions: one ends when its person signs out, when nobody used it for IDLE_MINUTES, or
LIFETIME_HOURS after it began, whichever is first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
# Failures older than this can no longer hold anyone back: the store forgets them.
REMEMBERED = WINDOW + LOCKOUT

IDLE_MINUTES = 30
LIFETIME_HOURS = 12
# A session's last use is written at most this often: a page run reads it, and a write on
# every run would be a write on every click.
TOUCH_EVERY = timedelta(minutes=1)


def held_back_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """When attempts for a username may start again, or None if they may now. `failures` are
    its failed sign-ins in time order (those since REMEMBERED before `now` are enough): a
    lockout starts at a failure that is the MAX_FAILURES-th within WINDOW."""
    until = None
    for last in range(MAX_FAILURES - 1, len(failures)):
        if failures[last] - failures[last - MAX_FAILURES + 1] <= WINDOW:
            until = failures[last] + LOCKOUT
    return until if until is not None and now < until else None


def minutes_left(until: datetime, now: datetime) -> int:
    """Whole minutes until `until`, rounded up: "try again in 1 minute", never "in 0"."""
    return max(1, math.ceil((until - now).total_seconds() / 60))


def session_over(created_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
    """True when a session not signed out has ended by itself: idle or too old."""
    return now - last_seen_at > timedelta(minutes=IDLE_MINUTES) or now - created_at > timedelta(
        hours=LIFETIME_HOURS
    )


def needs_touch(last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at >= TOUCH_EVERY
