"""Writes while another write holds the store: a save made during the largest import a file may
hold lands, a 100,000-row teams file never takes the store at all, and a save that waits too
long is refused in words ("Not saved ... try again"), never "database is locked"."""

from __future__ import annotations

import copy
import threading
import time

import pytest
import yaml
from sqlalchemy import text

from assessments import store
from assessments.records import Actor
from assessments.rules.errors import ImportRefused
from assessments.service import Service
from exports.team_file import import_team_file
from exports.team_file.format import MOST_ITEMS
from tests.unit.team_file_helpers import VALID

LEAD = Actor("Sam Okafor", "Recovery lead")


def largest_team_file() -> bytes:
    data = yaml.safe_load(VALID.read_text())
    one = data["assets"][0]
    data["assets"] = [
        {**copy.deepcopy(one), "key": f"asset-{n}", "what": f"Offer {n}"}
        for n in range(MOST_ITEMS["assets"])
    ]
    return yaml.safe_dump(data).encode()


def test_a_save_made_during_the_largest_import_lands(service):
    org = service.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    raw = largest_team_file()
    imported: list[object] = []
    importing = threading.Thread(
        target=lambda: imported.append(import_team_file(service, LEAD, raw, "big.yaml"))
    )

    importing.start()
    time.sleep(0.3)  # the import is checking its file, or writing it
    started = time.perf_counter()
    saved = service.providers.update_organisation(
        LEAD, org.id, org.version, name="Northfield Demo Trust (fictional) renamed", kind="trust"
    )
    waited = time.perf_counter() - started
    importing.join(timeout=60)

    assert saved.name.endswith("renamed")
    assert imported, "the import finished too"
    assert waited < store.WAIT_SECONDS


def test_a_teams_file_of_100000_rows_is_refused_without_holding_the_store(service):
    org = service.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    rows = "name,team_type,locality\n" + "".join(f"Team {n},cmht,East\n" for n in range(100_000))
    refused: list[Exception] = []

    def import_rows() -> None:
        try:
            service.providers.import_teams(LEAD, org.id, rows)
        except ImportRefused as exc:
            refused.append(exc)

    importing = threading.Thread(target=import_rows)
    importing.start()
    saved = service.providers.create_team(LEAD, org.id, "Riverside CMHT", "cmht", "West")
    importing.join(timeout=60)

    assert saved.name == "Riverside CMHT"
    assert "more than 1,000 rows" in str(refused[0].problems[0])


@pytest.fixture
def impatient(database, definitions, monkeypatch):
    """A service whose saves wait one second for another write (the app waits ten)."""
    from tests import demo_store

    monkeypatch.setattr(store, "WAIT_SECONDS", 1)
    demo_store.empty_store(database)
    engine = store.open_store(database)
    yield Service(engine, definitions)
    engine.dispose()


def hold_the_store(svc: Service, organisation_id: int):
    """Another writer mid-change: SQLite's write lock, or PostgreSQL's lock on the row."""
    conn = svc.engine.connect()
    conn.begin()
    if conn.dialect.name == "sqlite":
        conn.execute(text("UPDATE organisations SET kind = kind WHERE id = :id"),
                     {"id": organisation_id})  # fmt: skip
    else:
        conn.execute(text("SELECT id FROM organisations WHERE id = :id FOR UPDATE"),
                     {"id": organisation_id})  # fmt: skip
    return conn


def test_a_save_that_waits_too_long_is_refused_in_words_and_saves_on_a_second_try(impatient):
    svc = impatient
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    other = hold_the_store(svc, org.id)

    with pytest.raises(store.StoreBusy) as busy:
        svc.providers.update_organisation(LEAD, org.id, org.version, name="Renamed", kind="trust")
    other.rollback()
    other.close()

    assert str(busy.value).startswith("Not saved: the records were busy with another change")
    assert "try again" in str(busy.value)
    assert svc.providers.organisation(org.id).name == "Northfield Demo Trust (fictional)"
    again = svc.providers.update_organisation(LEAD, org.id, org.version, name="Renamed",
                                              kind="trust")  # fmt: skip
    assert again.name == "Renamed"
