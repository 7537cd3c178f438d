"""The room's phones for `python -m benchmarks live-votes`: each voter its own HTTP client
(benchmarks/live_http.py, async, so hundreds run from one process) with its own random token,
doing what the phone page (voting/vote.js) does over the real server: load /vote once, poll the
state endpoint, and POST each vote as JSON. Never a service call."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from random import Random

from assessments.records.votes import ANSWERS
from benchmarks.live_http import NoReply, PhoneHttp, Reply

POLL_SECONDS = 5.0  # as voting/vote.js polls, each phone from the moment it loaded the page
THINK_SECONDS = (0.5, 4.0)  # from the code on the screen to Send: reading, typing, choosing
CHANGE_SECONDS = (1.0, 2.0)  # from one's vote stored to changing one's mind
STORED, REFUSED, FAILED = "stored", "refused", "failed"


@dataclass
class Send:
    """One POST of a vote and what came of it."""

    question: int
    device: str  # the voter's token, as the phone keeps it
    first: bool  # the first vote on this question, not a change of mind
    group: str
    answer: str
    priority: int | None
    sent_at: float  # wall clock (s), comparable with the browser's
    outcome: str = FAILED
    ms: float | None = None  # sent to reply
    replied_at: float | None = None  # wall clock (s)
    detail: str = ""


@dataclass
class Screen:
    """What the room can read off the projected screen: the code of the vote now open."""

    code: str | None = None


@dataclass
class Voter:
    number: int
    base_url: str
    groups: list[str]
    rng: Random = field(init=False)
    token: str = field(init=False)
    group: str = field(init=False)
    polls: int = 0
    failed: list[str] = field(default_factory=list)  # page loads and polls, in words

    def __post_init__(self) -> None:
        self.rng = Random(self.number)
        self.token = secrets.token_hex(16)  # as vote.js makes it
        self.group = self.rng.choice(self.groups)  # chosen once, as on the page
        self.http = PhoneHttp(self.base_url)

    async def close(self) -> None:
        await self.http.close()

    async def load_page(self, within: float) -> None:
        """Scanning the QR code at some moment in the first `within` seconds."""
        await asyncio.sleep(self.rng.uniform(0, within))
        await self._get("/vote", "loading the page")

    async def poll(self, screen: Screen, every: float) -> None:
        """Until cancelled: the state of the code on the screen, every `every` seconds."""
        await asyncio.sleep(self.rng.uniform(0, every))
        while True:
            if screen.code is not None:
                await self._look(screen.code)
            await asyncio.sleep(every)

    async def vote(self, question: int, code: str, change_mind: bool) -> list[Send]:
        """Read the code off the screen, type it (the page asks its state), send a vote; if
        `change_mind`, a little later send another answer."""
        await asyncio.sleep(self.rng.uniform(*THINK_SECONDS))
        await self._look(code)
        answer = self.rng.choice(list(ANSWERS))
        sends = [await self._cast(question, code, answer, first=True)]
        if change_mind:
            await asyncio.sleep(self.rng.uniform(*CHANGE_SECONDS))
            other = self.rng.choice([a for a in ANSWERS if a != answer])
            sends.append(await self._cast(question, code, other, first=False))
        return sends

    async def _look(self, code: str) -> None:
        reply = await self._get(f"/vote/api/state?code={code}", "polling the vote's state")
        if reply is not None:
            self.polls += 1

    async def _get(self, path: str, doing: str) -> Reply | None:
        try:
            reply = await self.http.get(path)
        except NoReply as error:
            self.failed.append(f"{doing}: {error}")
            return None
        if reply.status_code != 200:
            self.failed.append(f"{doing}: HTTP {reply.status_code}")
            return None
        return reply

    async def _cast(self, question: int, code: str, answer: str, first: bool) -> Send:
        priority = self.rng.choice([None, *range(1, 11)])
        send = Send(question, self.token, first, self.group, answer, priority, time.time())
        body = {"code": code, "device": self.token, "group": self.group, "answer": answer,
                "priority": priority}  # fmt: skip
        start = time.perf_counter()
        try:
            reply = await self.http.post_json("/vote/api/cast", body)
        except NoReply as error:
            send.detail = f"no reply: {error}"
            return send
        send.ms = (time.perf_counter() - start) * 1000
        send.replied_at = time.time()
        send.outcome, send.detail = judged(reply)
        return send


def judged(reply: Reply) -> tuple[str, str]:
    """Stored (2xx, stored: true); refused on purpose (a 4xx the app wrote, naming the field
    and saying why: a closed code, the rate limit); or failed, anything else."""
    try:
        body = reply.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return FAILED, f"HTTP {reply.status_code}, not the app's reply"
    if reply.is_success and body.get("stored") is True:
        return STORED, ""
    if 400 <= reply.status_code < 500 and body.get("field") and body.get("message"):
        return REFUSED, str(body["message"])
    return FAILED, f"HTTP {reply.status_code}: {body.get('message', '')}"
