"""What `python -m benchmarks live-votes` prints: one table of figures with the goals beside
them (information, never a pass or a fail), then how each figure was taken. Pure: figures in,
text out."""

from __future__ import annotations

import math
import os
import platform
import textwrap
from dataclasses import dataclass, field

import streamlit

from benchmarks.report import aligned

GOAL_STORED_MS = 300.0  # p95, issue 19
GOAL_SHOWN_MS = 1_500.0


def percentile(values: list[float], p: float) -> float | None:
    """The nearest-rank percentile (p95 of 20 values is the 19th smallest); None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class LiveFigures:
    voters: int
    questions: int
    poll_seconds: float
    database: str  # "SQLite (a temporary file)" or the PostgreSQL server, without a password
    sent: int  # every POST of a vote, first votes and changes of mind
    acknowledged: int  # answered 2xx with stored: true
    refused: int  # refused on purpose by the app (closed code, rate limit), with its message
    failed: int  # anything else: no answer, a timeout, a 5xx, a reply that is not the app's
    missing: int  # acknowledged, but not in the votes table or the group views after close
    store_exact: bool  # the store holds exactly the acknowledged votes, and no others
    stored_ms: list[float]  # each acknowledged POST: sent to its 2xx reply
    shown_ms: list[float]  # each first vote: sent to its count first shown on the view
    not_shown: int  # first votes whose count the view never showed
    view: str  # how the projected view was measured, or why it was not
    rss_before_mb: float | None
    rss_peak_mb: float | None
    cpu_seconds: float | None  # the server's, from the first voter's page load to the last close
    bare_cpu_ms: float | None  # the server's CPU for one bare request
    polls: int  # state requests answered
    other_failed: int  # page loads and polls that failed
    load: str  # `uptime`'s load averages, at the start and at the end
    problems: dict[str, int] = field(default_factory=dict)  # what failed or was refused: times
    log: str = ""  # where the server's log is kept
    harness_lag_ms: list[float] = field(default_factory=list)  # its own event loop, late by


HOW = (
    "Each voter is its own HTTP client with its own random token, doing what the phone page "
    "does: it loads /vote once, polls /vote/api/state every {poll:g} s, and for each question "
    "types the code (a state request), then POSTs its vote after a think-time of 0.5-4 s; each "
    "voter changes its mind once in the run. Vote to stored: the POST sent to its 2xx reply (the "
    "route replies after the commit). Vote to shown: for the vote that made the projected "
    "count N, its POST sent to N first shown in Chromium (a MutationObserver in the page, the "
    "same clock). Lost: a failed request, or an acknowledged vote missing from the votes table "
    "or the closed group views. CPU per vote, all in: the server's CPU over the run (page "
    "loads, polls, the projected view's reruns, the casts) over the votes acknowledged; bare "
    "request: a state request for a code nobody holds, on the same server. Harness loop late: "
    "how late this process's event loop (the voters') woke, checked every 0.1 s; the voters' "
    "times include it."
)


def _fixed(value: float | None, places: int) -> str:
    return "-" if value is None else f"{value:.{places}f}"


def _latency_rows(name: str, values: list[float], goal: float) -> list[tuple[str, str, str]]:
    return [
        (f"{name} p50 (ms)", _fixed(percentile(values, 50), 0), ""),
        (f"{name} p95 (ms)", _fixed(percentile(values, 95), 0), f"<= {goal:.0f}"),
        (f"{name} max (ms)", _fixed(max(values) if values else None, 0), ""),
    ]


def rows(f: LiveFigures) -> list[tuple[str, str, str]]:
    lost = f.failed + f.missing
    memory = (
        (f.rss_peak_mb - f.rss_before_mb) / f.voters
        if f.rss_peak_mb is not None and f.rss_before_mb is not None
        else None
    )
    per_vote = f.cpu_seconds * 1000 / f.acknowledged if f.cpu_seconds and f.acknowledged else None
    ratio = per_vote / f.bare_cpu_ms if per_vote is not None and f.bare_cpu_ms else None
    return [
        ("voters", str(f.voters), ""),
        ("questions (one vote each per voter)", str(f.questions), ""),
        ("votes sent", str(f.sent), ""),
        ("votes acknowledged", str(f.acknowledged), ""),
        ("votes refused by the app on purpose", str(f.refused), ""),
        ("votes lost", str(lost), "0"),
        ("  of which failed requests", str(f.failed), ""),
        ("  of which acknowledged, not in the store", str(f.missing), ""),
        ("store holds exactly the acknowledged votes", "yes" if f.store_exact else "NO", "yes"),
        *_latency_rows("vote to stored", f.stored_ms, GOAL_STORED_MS),
        *_latency_rows("vote to shown", f.shown_ms, GOAL_SHOWN_MS),
        ("first votes never shown", str(f.not_shown), "0"),
        ("server memory before voters (MB)", _fixed(f.rss_before_mb, 0), ""),
        ("server memory at peak (MB)", _fixed(f.rss_peak_mb, 0), ""),
        ("memory per voter (MB)", _fixed(memory, 2), ""),
        ("server CPU (s)", _fixed(f.cpu_seconds, 1), ""),
        ("server CPU per vote, all in (ms)", _fixed(per_vote, 1), ""),
        ("server CPU per bare request (ms)", _fixed(f.bare_cpu_ms, 2), ""),
        ("CPU per vote vs bare request", "-" if ratio is None else f"x {ratio:.1f}", ""),
        ("state polls answered", str(f.polls), ""),
        ("page loads and polls failed", str(f.other_failed), "0"),
        ("harness loop late p95 (ms)", _fixed(percentile(f.harness_lag_ms, 95), 0), ""),
    ]


def live_report(f: LiveFigures) -> str:
    notes = [
        HOW.format(poll=f.poll_seconds),
        f"Projected view: {f.view}.",
        *(
            [
                "Failed or refused: "
                + "; ".join(f"{why} ({n})" for why, n in f.problems.items())
                + (f". The server's log: {f.log}" if f.log else "")
            ]
            if f.problems
            else []
        ),
        f"Store: {f.database}. Load average (1, 5, 15 min): {f.load}.",
        f"{platform.machine()}, {os.cpu_count()} CPUs, Streamlit {streamlit.__version__}, "
        f"Python {platform.python_version()}. Information, never a pass or a fail.",
    ]
    table = aligned(("figure", "value", "goal"), rows(f))
    return "\n".join([table, "", *(textwrap.fill(note, width=100) for note in notes)])
