"""Faults and wrong addresses, as a person meets them: a plain message and a way on, never a
traceback."""

from __future__ import annotations

import pytest

from pages.kit import routes
from tests.app.conftest import open_page
from tests.app.plan_helpers import texts
from tests.app.trip_helpers import page


def test_a_trip_round_opened_on_a_template_a_page_says_where_it_opens(trip_round):
    for path in (routes.WORKSHOP.path, routes.SUMMARY.path):
        at = page(path, round=str(trip_round.id))
        assert f"Round {trip_round.id} is a TRIP round" in texts(at)
        assert not at.error


def test_a_fault_in_a_page_shows_a_plain_message_with_a_reference_and_no_traceback(
    monkeypatch, caplog
):
    from assessments.service.providers import Providers

    def broken(self, *args, **kwargs):
        raise RuntimeError("secret detail of the fault")

    monkeypatch.setattr(Providers, "organisations", broken)
    at = open_page(routes.PROVIDERS.path)

    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith("This page could not be shown. Everything saved before is kept.")
    assert "secret detail" not in texts(at)
    reference = message.split("**")[1]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


WRONG_ADDRESSES = [
    (routes.PROVIDERS, {"org": "999"}, "There is no provider 999: it may have been archived."),
    (routes.REPORTS, {"org": "abc"}, "There is no provider abc: it may have been archived."),
    (routes.TRIP, {"team": "999"}, "There is no team 999 at Northfield Demo Trust (fictional)"),
    (routes.WORKSHOP, {"round": "abc"}, "There is no round abc. Choose below."),
    (routes.SUMMARY, {"round": "999"}, "There is no round 999. Choose below."),
    (routes.PLAN, {"plan": "999"}, "Open a plan from the Action plans page."),
    (routes.TRIP_BENCHMARKS, {"round": "999"}, "Open a TRIP round from the TRIP page"),
]


@pytest.mark.parametrize(("route", "query", "said"), WRONG_ADDRESSES, ids=lambda x: str(x)[:30])
def test_a_wrong_id_in_the_address_is_said_plainly_with_a_way_on(team, route, query, said):
    at = page(route.path, **query)

    assert said in texts(at)
    assert not at.error


def test_markup_in_the_address_is_shown_as_typed(team):
    at = page(routes.PROVIDERS.path, org="**x**<img src=//tracker.invalid/a.png>")

    assert "There is no provider \\*\\*x\\*\\*&lt;img src=//tracker.invalid/a.png&gt;" in texts(at)
