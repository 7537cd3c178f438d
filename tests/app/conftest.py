"""Shared AppTest set-up: every page test starts from app.py, the way a person does."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.kit import routes

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    """Each test gets an empty store of its own, never the developer's data/ folder."""
    from pages.kit import ui

    monkeypatch.delenv("RECOVERY_DATABASE_URL", raising=False)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(tmp_path / "data"))
    ui._engine.clear()
    yield tmp_path / "data" / "recovery.db"
    ui._engine.clear()


@pytest.fixture
def framework_page() -> AppTest:
    return open_page(routes.FRAMEWORK.path)
