"""A limit on guessing join codes. A code is 4 of 24 letters (331,776 codes), so a script trying
codes one after another could find a room's open vote and cast into it; the per-phone and
per-code limits (`votes.RateLimit`) do not stop it, since each guess is a new code.

What is counted is a miss: a code looked up (a phone's state or cast) that is unknown or no
longer open, counted once per different code in the window. A phone with a typo asks its
wrong code every few seconds, and every phone asks the closed code after a vote closes: each
is one miss, not one per ask; a guesser's every try is a new code. Past the limit, every
lookup from that address is refused (an open code too: answering it would tell the guesser it
had found one) until its misses age out.

Two limits, in this process's memory like `RateLimit`:
- per client address: `ADDRESS_MISSES` different codes in `MISS_WINDOW` seconds. A room behind
  one network address (a trust's Wi-Fi) shares it; 200 phones with a typo each stay under it.
  From one address a script tries 1,800 codes an hour, and so finds one of 10 open codes
  about once in 18 hours (331,776 / (10 x 1,800)).
- per process: past `PROCESS_MISSES` different codes in the window from all addresses together
  (many addresses guessing at once), an address that has missed at all is refused too, while
  one that has not (a phone that typed its code right) still gets through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from assessments.rules.errors import ServiceError

ADDRESS_MISSES, PROCESS_MISSES, MISS_WINDOW = 300, 2_000, 600.0


class TooManyGuesses(ServiceError):
    def __init__(self, wait: int) -> None:
        minutes = max(1, round(wait / 60))
        super().__init__(
            "Too many codes that are not open have been tried from this network. Check the code "
            f"on the screen at the front, wait {minutes} minute{'s' if minutes != 1 else ''}, "
            "then type it again.",
            "rate",
        )


class GuessLimit:
    """Different codes missed per address and per process, over a sliding window."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._by_address: dict[str, dict[str, float]] = {}  # address: {code: last missed}
        self._all: dict[str, float] = {}  # code: last missed, from any address
        self._lock = threading.Lock()  # the routes' threads share one

    def check(self, address: str) -> None:
        """Before a lookup: refused (TooManyGuesses) when the address is over its limit, or has
        missed at all while the process is over its own."""
        with self._lock:
            now = self._clock()
            mine = self._recent(self._by_address.get(address, {}), now)
            if not mine:
                self._by_address.pop(address, None)
                return
            over = len(mine) >= ADDRESS_MISSES
            if over or len(self._recent(self._all, now)) >= PROCESS_MISSES:
                oldest = min(mine.values()) if over else min(self._all.values())
                raise TooManyGuesses(int(oldest + MISS_WINDOW - now) + 1)

    def missed(self, address: str, code: str) -> None:
        """After a lookup found `code` unknown or not open."""
        with self._lock:
            now = self._clock()
            self._by_address.setdefault(address, {})[code] = now
            self._all[code] = now
            if len(self._all) > 4 * PROCESS_MISSES:  # bounded memory: forget what aged out
                self._recent(self._all, now)
            if len(self._by_address) > 50_000:
                self._by_address = {
                    a: m for a, m in self._by_address.items() if self._recent(m, now)
                }

    @staticmethod
    def _recent(misses: dict[str, float], now: float) -> dict[str, float]:
        for code in [c for c, at in misses.items() if at <= now - MISS_WINDOW]:
            del misses[code]
        return misses
