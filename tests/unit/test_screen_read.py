"""`store.one_read`: a screen's reads share one transaction; a write ends it, so what is read
after the write includes it."""

from __future__ import annotations

from assessments import store
from tests.statement_count import counted


def test_reads_share_one_transaction_and_a_write_inside_is_seen_by_the_next_read(service, actor):
    with counted(service.engine) as seen, store.one_read(service.engine):
        assert service.providers.organisations() == []
        assert service.providers.teams() == []
        assert seen.transactions == 1
        made = service.providers.create_organisation(actor, "Eastbrook Demo Trust (fictional)")
        assert [o.name for o in service.providers.organisations()] == [made.name]
    assert seen.transactions == 3  # the reads, the write, the reads after it


def test_a_failed_statement_ends_the_shared_transaction_and_the_next_read_begins_anew(service):
    with store.one_read(service.engine):
        try:
            with store.reading(service.engine) as conn:
                conn.exec_driver_sql("SELECT no_such_column FROM organisations")
        except Exception:  # the database's own error, whichever the database
            pass
        assert service.providers.organisations() == []


def test_outside_a_screen_each_read_is_its_own_transaction(service):
    with counted(service.engine) as seen:
        service.providers.organisations()
        service.providers.teams()
    assert seen.transactions == 2
