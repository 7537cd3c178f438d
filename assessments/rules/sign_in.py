"""When a sign-in is held back and when a session ends, as pure functions of times (UTC), and
the refusals of a sign-in through the person's organisation (OpenID Connect).

Throttling: after MAX_FAILURES wrong passwords for one username within WINDOW, no attempt for
it is tried for LOCKOUT, however right its password; the failures are rows in the store, so a
reload or another replica cannot reset the count. Attempts while held back are not counted,
so waiting out the lockout always works.

Sessions: one ends when its person signs out, when nobody used it for IDLE_MINUTES, or
LIFETIME_HOURS after it began, whichever is first.

Organisation sign-in: the identity provider's cookie lasts far longer than a session (30 days
in Streamlit), so an identity makes a session only while it is fresh: issued by the provider
less than LIFETIME_HOURS ago, after the account's sessions were last ended (by an
administrator, a disabling or a new password), and, once it has made sessions, while one of
them is still in use (used within IDLE_MINUTES, none signed out or ended). Otherwise the person
signs in again at their organisation, which issues a new identity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from assessments.rules.errors import SignInRefused

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
# Clocks differ a little between the identity provider and this server: an identity issued
# "in the future" by less than this is taken as issued now.
CLOCK_SKEW = timedelta(minutes=5)


class IdentityRefused(SignInRefused):
    """An identity from the organisation that no account here lets in (none for its email, or
    the account is disabled or signs in with a password): signing in again will not help."""

    def __init__(self, message: str, email: str) -> None:
        super().__init__(message)
        self.email = email


class SignInEnded(SignInRefused):
    """An identity too old to make a session (see the module's docstring): the person signs
    in again at their organisation."""


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


def identity_over(
    issued_at: datetime,
    now: datetime,
    sessions_ended_at: datetime | None,
    made: Sequence[tuple[datetime, datetime | None]] = (),
) -> bool:
    """True when an identity issued at `issued_at` may no longer make a session. `made`: the
    sessions it made already, each (last used, ended or None)."""
    if now - issued_at > timedelta(hours=LIFETIME_HOURS) or issued_at - now > CLOCK_SKEW:
        return True
    # `iat` counts whole seconds: an identity issued in the second the sessions were ended is
    # taken as issued after (else signing in again at once could be refused once more).
    if sessions_ended_at is not None and issued_at < sessions_ended_at.replace(microsecond=0):
        return True
    if any(ended is not None for _, ended in made):
        return True
    return bool(made) and now - max(seen for seen, _ in made) > timedelta(minutes=IDLE_MINUTES)
