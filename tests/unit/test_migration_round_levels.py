"""Migration 9 on a copy of the demo store: every earlier round is kept, and each is labelled
with the level it speaks for (a team's Template A rounds become its own view); nothing else in
the store changes."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from assessments import store
from assessments.records import RoundLevel
from assessments.store.migrations import m009_round_levels, version_table

NEW_COLUMNS = ("level", "recovery_lead", "commissioner_lead", "co_facilitator")


def everything(engine) -> dict[str, list[tuple]]:
    """Every row of every table but the schema's version, in a stable order."""
    found = {}
    with engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            if name != version_table.name:
                rows = conn.execute(text(f"SELECT * FROM {name}")).all()
                found[name] = sorted(tuple(map(repr, row)) for row in rows)
    return found


def test_every_earlier_round_is_kept_and_a_teams_template_a_becomes_its_own_view(demo, service):
    engine = service.engine
    r = store.rounds
    with engine.connect() as conn:
        made = {row.id: row for row in conn.execute(select(r))}
    # The rounds as schema version 8 had them: the same records, without the new columns.
    with engine.begin() as conn:
        for column in NEW_COLUMNS:
            conn.execute(text(f"ALTER TABLE rounds DROP COLUMN {column}"))
    before = everything(engine)

    with engine.begin() as conn:
        m009_round_levels.upgrade(conn)

    with engine.connect() as conn:
        upgraded = {row.id: row for row in conn.execute(select(r))}
    assert upgraded.keys() == made.keys()
    levels = {row.level for row in upgraded.values()}
    assert levels == {RoundLevel.PROVIDER, RoundLevel.OWN_VIEW, RoundLevel.TEAM}
    for round_id, row in upgraded.items():
        expected = (
            RoundLevel.TEAM
            if row.kind == "trip"
            else RoundLevel.PROVIDER
            if row.team_id is None
            else RoundLevel.OWN_VIEW
        )
        assert row.level == expected == made[round_id].level
        assert (row.recovery_lead, row.commissioner_lead, row.co_facilitator) == ("", "", "")
    # Nothing else moved: every other column of every table holds what it held at version 8.
    with engine.begin() as conn:
        for column in NEW_COLUMNS:
            conn.execute(text(f"ALTER TABLE rounds DROP COLUMN {column}"))
    assert everything(engine) == before
