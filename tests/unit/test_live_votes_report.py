"""The pure pieces of `python -m benchmarks live-votes`: percentiles, vote to shown from the
view's counts, how a reply is judged, what the store should hold, and the printed table a reader
relies on (every figure, with its goal beside it)."""

from __future__ import annotations

import hashlib
import json

from benchmarks.live_http import Reply
from benchmarks.live_report import LiveFigures, live_report, percentile
from benchmarks.live_store import expected_votes
from benchmarks.live_view import shown_ms
from benchmarks.live_voters import FAILED, REFUSED, STORED, Send, judged


def test_percentiles_are_nearest_rank_and_none_without_values():
    values = [float(n) for n in range(1, 21)]  # 1..20
    assert percentile(values, 50) == 10
    assert percentile(values, 95) == 19
    assert percentile(values, 100) == 20
    assert percentile([7.0], 95) == 7
    assert percentile([], 95) is None


def test_vote_to_shown_is_from_the_nth_vote_replied_to_until_n_is_first_shown():
    # Three first votes: (sent, replied) in seconds; the second sent was replied to first.
    firsts = [(10.0, 10.05), (10.2, 10.03), (11.0, 11.1)]
    # The view showed 2 (both early votes) at 10.5, then nothing more.
    assert shown_ms(firsts, [(0, 9.0), (2, 10.5)]) == [
        (10.5 - 10.2) * 1000,  # count 1: the vote replied to first, sent at 10.2
        (10.5 - 10.0) * 1000,  # count 2
    ]  # the third vote's count never appeared: left out, for the caller to count
    assert shown_ms(firsts, [(1, 10.4), (3, 11.5)])[2] == (11.5 - 11.0) * 1000


def reply(status: int, body) -> Reply:
    return Reply(status, json.dumps(body).encode())


def test_a_reply_is_stored_refused_on_purpose_or_failed():
    assert judged(reply(200, {"stored": True, "changed": False, "message": "Stored"})) == (
        STORED,
        "",
    )
    closed = {"stored": False, "field": "code", "message": "This vote has closed"}
    assert judged(reply(400, closed)) == (REFUSED, "This vote has closed")
    assert judged(reply(429, {"stored": False, "field": "rate", "message": "Wait"}))[0] == REFUSED
    assert judged(reply(500, {"message": "boom"}))[0] == FAILED
    assert judged(Reply(502, b"<html>Bad gateway</html>"))[0] == FAILED
    assert judged(reply(200, {"stored": False}))[0] == FAILED  # a 2xx that stored nothing


def test_the_store_should_hold_each_phones_last_acknowledged_vote():
    def send(device, answer, outcome):
        return Send(0, device, True, "carers-family", answer, None, 0.0, outcome)

    last, told = expected_votes(
        [
            send("a" * 32, "stage-1", STORED),
            send("a" * 32, "stage-3", STORED),  # changed its mind
            send("b" * 32, "stage-2", FAILED),  # never acknowledged: not expected
        ]
    )
    phone = hashlib.sha256(("a" * 32).encode()).hexdigest()
    assert last == {phone: ("carers-family", "stage-3", None)}
    assert told == {phone: 2}


def figures(**changes) -> LiveFigures:
    base = dict(
        voters=60, questions=10, poll_seconds=5.0, database="SQLite (a temporary file)", sent=660,
        acknowledged=659, refused=1, failed=0, missing=0, store_exact=True,
        stored_ms=[20.0] * 19 + [400.0], shown_ms=[900.0, 1200.0], not_shown=0,
        view="the presentation view", rss_before_mb=190.0, rss_peak_mb=196.0,
        cpu_seconds=13.18, bare_cpu_ms=1.0, polls=2000, other_failed=0,
        load="0.50, 0.40, 0.30 at the start, 1.00, 0.50, 0.30 at the end",
    )  # fmt: skip
    return LiveFigures(**(base | changes))


def row(printed: str, name: str) -> list[str]:
    line = next(line for line in printed.splitlines() if line.startswith(f"| {name} "))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_table_prints_every_figure_with_its_goal_beside_it():
    printed = live_report(figures())
    assert row(printed, "votes lost") == ["votes lost", "0", "0"]
    assert row(printed, "votes refused by the app on purpose")[1] == "1"
    assert row(printed, "vote to stored p50 (ms)")[1:] == ["20", ""]
    assert row(printed, "vote to stored p95 (ms)")[1:] == ["20", "<= 300"]
    assert row(printed, "vote to stored max (ms)")[1] == "400"
    assert row(printed, "vote to shown p95 (ms)")[1:] == ["1200", "<= 1500"]
    assert row(printed, "memory per voter (MB)")[1] == "0.10"
    assert row(printed, "server CPU per vote, all in (ms)")[1] == "20.0"  # 13.18 s / 659
    assert row(printed, "CPU per vote vs bare request")[1] == "x 20.0"
    assert row(printed, "store holds exactly the acknowledged votes")[1] == "yes"
    assert "Information, never a pass or a fail." in printed
    assert "0.50, 0.40, 0.30 at the start" in printed


def test_lost_adds_failed_requests_and_votes_missing_from_the_store():
    printed = live_report(figures(failed=2, missing=3, store_exact=False))
    assert row(printed, "votes lost")[1] == "5"
    assert row(printed, "store holds exactly the acknowledged votes")[1] == "NO"


def test_figures_not_measured_are_a_dash_never_a_number():
    printed = live_report(figures(shown_ms=[], rss_before_mb=None, cpu_seconds=None))
    assert row(printed, "vote to shown p95 (ms)")[1] == "-"
    assert row(printed, "memory per voter (MB)")[1] == "-"
    assert row(printed, "CPU per vote vs bare request")[1] == "-"
