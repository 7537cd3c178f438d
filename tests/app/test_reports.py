"""The Reports page as a board secretary uses it: choose what the report covers, build it with
its progress shown, and download the workbook."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from pages.kit import routes, ui
from tests.app.conftest import open_page
from tests.app.plan_helpers import texts
from tests.demo_store import demo_file

PAGE = routes.REPORTS.path


@pytest.fixture
def demo(own_store, definitions):
    return demo_file(own_store, definitions, teams=3, rounds=2)


def reports(**query: str):
    at = open_page(None, **query)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def build(at):
    next(b for b in at.button if b.label == "Build the report").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_empty_store_says_where_to_start(own_store):
    shown = texts(reports())
    assert "There are no providers yet: import a team's file below" in shown
    assert "There are no teams yet." in shown


def test_a_providers_report_is_built_and_offered_for_download(demo):
    org = ui.service().providers.organisations()[0]
    at = build(reports(org=str(org.id)))
    scope, name, data = at.session_state["report"]
    assert scope == f"org:{org.id}"
    assert (
        name
        == f"recovery-report-northfield-demo-nhs-foundation-trust-fictional-{date.today()}.xlsx"
    )
    assert f"The report is ready: {name}." in texts(at)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Summary", "Template A"] and "Teams by TRIP" in book.sheetnames


def test_a_teams_report(demo):
    svc = ui.service()
    team = svc.providers.teams()[0]
    at = build(reports(org=str(team.organisation_id), team=str(team.id)))
    assert at.session_state["report"][0] == f"team:{team.id}"
    assert team.name.lower().split()[0] in at.session_state["report"][1]


def test_the_portfolio_report_and_a_changed_scope_hides_an_old_download(demo):
    at = reports(covers="portfolio")
    assert "Group views are left out" in texts(at)
    build(at)
    assert at.session_state["report"][0] == "portfolio"
    assert "The report is ready" in texts(at)
    at.segmented_control(key="report-covers").set_value("provider").run()
    assert "The report is ready" not in texts(at)  # it was for another scope


def test_a_team_and_every_team_of_its_provider_can_be_downloaded(demo):
    svc = ui.service()
    at = reports()
    labels = [b.proto.label for b in at.get("download_button")]
    first = svc.providers.teams()[0]
    count = len(svc.providers.teams(first.organisation_id))
    assert labels == [
        "Download the team's file",
        f"Download every team of this provider ({count} files, .zip)",
    ]
