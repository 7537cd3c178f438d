"""Migration 13 on a copy of the demo store: every group view is kept as it was, and those a
phone vote wrote (found by the note closing a vote wrote) are flagged as phone votes; a hand
count stays one, and nothing else in the store changes."""

from __future__ import annotations

from sqlalchemy import select, text, update

from assessments import store
from assessments.store.migrations import m013_phone_vote_views
from tests.unit.test_migration_round_levels import everything

PHONE_NOTE = "Counted by phone vote (code ABCD, vote 1)"


def test_views_a_phone_vote_wrote_are_flagged_and_nothing_else_changes(demo, service):
    engine, v = service.engine, store.views
    with engine.begin() as conn:
        rows = conn.execute(select(v.c.record_id, v.c.group_id).order_by(v.c.record_id)).all()
        assert len(rows) > 2
        phoned, typed = rows[0], rows[1]
        conn.execute(  # as closing a vote before this migration left it
            update(v)
            .where(v.c.record_id == phoned.record_id, v.c.group_id == phoned.group_id)
            .values(note=PHONE_NOTE)
        )
        conn.execute(  # a facilitator's own words that mention phones
            update(v)
            .where(v.c.record_id == typed.record_id, v.c.group_id == typed.group_id)
            .values(note="Hands, then Counted by phone vote (code ABCD, vote 1)")
        )
        made = conn.execute(select(v)).all()
    # The views as schema version 12 had them: the same rows, without the flag.
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE views DROP COLUMN phone_vote"))
    before = everything(engine)

    with engine.begin() as conn:
        m013_phone_vote_views.upgrade(conn)

    with engine.connect() as conn:
        upgraded = conn.execute(select(v)).all()
    assert len(upgraded) == len(made)
    flagged = {(r.record_id, r.group_id) for r in upgraded if r.phone_vote}
    assert flagged == {(phoned.record_id, phoned.group_id)}
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE views DROP COLUMN phone_vote"))
    assert everything(engine) == before
