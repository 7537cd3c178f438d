"""Each screen reads the store in one transaction, in a number of statements that does not grow
with the number of teams. Budgets, written down here and in README's Performance section: the
statements each screen ran on the demo when this test was written (BEGIN included, and the
one that asks whether anyone signs in). A screen
over its budget, in more than one transaction, or running more statements for 12 teams than
for 3, fails with the statements it ran."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.records import TEMPLATE_A
from pages.kit import routes, ui
from tests.app.conftest import APP
from tests.demo_store import demo_file
from tests.statement_count import counted

BY = {"by": "Sam Okafor (Facilitator)"}
BUDGETS = {
    "Home": 3,
    "The framework": 2,
    "Providers and teams": 4,
    "Rounds": 9,
    "Workshop": 10,  # 9, and the round's phone votes (one statement however many)
    "Template A summary": 9,
    "Action plans": 4,
    "Template B": 18,
    "TRIP": 7,
    "Benchmarks": 10,  # 9, and the round's phone votes (one statement however many)
    "TRIP summary": 34,
    "Portfolio": 15,
    "Measures": 5,
    "Board report and files": 7,
}


def _screens() -> dict[str, tuple[routes.Route, dict[str, str]]]:
    """Every page of the navigation, opened on the demo's last team and its latest records."""
    svc = ui.service()
    org = svc.providers.organisations()[0]
    team = svc.providers.teams(org.id)[-1]
    here = {"org": str(org.id), "team": str(team.id)}
    template_a = [r for r in svc.rounds.rounds(org.id, team.id) if r.kind == TEMPLATE_A][-1]
    trip = svc.trip.trip_rounds(team.id)[-1]
    plan = svc.plans.plans(org.id, team.id)[0]
    queries = {
        routes.PROVIDERS: here,
        routes.ROUNDS: here,
        routes.WORKSHOP: {"round": str(template_a.id), **BY},
        routes.SUMMARY: {"round": str(template_a.id)},
        routes.PLANS: here,
        routes.PLAN: {"plan": str(plan.id), **BY},
        routes.TRIP: here | BY,
        routes.TRIP_BENCHMARKS: {"round": str(trip.id), **BY},
        routes.TRIP_SUMMARY: {"round": str(trip.id)},
        routes.REPORTS: here,
    }
    every = [route for section in routes.SECTIONS.values() for route in section]
    return {route.title: (route, queries.get(route, {})) for route in every}


def _measure(store: Path, definitions, teams: int) -> dict[str, tuple[int, int, str]]:
    demo_file(store, definitions, teams=teams, rounds=3)
    ui._engine.clear()
    engine = ui.service().engine
    found = {}
    for title, (route, query) in _screens().items():
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        at.run()
        at.switch_page(route.path)
        at.query_params.update(query)
        with counted(engine) as seen:
            at.run()
        assert not at.exception, (title, [e.value for e in at.exception])
        found[title] = (len(seen.statements), seen.transactions, str(seen))
    return found


def test_every_screen_reads_in_one_transaction_within_a_budget_that_teams_do_not_grow(
    own_store, definitions, tmp_path, monkeypatch
):
    small = _measure(own_store, definitions, teams=3)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(tmp_path / "twelve"))
    large = _measure(tmp_path / "twelve" / "recovery.db", definitions, teams=12)

    assert set(small) == set(BUDGETS), "a page without a budget: add it to BUDGETS"
    for title, budget in BUDGETS.items():
        statements, transactions, seen = large[title]
        assert statements <= budget, f"{title}: over its budget of {budget}: {seen}"
        assert transactions <= 1, f"{title}: {seen}"
        assert statements == small[title][0], f"{title} grows with the teams: {seen}"
