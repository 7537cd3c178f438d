"""A TRIP round's conversation driven as a team drives it: statement by statement, saved and
shown as progress, and the form a cache of the store."""

from __future__ import annotations

from assessments.records import Actor
from assessments.records.trip import Rating
from pages.kit import routes, ui
from tests.app.conftest import HELD
from tests.app.plan_helpers import texts
from tests.app.trip_helpers import click, field, page, shown, trip_page


def test_starting_a_round_opens_the_conversation_on_the_teams_benchmarks(team):
    at = trip_page(team, "benchmarks")
    assert "uses the trip benchmarks for community teams (58 statements" in texts(at)
    at.date_input(key=f"trip-new:{team.id}:held_on").set_value(HELD)
    at.number_input(key=f"trip-new:{team.id}:people-using-services").set_value(3)
    click(at, "Start the round")

    (made,) = ui.service().trip.trip_rounds(team.id)
    assert (made.framework, made.participants) == ("trip-community@1", {"people-using-services": 3})


def statement_key(round_id: int, sid: str, field: str) -> str:
    """The widget of a statement's field: keyed by the statement's place on its screen."""
    bset = ui.service().trip.trip_round(round_id)[1]
    place = next(
        group.statements.index(s) for group in bset.groups for s in group.statements if s.id == sid
    )
    return f"trip-benchmarks:{place}:{field}"


def test_the_conversation_saves_each_statement_and_shows_progress(trip_round):
    at = page(routes.TRIP_BENCHMARKS.path, round=str(trip_round.id))
    svc = ui.service()
    _, bset = svc.trip.trip_round(trip_round.id)
    first = bset.groups[0]
    assert at.header[0].value.startswith("1. ")
    assert "0 of 58 talked through" in texts(at)
    for n, statement in enumerate(first.statements):
        at.segmented_control(key=statement_key(trip_round.id, statement.id, "value")).set_value(
            ["not-yet", "started", "partly", "mostly", "fully", "dont-know"][n]
        )
    at.text_area(key=statement_key(trip_round.id, first.statements[0].id, "proud")).input(
        "We ask about hopes at the first meeting"
    )
    at.text_area(key=statement_key(trip_round.id, first.statements[1].id, "next")).input(
        "Ask people to tell their story in their own words at reviews"
    )
    click(at, "Next")

    assert at.header[0].value.startswith("2. ")
    assert f"Saved {len(first.statements)} statement(s) of challenge 1" in texts(at)
    assert f"{len(first.statements)} of 58 talked through" in texts(at)
    stored = svc.trip.trip_ratings(trip_round.id)
    assert stored[first.statements[0].id].rating == Rating(
        "not-yet", proud="We ask about hopes at the first meeting"
    )
    assert stored[first.statements[5].id].rating.value == "dont-know"
    assert at.query_params["group"] == bset.groups[1].challenge


def test_two_people_on_one_statement_the_second_is_refused_with_both_answers(trip_round):
    sid = ui.service().definitions.benchmark_set("trip-community@1").statements[0].id
    mine = page(routes.TRIP_BENCHMARKS.path, round=str(trip_round.id))
    theirs = page(
        routes.TRIP_BENCHMARKS.path, Actor("Jo Reyes", "Peer worker"), round=str(trip_round.id)
    )
    theirs.segmented_control(key=statement_key(trip_round.id, sid, "value")).set_value("fully")
    click(theirs, "Save")
    mine.segmented_control(key=statement_key(trip_round.id, sid, "value")).set_value("started")
    click(mine, "Save")

    assert "Jo Reyes" in texts(mine)
    table = mine.table[0].value
    assert list(table.iloc[0]) == ["How far we have got", "Started", "Fully"]
    click(mine, "Save mine over it")
    assert ui.service().trip.trip_ratings(trip_round.id)[sid].rating.value == "started"


# --- the conversation's form: a cache of the store ------------------------------------------

# Challenge 1's first four statements, by their place on the screen: answer, proud, next.
FILLED = {
    0: ("mostly", "We ask about hopes at the first meeting", "Ask again at every review"),
    1: ("partly", "Story-first assessments in two teams", "Train the rest of the team"),
    2: ("not-yet", "Pharmacist joins some reviews", "A shared decision aid for medication"),
    3: ("dont-know", "Carers' group & peer café each month", "Ask carers what they'd change"),
}


