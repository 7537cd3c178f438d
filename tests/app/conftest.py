"""Shared AppTest set-up: every page test starts from app.py, the way a person does. And what
the page tests of action plans and TRIP share: the lead who signs in, today, the day the TRIP
round was held, an agreed round with every challenge ranked, a team and its TRIP round."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.records import Actor, Answer
from pages.kit import routes, ui

APP = str(Path(__file__).resolve().parents[2] / "app.py")
LEAD = Actor("Sam Okafor", "Recovery lead")
TODAY = date.today()
HELD = TODAY - timedelta(days=60)


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


@pytest.fixture
def round_id(own_store, definitions):
    """An agreed round of the fictional provider with every challenge rated and ranked."""
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    answers = {cid: Answer(agreed_stage=1 + n % 2, priority=n + 1) for n, cid in enumerate(ids)}
    made = svc.workshop.create_round(
        LEAD,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(TODAY.year - 1, 1, 15),
        facilitator="Sam Okafor",
        status="agreed",
        answers=answers,
        completers={"recovery_lead": "Recovery lead"},
    )
    return made.id


@pytest.fixture
def team(own_store):
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    return svc.providers.create_team(LEAD, org.id, "East CMHT", "cmht", "East")


@pytest.fixture
def trip_round(team):
    return ui.service().trip.create_trip_round(
        LEAD, team.id, held_on=HELD, facilitator="Sam Okafor", status="agreed",
        participants={"clinical-staff": 5, "people-using-services": 4},
    )  # fmt: skip
