"""No screen and no report sets teams side by side on Template A stages: the ten challenges
describe an organisation, so providers are compared on them and teams by their TRIP (issue 18;
Implementing Recovery, 2010, Template A). A table is a league when it holds two or more teams'
names on rows (or columns) that also hold a Template A stage."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from assessments.queries.report_data import ReportScope
from assessments.records import TEMPLATE_A
from exports.board_report.build import build_report
from pages.kit import routes, ui
from tests.app.conftest import APP
from tests.demo_store import demo_file

STAGE = re.compile(r"\b(Stage )?[123]:? (Engagement|Development|Transformation)\b")
BY = {"by": "Sam Okafor (Facilitator)"}
# The portfolio's views (pages/portfolio/portfolio.py: a page runs when imported).
VIEWS = ("providers", "stages", "movement", "trip", "priorities", "attention", "groups")


def league(rows: Iterable[Iterable[object]], teams: set[str]) -> set[str]:
    """The teams named on rows that also hold a Template A stage, when two or more are."""
    named = set()
    for row in rows:
        cells = [str(cell) for cell in row if cell is not None]
        if any(STAGE.search(cell) for cell in cells):
            named |= teams & set(cells)
    return named if len(named) >= 2 else set()


def frame_league(frame: pd.DataFrame, teams: set[str]) -> set[str]:
    """Teams as rows, or as columns."""
    rows = frame.reset_index().astype(str).to_numpy().tolist()
    by_column = [[str(name), *map(str, frame[name])] for name in frame.columns]
    return league(rows, teams) | league(by_column, teams)


@pytest.fixture
def demo(own_store, definitions):
    return demo_file(own_store, definitions, teams=12, rounds=3)


def screens() -> dict[str, tuple[str, dict[str, str]]]:
    """Every page of the navigation on the demo's first provider and a team with the most
    records, and every view of the portfolio."""
    svc = ui.service()
    org = svc.providers.organisations()[0]
    team = svc.providers.teams(org.id)[0]
    here = {"org": str(org.id), "team": str(team.id)}
    own_view = [r for r in svc.rounds.rounds(org.id, team.id) if r.kind == TEMPLATE_A][-1]
    trip = svc.trip.trip_rounds(team.id)[-1]
    queries = {
        routes.PROVIDERS: here,
        routes.ROUNDS: here,
        routes.WORKSHOP: {"round": str(own_view.id), **BY},
        routes.SUMMARY: {"round": str(own_view.id)},
        routes.PLANS: here,
        routes.TRIP: here | BY,
        routes.TRIP_BENCHMARKS: {"round": str(trip.id), **BY},
        routes.TRIP_SUMMARY: {"round": str(trip.id)},
        routes.REPORTS: here,
    }
    found = {
        route.title: (route.path, queries.get(route, {}))
        for section in routes.SECTIONS.values()
        for route in section
    }
    for view in VIEWS:
        found[f"Portfolio: {view}"] = (routes.PORTFOLIO.path, {"view": view})
    return found


def test_the_check_finds_teams_ranked_on_stages_either_way_round():
    teams = {"Alpha CMHT", "Beta Rehab", "Gamma Ward"}
    heat = pd.DataFrame(
        {"Team": ["Alpha CMHT", "Beta Rehab"], "8. Workforce": ["2 Development", "1 Engagement"]}
    )
    assert frame_league(heat, teams) == {"Alpha CMHT", "Beta Rehab"}
    assert frame_league(heat.set_index("Team").T, teams) == {"Alpha CMHT", "Beta Rehab"}
    # One team's own stages, or teams by their TRIP, are not a league.
    assert not frame_league(heat.head(1), teams)
    assert not frame_league(pd.DataFrame({"Team": list(teams), "TRIP status": "Current"}), teams)


def test_no_screen_sets_teams_side_by_side_on_template_a_stages(demo):
    teams = {t.name for t in ui.service().providers.teams()}
    checked = 0
    for title, (path, query) in screens().items():
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        at.run()
        at.switch_page(path)
        at.query_params.update(query)
        at.run()
        assert not at.exception, (title, [e.value for e in at.exception])
        for table in [*at.dataframe, *at.table]:
            assert not frame_league(table.value, teams), title
            checked += 1
    assert checked >= 10  # the portfolio's and the others' tables were there to look at


@pytest.mark.parametrize("scope", ["org", "portfolio"])
def test_no_report_sets_teams_side_by_side_on_template_a_stages(demo, scope):
    svc = ui.service()
    org = svc.providers.organisations()[0]
    teams = {t.name for t in svc.providers.teams()}
    text = "portfolio" if scope == "portfolio" else f"org:{org.id}"
    book = load_workbook(io.BytesIO(build_report(svc, ReportScope.parse(text))), read_only=True)
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert not league(rows, teams), ws.title
        assert not league(zip(*rows, strict=False), teams), ws.title