def fill(at, filled: dict) -> None:
    for place, (value, proud, next_step) in filled.items():
        at.segmented_control(key=field(place, "value")).set_value(value)
        at.text_area(key=field(place, "proud")).input(proud)
        at.text_area(key=field(place, "next")).input(next_step)


def as_filled(filled: dict, places: int = 6) -> list:
    return [filled.get(place, (None, "", "")) for place in range(places)]


def in_store(round_id: int) -> tuple:
    """Every statement's rating and version, and the audit log's length: what a move that
    changes nothing must leave exactly as it was."""
    svc = ui.service()
    ratings = {sid: (r.rating, r.version) for sid, r in svc.trip.trip_ratings(round_id).items()}
    return ratings, len(svc.history("trip-rating"))


def test_fill_next_previous_shows_what_was_saved_and_moving_on_again_writes_nothing(trip_round):
    at = page(routes.TRIP_BENCHMARKS.path, round=str(trip_round.id))
    first = ui.service().trip.trip_round(trip_round.id)[1].groups[0]
    fill(at, FILLED)
    assert shown(at) == ("1", as_filled(FILLED))
    at.button(key="trip:next").click().run()
    assert shown(at) == ("2", as_filled({}, 5))  # the same widgets, now challenge 2's: blank
    assert "Saved 4 statement(s) of challenge 1" in texts(at)
    after_save = in_store(trip_round.id)
    for place, statement in enumerate(first.statements):
        value, proud, next_step = FILLED.get(place, (None, "", ""))
        rating = Rating(value, proud=proud, next_step=next_step)
        assert after_save[0][statement.id] == (rating, 2 if place in FILLED else 1), place
    assert after_save[1] == len(FILLED)

    at.button(key="trip:previous").click().run()  # back: what was saved, not blanks
    assert shown(at) == ("1", as_filled(FILLED))
    assert in_store(trip_round.id) == after_save
    at.button(key="trip:next").click().run()  # on again with nothing changed: nothing written
    assert shown(at)[0] == "2"
    assert in_store(trip_round.id) == after_save
    assert "Saved" not in " ".join(s.value for s in at.success)
    at.button(key=f"trip:strip:{first.challenge}").click().run()  # the strip, too
    assert shown(at) == ("1", as_filled(FILLED))
    at.button(key="trip-save").click().run()
    assert in_store(trip_round.id) == after_save
    assert "nothing had changed, so nothing was written" in texts(at)

    # a refresh: a new session on the same URL
    again = page(routes.TRIP_BENCHMARKS.path, round=str(trip_round.id), group=first.challenge)
    assert shown(again) == ("1", as_filled(FILLED))
    again.button(key="trip:next").click().run()
    assert in_store(trip_round.id) == after_save


def test_typing_kept_when_the_page_changes_is_offered_back_and_saved_by_the_next_move(
    team, trip_round
):
    at = page(routes.TRIP_BENCHMARKS.path, round=str(trip_round.id))
    typed = {1: ("started", "", "Ask people to tell their story at reviews")}
    fill(at, typed)
    at.switch_page(routes.TRIP_SUMMARY.path).run()  # another page, with the typing not saved
    assert not at.exception, [e.value for e in at.exception]
    assert in_store(trip_round.id)[1] == 0
    at.switch_page(routes.TRIP_BENCHMARKS.path).run()  # and back

    assert shown(at) == ("1", as_filled(typed))
    assert any("Not saved yet" in i.value for i in at.info)
    at.button(key="trip:next").click().run()
    sid = ui.service().trip.trip_round(trip_round.id)[1].groups[0].statements[1].id
    assert ui.service().trip.trip_ratings(trip_round.id)[sid].rating == Rating(
        "started", next_step="Ask people to tell their story at reviews"
    )
    assert "Saved 1 statement(s) of challenge 1" in texts(at)
    assert not any("Not saved yet" in i.value for i in at.info)
