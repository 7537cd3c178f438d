"""The projected view for `python -m benchmarks live-votes`: one Chromium page (1024x768) on the
workshop's presentation view of the challenge being voted on. The live tally is the element
with the class `st-key-live-vote`, whose text says "N votes in" (pages/kit/live_vote.py) and
refreshes by itself; a MutationObserver in the page notes, on the wall clock the voters use,
when each count first appears."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, expect

from tests.artifacts import SCREENSHOTS  # outside the repository

LIVE_VOTE = ".st-key-live-vote"
BY = "Benchmark facilitator (Facilitator)"  # who is recording, kept in the URL as the app keeps it
FIND_MS = 30_000
APPEAR_MS = 15_000  # an open vote not on the view after this long: the view has no live tally
SETTLE_S = 5.0  # after the last vote, how long the view may take to show the final count

# Runs in the page before Streamlit's own scripts, on every load.
OBSERVER = """
(() => {
  const seen = {events: [], last: -1};
  window.__liveVotes = seen;
  seen.reset = () => { seen.events = []; seen.last = -1; };
  const look = () => {
    const tally = document.querySelector("LIVE_VOTE");
    const found = tally && /(\\d+) votes? in/.exec(tally.textContent);
    if (!found) return;
    const n = Number(found[1]);
    if (n > seen.last) {
      seen.last = n;
      seen.events.push([n, (performance.timeOrigin + performance.now()) / 1000]);
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, characterData: true,
  });
})();
""".replace("LIVE_VOTE", LIVE_VOTE)


@dataclass
class ProjectedView:
    page: Page
    base_url: str
    round_id: int
    missing: int = 0  # questions on which the page showed no live tally: nothing timed there
    here: bool = False  # the current question's tally is on the page

    async def show(self, challenge_id: str) -> None:
        """The presentation view of the challenge whose vote has just opened, at rest with
        the vote's tally on it (count 0)."""
        query = {"round": self.round_id, "challenge": challenge_id, "view": "room", "by": BY}
        url = f"{self.base_url}/workshop?{urlencode(query)}"
        await self.page.goto(url)
        await self.page.wait_for_selector('[data-testid="stApp"]', timeout=FIND_MS)
        status = self.page.locator('[data-testid="stStatusWidget"]')
        await expect(status).to_have_count(0, timeout=FIND_MS)
        try:
            await self.page.wait_for_function(
                "() => window.__liveVotes.last >= 0", timeout=APPEAR_MS
            )
            self.here = True
        except PlaywrightError:
            self.here = False
            self.missing += 1

    async def reset(self) -> None:
        await self.page.evaluate("() => window.__liveVotes.reset()")

    async def shown(self, count: int) -> list[tuple[int, float]]:
        """Once the view shows `count` (or SETTLE_S has passed): each count first shown, with
        its wall-clock time (s)."""
        if not self.here:
            return []
        deadline = time.monotonic() + SETTLE_S
        while time.monotonic() < deadline:
            if await self.page.evaluate("() => window.__liveVotes.last") >= count:
                break
            await self.page.wait_for_timeout(50)
        return [(int(n), float(t)) for n, t in await self.page.evaluate(
            "() => window.__liveVotes.events"
        )]  # fmt: skip

    async def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def shown_ms(firsts: list[tuple[float, float]], events: list[tuple[int, float]]) -> list[float]:
    """Vote to shown for one question. `firsts`: each first vote acknowledged, as (sent,
    replied) wall-clock seconds; the N-th to be replied to made the count N. `events`: each
    count as first shown, (N, when). The count N is shown at the first event of N or more.
    Votes whose count never appeared are left out (the caller counts them)."""
    ordered = sorted(firsts, key=lambda pair: pair[1])
    result = []
    for n, (sent, _) in enumerate(ordered, start=1):
        at = next((t for count, t in events if count >= n), None)
        if at is not None:
            result.append((at - sent) * 1000)
    return result
