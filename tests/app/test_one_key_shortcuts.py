"""One-key shortcuts a person can turn off (WCAG 2.1.4): with the switch off, no button of the
workshop or the TRIP conversation answers to a letter or a digit and no help text names one;
the arrow keys stay; and the choice outlasts a move and back, and another page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assessments.records import Actor
from pages.kit import routes, shortcuts, ui
from tests.app.conftest import LEAD, open_page

FACILITATOR = Actor("Sam Okafor", "Facilitator")
NAMED = re.compile(r"\([A-Z0-9]\)|[123N] (agree|not agreed)|P first free")


@pytest.fixture
def workshop_round(own_store) -> int:
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Westbrook Demo Trust (fictional)")
    return svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants={"people-using-services": 6},
    ).id  # fmt: skip


def keys(at) -> set[str]:
    """Every key a button of the page answers to, as Streamlit names it ("f", "left")."""
    return {b.proto.shortcut.lower() for b in at.button if b.proto.shortcut}


def one_key(at) -> set[str]:
    return {k for k in keys(at) if len(k) == 1}


def named(at) -> list[str]:
    """The help texts and captions that name a one-key shortcut."""
    said = [b.help or "" for b in at.button] + [c.value for c in at.caption]
    return [s for s in said if NAMED.search(s)]


def turn(at, on: bool) -> None:
    at.toggle(key=shortcuts.SWITCH).set_value(on).run()
    assert not at.exception, [e.value for e in at.exception]


def go(at, page: str, round_id: int) -> None:
    at.query_params["round"] = str(round_id)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]


def test_turned_off_no_button_answers_to_a_letter_or_digit_on_any_page_until_turned_on(
    workshop_round, trip_round
):
    at = open_page(None, round=str(workshop_round))
    at.session_state["actor"] = LEAD
    go(at, routes.WORKSHOP.path, workshop_round)
    assert one_key(at) == {"f", "s", "1", "2", "3", "n", "p"}  # on, for facilitators
    assert named(at) and at.toggle(key=shortcuts.SWITCH).value

    turn(at, False)
    assert one_key(at) == set() and named(at) == []
    assert {"left", "right"} <= keys(at)  # not characters: they stay
    assert any("one-key shortcuts off" in c.value for c in at.caption)

    at.button(key="workshop:next").click().run()  # a move to challenge 2, and back
    assert at.header[0].value.startswith("2. ") and one_key(at) == set()
    at.button(key="workshop:previous").click().run()
    assert at.header[0].value.startswith("1. ") and one_key(at) == set()
    assert at.toggle(key=shortcuts.SWITCH).value is False

    go(at, routes.TRIP_BENCHMARKS.path, trip_round.id)  # another page: still off
    assert at.header[0].value.startswith("1. ")
    assert one_key(at) == set() and named(at) == []
    assert at.toggle(key=shortcuts.SWITCH).value is False

    go(at, routes.SUMMARY.path, workshop_round)  # a page without the switch, and back
    go(at, routes.WORKSHOP.path, workshop_round)
    assert one_key(at) == set() and at.toggle(key=shortcuts.SWITCH).value is False

    turn(at, True)
    assert one_key(at) == {"f", "s", "1", "2", "3", "n", "p"} and named(at)
    go(at, routes.TRIP_BENCHMARKS.path, trip_round.id)
    assert one_key(at) == {"f", "s"}


def test_the_switch_says_which_keys_it_turns_off(workshop_round, trip_round):
    at = open_page(None, round=str(workshop_round))
    at.session_state["actor"] = LEAD
    go(at, routes.WORKSHOP.path, workshop_round)
    assert "F presentation view · S save · 1, 2, 3 agree a stage" in (
        at.toggle(key=shortcuts.SWITCH).help
    )
    go(at, routes.TRIP_BENCHMARKS.path, trip_round.id)
    assert "F presentation view · S save." in at.toggle(key=shortcuts.SWITCH).help


def test_the_presentation_views_follow_the_choice(workshop_round, trip_round):
    """The workshop's presentation view has the switch below everything else; the TRIP one has
    no room for it, and keeps the choice made on the full form."""
    at = open_page(None, round=str(workshop_round))
    at.session_state["actor"] = LEAD
    go(at, routes.WORKSHOP.path, workshop_round)
    turn(at, False)
    at.button(key="workshop:room").click().run()
    assert at.query_params["view"] == "room"
    assert one_key(at) == set() and {"left", "right"} <= keys(at)
    turn(at, True)  # from the presentation view itself
    assert one_key(at) == {"f", "1", "2", "3", "n", "p"}  # no Save there: Next saves
    turn(at, False)

    go(at, routes.TRIP_BENCHMARKS.path, trip_round.id)
    assert at.query_params["view"] == "room"
    assert not at.toggle and one_key(at) == set()
