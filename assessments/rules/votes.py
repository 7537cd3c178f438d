"""The rules of a live vote that need no database: join codes, the phone's token, and the rate
limits on casting. In memory, per process: a second app server (a region's replicas) keeps its
own counts, so a phone could cast up to the limit once per server; that is accepted for now,
because the limit only has to stop a runaway script, not a determined person with many
phones (each vote is still one per device per ballot in the store)."""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from assessments.rules.errors import ServiceError

# Letters nobody misreads on a projector or mistypes on a phone: no I or O (1 and 0), no digits.
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 4  # 24**4 = 331,776 codes: a code is never used twice
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")

# A phone may cast (or change) its vote this many times in the window; a code takes this many
# casts from all phones together (200 phones changing their minds twice in a minute).
DEVICE_CASTS, CODE_CASTS, WINDOW_SECONDS = 10, 600, 60.0


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def clean_code(code: object) -> str:
    """A code as typed (any case, spaces around or inside); refused, naming the field, when it
    cannot be one."""
    typed = re.sub(r"\s+", "", code if isinstance(code, str) else "").upper()
    if len(typed) != CODE_LENGTH or any(ch not in CODE_LETTERS for ch in typed):
        raise ServiceError(
            f"The code is {CODE_LENGTH} letters, as shown on the screen at the front "
            "(there is no I or O in a code). Check it and try again.",
            "code",
        )
    return typed


def device_hash(token: object) -> str:
    """What is stored of a phone: the hash of its random token, never the token."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise ServiceError(
            "This phone's vote could not be linked to it: reload the page and vote again.",
            "device",
        )
    return hashlib.sha256(token.encode()).hexdigest()


class NotOpen(ServiceError):
    """A code that is unknown or no longer open, named for the phone by `field` "code"; to
    the limit on guessing codes (vote_guesses.py), a miss."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, "code")
        self.code = code


class RateLimit:
    """Sliding windows of recent casts per device and per code, in this process's memory."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # the routes' threads share one

    def check(self, device: str, code: str) -> None:
        """Count a cast, or refuse it (counting nothing) when either window is full."""
        with self._lock:
            self._check(device, code)

    def _check(self, device: str, code: str) -> None:
        now = self._clock()
        for key, most, what in (
            (f"d:{device}", DEVICE_CASTS, "this phone has sent many votes in a short time"),
            (f"c:{code}", CODE_CASTS, "this vote is taking very many votes at once"),
        ):
            recent = self._recent(key, now)
            if len(recent) >= most:
                wait = max(1, int(recent[0] + WINDOW_SECONDS - now) + 1)
                raise ServiceError(
                    f"Not stored: {what}. Wait {wait} seconds, then send again.", "rate"
                )
        self._recent(f"d:{device}", now).append(now)
        self._recent(f"c:{code}", now).append(now)
        if len(self._seen) > 50_000:  # forget idle phones, so memory stays bounded
            self._seen = {k: v for k, v in self._seen.items() if self._recent(k, now)}

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self._seen.setdefault(key, deque())
        while recent and recent[0] <= now - WINDOW_SECONDS:
            recent.popleft()
        return recent
