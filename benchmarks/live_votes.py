"""`python -m benchmarks live-votes [--voters 60] [--questions 10] [--database-url URL]`: the
room's phones voting over the real server (`streamlit run server.py`, as scripts/run.sh serves
it) while the projected view shows the live tally in Chromium; prints what was lost, how long a
vote took to be stored and to be shown, and what the server spent (issue 19). Information,
never a pass or a fail; exit 0 when measured, 1 when the harness could not run, 2 for numbers
it refuses.

On a temporary SQLite store, or on PostgreSQL when given its URL (a fictional provider and round
are added to it, and left there). The facilitator's side (opening and closing each vote) goes
through the service, as the projected view's buttons would."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections import Counter
from contextlib import suppress
from dataclasses import replace
from datetime import date
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from assessments import store
from assessments.records import Actor
from assessments.rules.errors import ServiceError
from assessments.rules.votes import DEVICE_CASTS, WINDOW_SECONDS
from assessments.service import Service
from benchmarks.browser import VIEWPORT
from benchmarks.live_report import LiveFigures, live_report
from benchmarks.live_server import SERVER_LOG, LiveFailed, Server, bare_cpu_ms, served
from benchmarks.live_store import check_question
from benchmarks.live_view import APPEAR_MS, OBSERVER, ProjectedView, shown_ms
from benchmarks.live_voters import FAILED, POLL_SECONDS, REFUSED, STORED, Screen, Send, Voter
from benchmarks.synthetic import DATA_DIR, temporary_store
from framework.loader import load
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

LIVE = "live-votes"
SQLITE = "SQLite (a temporary file)"
ACTOR = Actor("Benchmark facilitator", "Facilitator")
FRAMEWORK = "imroc-challenges@2010"
LOAD_PAGE_SECONDS = 5.0  # the room scanning the QR code
LAG_SECONDS = 0.1
CLOSE_SECONDS = 20.0
# Each voter changes its mind once in the run, so sends up to questions + 1 votes. Past the
# per-device limit, questions are paced so no 60 s window holds more than it allows.
PACE_SECONDS = WINDOW_SECONDS / (DEVICE_CASTS - 2)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m benchmarks {LIVE}",
        description="Voters' phones (real HTTP sessions, each with its own token) vote on the "
        "app's own server while the projected view shows the live tally in Chromium: votes "
        "lost, vote to stored, vote to shown, the server's memory and CPU. Information, never "
        "a pass or a fail.",
    )
    parser.add_argument("--voters", type=int, default=60, help="phones in the room (60)")
    parser.add_argument(
        "--questions", type=int, default=10, help="challenges voted on, one vote each (10)"
    )
    parser.add_argument(
        "--poll-seconds",
        type=float,
        default=POLL_SECONDS,
        help=f"how often each phone asks the vote's state ({POLL_SECONDS:g}, as the page does)",
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL URL to run on instead of a temporary SQLite file"
    )
    return parser


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    most = len(load().framework(FRAMEWORK).challenges)
    if args.voters < 1 or not 1 <= args.questions <= most or args.poll_seconds <= 0:
        print(
            f"Give at least 1 voter, 1 to {most} questions and a poll of more than 0 s.",
            file=sys.stderr,
        )
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: run scripts/system-packages.sh", file=sys.stderr)
        return 1
    load_at_start = _load()
    with temporary_store():
        engine = store.open_store(args.database_url)
        try:
            svc = Service(engine, load())
            round_id, challenges = _round(svc, args.questions)
            print(f"Starting the app server on {store.describe(engine)}…", flush=True)
            try:
                with served(Path(os.environ[DATA_DIR]), args.database_url) as server:
                    print(f"{args.voters} voters, {args.questions} questions…", flush=True)
                    figures = asyncio.run(_measure(args, svc, server, round_id, challenges))
            except LiveFailed as failed:
                print(failed, file=sys.stderr)
                return 1
            figures = replace(
                figures,
                load=f"{load_at_start} at the start, {_load()} at the end",
                database=store.describe(engine) if args.database_url else SQLITE,
            )
        finally:
            engine.dispose()
    print(live_report(figures))
    return 0


def _load() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def _round(svc: Service, questions: int) -> tuple[int, list[str]]:
    """A fictional provider's Template A round, made as the Rounds page makes one."""
    org = svc.providers.create_organisation(ACTOR, f"Benchmark Demo Trust {time.time_ns()}")
    made = svc.workshop.create_round(
        ACTOR, org.id, framework=FRAMEWORK, held_on=date.today(), facilitator=ACTOR.name
    )
    challenges = [c.id for c in svc.definitions.framework(FRAMEWORK).challenges]
    return made.id, challenges[:questions]


class _Tallies:
    """Everything the run counts, question by question."""

    def __init__(self) -> None:
        self.sends: list[Send] = []
        self.shown: list[float] = []
        self.not_shown = 0
        self.missing = 0
        self.exact = True
        self.lags: list[float] = []  # ms


