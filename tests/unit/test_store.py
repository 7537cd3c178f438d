"""The store: a SQLite file by default, any URL by setting one, migrated on start."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text

from assessments import store
from assessments.service import Service
from assessments.store.migrations import m001_core, m002_template_a


def test_default_store_is_a_sqlite_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("RECOVERY_DATABASE_URL", raising=False)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(tmp_path / "data"))

    engine = store.open_store()

    assert (tmp_path / "data" / "recovery.db").is_file()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (
            conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            == store.WAIT_SECONDS * 1000
            == 10_000
        )


def test_database_url_setting_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")

    assert store.database_url().endswith("elsewhere.db")


def test_a_new_store_gets_every_table_and_the_schema_version(database_url):
    engine = store.open_store(database_url)

    tables = set(inspect(engine).get_table_names())
    assert {"schema_version", "organisations", "teams", "audit_log"} <= tables
    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION


def test_opening_again_migrates_nothing_and_keeps_the_rows(database_url):
    engine = store.open_store(database_url)
    with engine.begin() as conn:
        conn.execute(
            store.organisations.insert().values(
                name="Northfield Demo Trust", kind="trust",
                created_at=text("CURRENT_TIMESTAMP"), updated_at=text("CURRENT_TIMESTAMP"),
            )
        )  # fmt: skip
    engine.dispose()

    again = store.open_store(database_url)

    with again.connect() as conn:
        names = conn.execute(store.organisations.select()).mappings().all()
    assert [n["name"] for n in names] == ["Northfield Demo Trust"]


def test_a_database_from_a_newer_app_is_refused_untouched(database_url):
    engine = store.open_store(database_url)
    with engine.begin() as conn:
        conn.execute(store.schema_version.update().values(version=store.SCHEMA_VERSION + 5))

    with pytest.raises(store.StoreError, match="newer than this app"):
        store.upgrade(engine)
    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION + 5


def test_describe_hides_the_password():
    engine = store.make_engine("postgresql+psycopg://user:secret@db.example/recovery")

    assert "secret" not in store.describe(engine)


def test_a_store_that_cannot_be_opened_says_where_and_why(tmp_path):
    url = f"sqlite:///{tmp_path}/no/such/folder/recovery.db"

    with pytest.raises(
        store.StoreError, match=re.escape("no/such/folder/recovery.db: unable to open")
    ):
        store.open_store(url)


def test_upgrading_a_version_1_database_keeps_its_providers_and_teams(database_url):
    old = store.make_engine(database_url)
    assert store.upgrade(old, to=1) == 1
    now = datetime.now(UTC)
    with old.begin() as conn:
        org = conn.execute(
            m001_core.organisations.insert().values(
                name="Northfield Demo Trust", kind="trust", version=3,
                created_at=now, updated_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        conn.execute(
            m001_core.teams.insert().values(
                organisation_id=org, name="Riverside CMHT", team_type="cmht",
                locality="East", version=2, created_at=now, updated_at=now,
            )
        )  # fmt: skip
    assert not inspect(old).has_table("rounds")
    old.dispose()

    engine = store.open_store(database_url)

    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION
        orgs = conn.execute(store.organisations.select()).mappings().all()
        teams = conn.execute(store.teams.select()).mappings().all()
    assert [(o["name"], o["version"]) for o in orgs] == [("Northfield Demo Trust", 3)]
    assert [(t["name"], t["locality"], t["version"]) for t in teams] == [
        ("Riverside CMHT", "East", 2)
    ]
    assert {"rounds", "participants", "challenge_records", "views"} <= set(
        inspect(engine).get_table_names()
    )


def test_upgrading_a_version_2_database_keeps_its_rounds_and_can_plan_from_them(
    database_url, definitions, actor
):
    old = store.make_engine(database_url)
    assert store.upgrade(old, to=2) == 2
    now = datetime.now(UTC)
    with old.begin() as conn:  # written as version 2 had them: through its own tables
        org = conn.execute(
            m001_core.organisations.insert().values(
                name="Northfield Demo Trust", kind="trust", created_at=now, updated_at=now
            )
        ).inserted_primary_key[0]
        round_id = conn.execute(
            m002_template_a.rounds.insert().values(
                organisation_id=org, framework="imroc-challenges@2010",
                held_on=date(2026, 3, 2), facilitator="Sam Okafor", status="agreed",
                created_at=now, updated_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        conn.execute(
            m002_template_a.challenge_records.insert().values(
                round_id=round_id, challenge_id="c04-leadership", agreed_stage=2, priority=1,
                updated_at=now,
            )
        )  # fmt: skip
    assert not inspect(old).has_table("plans")
    old.dispose()

    engine = store.open_store(database_url)
    after = Service(engine, definitions)

    (found,) = after.rounds.rounds(org)
    assert (found.kind, found.facilitator) == ("template-a", "Sam Okafor")
    record = after.workshop.challenge_record(round_id, "c04-leadership")
    assert (record.answer.agreed_stage, record.answer.priority) == (2, 1)
    plan = after.plans.create_plan(actor, round_id, "c04-leadership")
    assert plan.latest.content.current_stage == 2
    engine.dispose()


def test_upgrading_a_version_3_database_marks_its_rounds_template_a(database_url, definitions):
    old = store.make_engine(database_url)
    assert store.upgrade(old, to=3) == 3
    now = datetime.now(UTC)
    with old.begin() as conn:  # version 3's rounds have no kind
        org = conn.execute(
            m001_core.organisations.insert().values(
                name="Northfield Demo Trust", kind="trust", created_at=now, updated_at=now
            )
        ).inserted_primary_key[0]
        conn.execute(
            m002_template_a.rounds.insert().values(
                organisation_id=org, framework="imroc-challenges@2010",
                held_on=date(2026, 3, 2), facilitator="Sam Okafor", status="agreed",
                created_at=now, updated_at=now,
            )
        )  # fmt: skip
    assert "kind" not in {c["name"] for c in inspect(old).get_columns("rounds")}
    old.dispose()

    engine = store.open_store(database_url)

    (found,) = Service(engine, definitions).rounds.rounds(org)
    assert (found.kind, found.facilitator) == ("template-a", "Sam Okafor")
    assert {"trip_ratings", "assets"} <= set(inspect(engine).get_table_names())
    engine.dispose()
