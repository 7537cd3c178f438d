"""The suite's own store helper on PostgreSQL: a database emptied in place for the next test is
what a fresh copy of the empty store would be (no rows, numbering from 1 again, the same
migrations), and it is emptied in place rather than copied, which is what keeps it quick."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assessments import store
from assessments.store.tables import organisations
from tests import conftest, demo_store

pytestmark = pytest.mark.skipif(not conftest.POSTGRES, reason="needs RECOVERY_TEST_POSTGRES_URL")


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_a_used_store_emptied_in_place_is_a_fresh_one(service, actor, database, monkeypatch):
    first = service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")
    service.providers.create_team(actor, first.id, "Outreach", "assertive-outreach")
    service.engine.dispose()
    copied = []
    monkeypatch.setattr(demo_store, "_copy_database", lambda *args: copied.append(args))

    demo_store.empty_store(database)

    assert copied == []  # emptied in place, not copied
    engine = store.open_store(database)
    with engine.connect() as conn:
        assert conn.execute(select(organisations)).all() == []
    again = type(service)(engine, service.definitions).providers.create_organisation(
        actor, "Riverside Demo Partnership", "vcfse"
    )
    assert again.id == first.id == 1  # numbered from 1 again, as in a fresh copy
    assert len(service.history()) == 1  # the one new organisation's entry, nothing before
    engine.dispose()