async def _measure(args, svc: Service, server: Server, round_id: int, challenges) -> LiveFigures:
    groups = [g.id for g in svc.definitions.stakeholder_groups]
    pace = PACE_SECONDS if args.questions + 1 > DEVICE_CASTS else 0.0
    counted = _Tallies()
    async with async_playwright() as pw:
        try:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise LiveFailed(f"{CHROMIUM} did not start: {error}") from None
        context = await browser.new_context(viewport=VIEWPORT)
        await context.add_init_script(OBSERVER)
        view = ProjectedView(await context.new_page(), server.url, round_id)
        bare = await bare_cpu_ms(server)
        voters = [Voter(n, server.url, groups) for n in range(args.voters)]
        screen = Screen()
        rss_before, cpu_before = server.rss_mb(), server.cpu_seconds()
        sampler = asyncio.create_task(server.sample_rss())
        lag = asyncio.create_task(_loop_lag(counted.lags))
        await asyncio.gather(*(v.load_page(LOAD_PAGE_SECONDS) for v in voters))
        pollers = [asyncio.create_task(v.poll(screen, args.poll_seconds)) for v in voters]
        try:
            for number, challenge in enumerate(challenges):
                await _question(
                    svc, view, voters, screen, number, challenge, len(challenges), pace, counted
                )
                print(f"  question {number + 1} closed", flush=True)
            await view.screenshot("live-votes-benchmark-view")
        finally:
            for task in [*pollers, sampler, lag]:
                task.cancel()
            await asyncio.gather(*pollers, sampler, lag, return_exceptions=True)
            await asyncio.gather(*(v.close() for v in voters))
            # Chromium has once hung closing on a loaded machine: the driver's exit ends it.
            with suppress(TimeoutError):
                await asyncio.wait_for(browser.close(), CLOSE_SECONDS)
        cpu = server.cpu_seconds()
    sends = counted.sends
    return LiveFigures(
        voters=args.voters, questions=args.questions, poll_seconds=args.poll_seconds,
        database="", load="",
        sent=len(sends),
        acknowledged=sum(s.outcome == STORED for s in sends),
        refused=sum(s.outcome == REFUSED for s in sends),
        failed=sum(s.outcome == FAILED for s in sends),
        missing=counted.missing, store_exact=counted.exact,
        stored_ms=[s.ms for s in sends if s.outcome == STORED and s.ms is not None],
        shown_ms=counted.shown, not_shown=counted.not_shown,
        view=_view_said(view.missing, args.questions),
        rss_before_mb=rss_before, rss_peak_mb=server.peak_rss or None,
        cpu_seconds=None if cpu is None or cpu_before is None else cpu - cpu_before,
        bare_cpu_ms=bare,
        polls=sum(v.polls for v in voters),
        other_failed=sum(len(v.failed) for v in voters),
        log=str(SERVER_LOG),
        harness_lag_ms=counted.lags,
        problems=dict(Counter(
            [s.detail for s in sends if s.outcome != STORED]
            + [why for v in voters for why in v.failed]
        ).most_common()),
    )  # fmt: skip


def _view_said(missing: int, questions: int) -> str:
    shown = "the workshop's presentation view of each challenge (view=room), Chromium 1024x768"
    if missing == questions:
        return (
            "no element with the class st-key-live-vote on the presentation view, so vote to "
            "shown was not measured"
        )
    if missing:
        return (
            f"{shown}; on {missing} of {questions} questions it showed no live tally within "
            f"{APPEAR_MS / 1000:g} s, and their votes count as never shown (the server's log "
            "may say why)"
        )
    return shown


async def _loop_lag(lags: list[float]) -> None:
    """Until cancelled: how late this process's own event loop wakes (its voters' replies are
    read as late), so a reader can tell the harness's waiting from the server's."""
    while True:
        asked = time.perf_counter()
        await asyncio.sleep(LAG_SECONDS)
        lags.append((time.perf_counter() - asked - LAG_SECONDS) * 1000)


async def _question(svc, view, voters, screen, number, challenge, questions, pace, counted):
    """Open the vote, show it, let every voter vote (some change their minds), wait for the
    view to show the last count, close it, and check the store."""
    started = time.monotonic()
    vote = await asyncio.to_thread(svc.votes.open_vote, ACTOR, view.round_id, challenge)
    await view.show(challenge)
    screen.code = vote.code
    # Each voter changes its mind once in the run, the voters taking turns question by question.
    done = await asyncio.gather(
        *(v.vote(number, vote.code, v.number % questions == number) for v in voters)
    )
    sends = [send for voter_sends in done for send in voter_sends]
    firsts = [(s.sent_at, s.replied_at) for s in sends if s.first and s.outcome == STORED]
    events = await view.shown(len(firsts))
    measured = shown_ms(firsts, events)
    counted.shown += measured
    counted.not_shown += len(firsts) - len(measured)
    await asyncio.sleep(max(0.0, started + pace - time.monotonic()))
    try:
        read = await asyncio.to_thread(svc.votes.question, vote.id)
        record = await asyncio.to_thread(svc.votes.close_vote, ACTOR, vote.id, read.version)
    except ServiceError as error:
        raise LiveFailed(f"Closing the vote on {challenge} failed: {error.message}") from None
    checked = check_question(svc.engine, read, record, sends)
    counted.sends += sends
    counted.missing += checked.missing
    counted.exact &= checked.exact
