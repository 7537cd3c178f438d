"""Fixtures every layer shares: a fresh store on each database the suite runs against."""

from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import text

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load

POSTGRES = os.environ.get("RECOVERY_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES else [])


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path):
    """An empty database: a SQLite file, and in CI also the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'recovery.db'}"
    engine = store.make_engine(POSTGRES)
    with engine.begin() as conn:  # each test starts from an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES


@pytest.fixture(scope="session")
def definitions():
    return load()


@pytest.fixture
def service(database_url, definitions):
    """The service on a fresh store, as the app builds it."""
    engine = store.open_store(database_url)
    yield Service(engine, definitions, today=lambda: date(2026, 11, 23))
    engine.dispose()


@pytest.fixture
def actor():
    return Actor("Sam Okafor", "Recovery lead")
