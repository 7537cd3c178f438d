"""The board report reads its records once: one transaction and a fixed number of SQL
statements, the same for a demo of 3 teams as for one of 12, for a team, a provider and the
portfolio. The budgets (also in README.md, Performance) leave a little room over today's
counts; a report that starts reading per team, per round or per plan fails here at once."""

from __future__ import annotations

from datetime import date

import pytest

from assessments import store
from assessments.service import Service
from exports.board_report import ReportScope, build_report
from tests.demo_store import demo_file
from tests.statement_count import counted

TODAY = date(2026, 11, 23)
# Statements per report, whatever the number of teams. Today: team 20, provider 29, portfolio 19
# (teams by their TRIP: five for a provider or the portfolio; the measures: one for each).
BUDGET = {"team": 23, "org": 33, "portfolio": 23}


def _counts(path, definitions, teams: int) -> dict[str, tuple[int, int, str]]:
    """Each report's statements and transactions on a copy of the demo of `teams` teams (the
    run's own build, tests/demo_store.py: the 12 teams' is the unit tests' `demo`)."""
    demo_file(path, definitions, teams=teams, rounds=3, today=TODAY)
    engine = store.open_store(f"sqlite:///{path}")
    try:
        service = Service(engine, definitions, today=lambda: TODAY)
        team = service.providers.teams()[0]
        found = {}
        for scope in (
            ReportScope("team", team.id),
            ReportScope("org", team.organisation_id),
            ReportScope("portfolio"),
        ):
            with counted(engine) as seen:
                build_report(service, scope)
            found[scope.kind] = (len(seen.statements), seen.transactions, str(seen))
        return found
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def counts(tmp_path_factory, definitions):
    folder = tmp_path_factory.mktemp("statements")
    return {teams: _counts(folder / f"demo-{teams}.db", definitions, teams) for teams in (3, 12)}


@pytest.mark.parametrize("kind", sorted(BUDGET))
def test_a_report_is_one_transaction_of_a_fixed_number_of_statements(counts, kind):
    small, transactions_small, said_small = counts[3][kind]
    large, transactions_large, said_large = counts[12][kind]
    assert transactions_small == transactions_large == 1, said_large
    assert small <= BUDGET[kind], f"{kind} over its budget of {BUDGET[kind]}: {said_small}"
    assert large == small, f"{kind} grew with the teams, from {small}: {said_large}"
