"""The store: a SQLite file by default, any URL by setting one, migrated on start."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import inspect, text

from assessments import store

POSTGRES = os.environ.get("RECOVERY_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite"] + (["postgresql"] if POSTGRES else []))
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'recovery.db'}"
    engine = store.make_engine(POSTGRES)
    with engine.begin() as conn:  # each test starts from an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES


def test_default_store_is_a_sqlite_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("RECOVERY_DATABASE_URL", raising=False)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(tmp_path / "data"))

    engine = store.open_store()

    assert (tmp_path / "data" / "recovery.db").is_file()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_database_url_setting_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")

    assert store.database_url().endswith("elsewhere.db")


def test_a_new_store_gets_every_table_and_the_schema_version(url):
    engine = store.open_store(url)

    tables = set(inspect(engine).get_table_names())
    assert {"schema_version", "organisations", "teams", "audit_log"} <= tables
    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION


def test_opening_again_migrates_nothing_and_keeps_the_rows(url):
    engine = store.open_store(url)
    with engine.begin() as conn:
        conn.execute(
            store.organisations.insert().values(
                name="Northfield Demo Trust", kind="trust",
                created_at=text("CURRENT_TIMESTAMP"), updated_at=text("CURRENT_TIMESTAMP"),
            )
        )  # fmt: skip
    engine.dispose()

    again = store.open_store(url)

    with again.connect() as conn:
        names = conn.execute(store.organisations.select()).mappings().all()
    assert [n["name"] for n in names] == ["Northfield Demo Trust"]


def test_a_database_from_a_newer_app_is_refused_untouched(url):
    engine = store.open_store(url)
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
