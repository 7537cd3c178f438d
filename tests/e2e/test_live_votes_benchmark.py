"""`python -m benchmarks live-votes` at its smallest (3 voters, 2 questions), on its own
server and Chromium: what a reader of its output relies on. Nothing is lost in a normal run,
every figure is printed, and the store holds exactly the votes the phones were told were
stored (read here, apart from the harness's own check). Think-times and the bare requests are
cut short so the run fits in seconds; no time is asserted (the harness informs)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from assessments import store
from assessments.records.votes import ANSWERS
from assessments.service import Service
from assessments.service.votes import PHONE_VOTE_NOTE
from benchmarks import live_server, live_voters, live_votes
from benchmarks.__main__ import main
from framework.loader import load

pytestmark = pytest.mark.e2e

VOTERS, QUESTIONS = 3, 2


def cells(printed: str) -> dict[str, list[str]]:
    rows = [line for line in printed.splitlines() if line.startswith("| ")][1:]  # no header
    return {
        parts[0]: parts[1:]
        for parts in ([c.strip() for c in line.strip("|").split("|")] for line in rows)
    }


def test_three_voters_lose_nothing_every_figure_is_printed_and_the_store_holds_their_votes(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(live_voters, "THINK_SECONDS", (0.1, 0.4))
    monkeypatch.setattr(live_voters, "CHANGE_SECONDS", (0.1, 0.3))
    monkeypatch.setattr(live_votes, "LOAD_PAGE_SECONDS", 0.3)
    monkeypatch.setattr(live_server, "BARE_REQUESTS", 30)
    url = f"sqlite:///{tmp_path / 'votes.db'}"  # a store this test can read afterwards

    argv = ["live-votes", "--voters", str(VOTERS), "--questions", str(QUESTIONS),
            "--database-url", url]  # fmt: skip
    # In a thread of its own, as on the command line: where the other Chromium tests' browser
    # (Playwright's sync API) already runs an event loop in this thread, asyncio.run refuses.
    with ThreadPoolExecutor(1) as alone:
        code = alone.submit(main, argv).result()

    printed = capsys.readouterr().out
    assert code == 0, printed
    table = cells(printed)
    sent = VOTERS * QUESTIONS + VOTERS  # one vote per question, and each changes its mind once
    assert table["votes sent"][0] == table["votes acknowledged"][0] == str(sent)
    assert table["votes lost"] == ["0", "0"]
    assert table["store holds exactly the acknowledged votes"] == ["yes", "yes"]
    assert table["first votes never shown"][0] == "0"
    assert table["page loads and polls failed"][0] == "0"
    not_measured = [name for name, (value, _) in table.items() if value == "-"]
    assert not_measured == [], printed
    assert table["vote to stored p95 (ms)"][1] == "<= 300"
    assert table["vote to shown p95 (ms)"][1] == "<= 1500"

    engine = store.open_store(url)
    try:
        q, v = store.vote_questions, store.votes
        with engine.connect() as conn:
            closed = conn.execute(select(q.c.round_id, q.c.challenge_id, q.c.status)).all()
            votes = conn.execute(select(func.count()).select_from(v)).scalar_one()
        workshop = Service(engine, load()).workshop
        views = [
            view
            for round_id, challenge, _ in closed
            for view in workshop.challenge_record(round_id, challenge).answer.views
            if view.note.startswith(PHONE_VOTE_NOTE.split("(")[0])
        ]
    finally:
        engine.dispose()
    assert [status for _, _, status in closed] == ["closed"] * QUESTIONS
    assert votes == VOTERS * QUESTIONS  # one row per phone per question: a change replaces
    counted = sum(getattr(view, column) for view in views for column in ANSWERS.values())
    assert counted == VOTERS * QUESTIONS
