"""Migration 14 on a copy of the demo store with phone votes in it, as schema version 13 held
them: every vote is kept as it was, ids and all, the votes table is then the live one, and a
vote on a TRIP statement's scale (which version 13's check refused) can be stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.store.migrations import m012_votes, m014_statement_votes
from tests.unit.test_migration_round_levels import everything
from tests.unit.test_migrations import schema

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)


def _vote(n: int, answer: str) -> dict:
    return {"question_id": 1, "ballot": 1, "device": f"{n:064x}", "group_id": "carers-family",
            "answer": answer, "priority": None, "version": 1, "cast_at": NOW,
            "updated_at": NOW}  # fmt: skip


def test_every_vote_is_kept_and_a_trip_answer_can_then_be_stored(demo, service, actor):
    engine = service.engine
    live = schema(engine)["votes"]
    with engine.connect() as conn:
        round_id = conn.execute(select(store.rounds.c.id).limit(1)).scalar_one()
    with engine.begin() as conn:  # the votes table as version 13 had it, with votes in it
        conn.execute(text("DROP TABLE votes"))
        m012_votes.votes.create(conn)
        conn.execute(store.vote_questions.insert().values(
            id=1, round_id=round_id, challenge_id="c01-interactions", code="ABCD",
            status="open", revealed=False, ballot=1, opened_at=NOW, opened_by=actor.name,
            version=1, updated_at=NOW))  # fmt: skip
        cast = enumerate(["stage-1", "stage-3", "not-sure"])
        conn.execute(store.votes.insert(), [_vote(n, answer) for n, answer in cast])
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(store.votes.insert().values(_vote(9, "started")))
    before = everything(engine)

    with engine.begin() as conn:
        m014_statement_votes.upgrade(conn)

    assert everything(engine) == before
    assert schema(engine)["votes"] == live
    with engine.begin() as conn:
        conn.execute(store.votes.insert().values(_vote(9, "started")))
        found = conn.execute(select(store.votes.c.answer).order_by(store.votes.c.id)).scalars()
        assert list(found) == ["stage-1", "stage-3", "not-sure", "started"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(store.votes.insert().values(_vote(10, "")))
