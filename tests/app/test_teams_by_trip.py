"""The portfolio's teams-by-TRIP part, drawn by a tiny script that calls `teams_by_trip.show` the
way the portfolio page does: the headline count, the chart of teams by status, the table of
teams (dates as DD/MM/YYYY, overdue in words, names shown as typed) and a link to a team's TRIP
summary; a commissioner sees only the teams of the providers they commission."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.records.trip import Rating
from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY
from tests.app.plan_helpers import texts

ROOT = Path(__file__).resolve().parents[2]
# The part inside a navigation holding the TRIP summary, as app.py registers it, so the part's
# link to that page resolves; `pages` beside the script is a link to the repository's.
SCRIPT = """
import streamlit as st

from assessments.records.portfolio import PortfolioFilters
from pages.kit import routes, ui
from pages.portfolio import teams_by_trip


def part():
    teams_by_trip.show(ui.service(), PortfolioFilters(framework="imroc-challenges@2010"))


st.navigation(
    [
        st.Page(part, title="Teams by TRIP", url_path="teams-by-trip", default=True),
        st.Page(routes.TRIP_SUMMARY.path, url_path=routes.TRIP_SUMMARY.url_path),
    ],
    position="hidden",
).run()
"""


@pytest.fixture
def part(tmp_path):
    folder = tmp_path / "script"
    folder.mkdir()
    (folder / "pages").symlink_to(ROOT / "pages")
    (folder / "part.py").write_text(SCRIPT)

    def run(account=None) -> AppTest:
        at = AppTest.from_file(str(folder / "part.py"), default_timeout=60)
        if account is not None:
            at.session_state["account"] = account
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


@pytest.fixture
def teams(own_store):
    """Two providers: Northfield's <b>Alder</b> with a current TRIP whose priority's review is
    overdue, and its Birch with none; Southgate's Cedar, lapsed."""
    svc = ui.service()
    north = svc.providers.create_organisation(LEAD, "Northfield (fictional)", "trust")
    south = svc.providers.create_organisation(LEAD, "Southgate (fictional)", "vcfse")
    alder = svc.providers.create_team(LEAD, north.id, "<b>Alder</b> CMHT", "cmht", "East")
    svc.providers.create_team(LEAD, north.id, "Birch CMHT", "cmht", "West")
    cedar = svc.providers.create_team(LEAD, south.id, "Cedar Service", "vcfse-service")
    held = TODAY - timedelta(days=30)
    made = svc.trip.create_trip_round(
        LEAD, alder.id, held_on=held, facilitator="Sam Okafor", status="agreed",
        ratings={"com-c01-1": Rating(value="partly")},
    )  # fmt: skip
    plan = svc.trip.create_trip_priority(LEAD, made.id, "com-c01-1")
    overdue = svc.versions.save_plan(
        LEAD, plan.id, plan.version,
        plan.latest.content.model_copy(update={"next_review_on": TODAY - timedelta(days=3)}),
    )  # fmt: skip
    old = date(TODAY.year - 2, 3, 1)
    svc.trip.create_trip_round(LEAD, cedar.id, held_on=old, facilitator="Sam Okafor")
    return {"north": north, "south": south, "alder": alder, "plan": overdue, "held": held}


def test_the_headline_chart_and_table_of_teams_by_their_trip(part, teams):
    at = part()

    assert "**1 of 3 teams has a current TRIP.**" in texts(at)
    table = at.dataframe[1].value
    assert table["Team"].tolist() == ["<b>Alder</b> CMHT", "Birch CMHT", "Cedar Service"]
    assert table["TRIP status"].tolist() == ["Current", "None", "Lapsed"]
    assert table["Review overdue"].tolist() == ["Yes", "No", "No"]
    assert table["Last TRIP round"].iloc[0] == teams["held"]
    config = json.loads(at.dataframe[1].proto.columns)
    assert {config[c]["type_config"]["format"] for c in ("Last TRIP round", "Next review")} == {
        "DD/MM/YYYY"
    }
    counts = at.dataframe[0].value
    assert counts.to_dict("records") == [
        {"TRIP status": "Current", "Teams": 1},
        {"TRIP status": "Lapsed", "Teams": 1},
        {"TRIP status": "None", "Teams": 1},
    ]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [bar["text"][0] for bar in chart["data"]] == ["1 team", "1 team", "1 team"]


def test_a_team_is_opened_at_its_trip_summary_by_a_link(part, teams):
    at = part()
    alder = teams["alder"]
    at.selectbox(key="pf-trip-team").set_value(alder.id).run()

    link = at.get("page_link")[0].proto
    assert link.page == routes.TRIP_SUMMARY.url_path
    assert link.query_string == f"org={teams['north'].id}&team={alder.id}"
    assert link.label == f"{ui.as_text(alder.name)}: its TRIP summary"  # as typed, never HTML


def test_a_commissioner_sees_only_the_teams_of_the_providers_they_commission(part, teams):
    account = ui.service().accounts.create_account(
        Actor("Bea Admin", "Administrator"), "cara", "Cara Commissioner", "commissioner",
        "correct horse battery", [Scope(teams["north"].id)],
    )  # fmt: skip

    at = part(account)

    assert at.dataframe[1].value["Team"].tolist() == ["<b>Alder</b> CMHT", "Birch CMHT"]
    assert "**1 of 2 teams has a current TRIP.**" in texts(at)
