"""TRIP driven as a team drives it: assets, a round's conversation statement by statement,
co-led priorities agreed and reviewed, and a summary that never shows a score."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from assessments.plan_records import Action, Lead, PlanContent
from assessments.records import Actor
from assessments.trip_records import Rating
from pages.kit import routes, ui
from tests.app.conftest import open_page
from tests.app.test_plans import LEAD, texts

TODAY = date.today()
HELD = TODAY - timedelta(days=60)


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


def page(path: str, actor: Actor = LEAD, **query: str):
    at = open_page(None, **query)
    at.session_state["actor"] = actor
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def trip_page(team, part: str, **query: str):
    return page(
        routes.TRIP.path, org=str(team.organisation_id), team=str(team.id), part=part, **query
    )


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_assets_are_added_searched_and_held_by_role_or_initials(team):
    at = trip_page(team, "assets")
    assert "No assets yet" in texts(at)
    for kind, held_by, what in (
        ("hidden-talent", "Support worker", "Plays guitar; could start a music group"),
        ("community-contact", "R.T.", "Volunteers at the allotment society"),
    ):
        key = f"asset-add:{team.id}:{{}}:{{}}".format
        count = at.session_state[f"asset-add:{team.id}:count"]
        at.selectbox(key=key(count, "kind")).set_value(kind)
        at.text_input(key=key(count, "held_by")).input(held_by)
        at.text_area(key=key(count, "what")).input(what)
        click(at, "Add the asset")
        assert "Added asset" in texts(at)

    table = at.dataframe[0].value
    assert list(table["Held by"]) == ["R.T.", "Support worker"]
    assert "Do not write the names of people who use services" in texts(at)
    at.text_input(key=f"asset-search:{team.id}").input("allotment").run()
    assert list(at.dataframe[0].value["What"]) == ["Volunteers at the allotment society"]
    assert "1 of 2 assets match 'allotment'." in texts(at)


def test_an_asset_without_a_holder_is_refused_and_what_was_typed_stays(team):
    at = trip_page(team, "assets")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Speaks Polish and Welsh")
    click(at, "Add the asset")

    assert "Who holds it (a role or initials) is empty" in texts(at)
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == "Speaks Polish and Welsh"
    assert ui.service().trip.assets(team.id) == []


def test_an_asset_held_by_a_name_is_refused_and_what_was_typed_stays(team):
    at = trip_page(team, "assets")
    at.text_input(key=f"asset-add:{team.id}:0:held_by").input("Jane Smith")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Speaks Polish and Welsh")
    click(at, "Add the asset")

    assert "'Jane Smith' reads as a person's name" in texts(at)
    assert at.text_input(key=f"asset-add:{team.id}:0:held_by").value == "Jane Smith"
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == "Speaks Polish and Welsh"
    assert ui.service().trip.assets(team.id) == []


def test_starting_a_round_opens_the_conversation_on_the_teams_benchmarks(team):
    at = trip_page(team, "benchmarks")
    assert "uses the trip benchmarks for community teams (58 statements" in texts(at)
    at.date_input(key=f"trip-new:{team.id}:date").set_value(HELD)
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


def test_fewer_than_three_priorities_prompt_and_a_sixth_is_refused(team, trip_round):
    svc = ui.service()
    statements = list(svc.trip.trip_ratings(trip_round.id))
    at = trip_page(team, "priorities")
    assert "Choose 3 more" in texts(at)

    for sid in statements[:5]:
        svc.trip.create_trip_priority(LEAD, trip_round.id, sid)
    at = trip_page(team, "priorities")
    assert "Choose" not in " ".join(m.value for m in at.info)
    assert "5 priorities are open, the most at once" in texts(at)
    at.selectbox(key=f"trip-any:{trip_round.id}").set_value(statements[6]).run()
    assert at.button(key=f"choose-trip:{trip_round.id}:{statements[6]}:any").disabled


def fill_priority(at, plan_id: int, initials: str = "J.K.") -> None:
    key = f"plan:{plan_id}:{{}}".format
    at.text_input(key=key("title")).input("An information corner in the waiting room")
    at.radio(key=key("timescale")).set_value("quick-win")
    at.text_input(key=key("s_name")).input("Priya Shah")
    at.text_input(key=key("s_role")).input("Team administrator")
    at.text_input(key=key("initials")).input(initials)
    at.text_input(key=key("action:new:what")).input("Collect leaflets on local groups")
    at.text_input(key=key("action:new:who")).input("J.K. with the administrator")
    at.date_input(key=key("action:new:by_when")).set_value(HELD + timedelta(days=20))
    at.date_input(key=key("next_review")).set_value(HELD + timedelta(days=40))


def test_a_priority_is_written_agreed_by_both_co_leads_and_reviewed(team, trip_round):
    svc = ui.service()
    asset = svc.trip.add_asset(
        LEAD, team.id, kind="lived-experience", holder="people-using-the-service",
        held_by="J.K.", what="Knows the waiting room from the other side",
    )  # fmt: skip
    sid = list(svc.trip.trip_ratings(trip_round.id))[4]
    at = trip_page(team, "priorities")
    at.selectbox(key=f"trip-any:{trip_round.id}").set_value(sid).run()
    at.button(key=f"choose-trip:{trip_round.id}:{sid}:any").click().run()
    (plan,) = svc.trip.trip_priorities(team.id)
    at = page(routes.PLAN.path, plan=str(plan.id))
    assert at.title[0].value.startswith("Untitled, from: ")
    assert "no co-lead who uses the service yet" in texts(at)

    fill_priority(at, plan.id)
    at.multiselect(key=f"plan:{plan.id}:assets").select(asset.id)
    click(at, "Save draft")
    assert at.title[0].value == "An information corner in the waiting room"
    assert "Co-led by Priya Shah (Team administrator) and J.K. (uses the service)" in texts(at)

    at.segmented_control(key=f"part:{plan.id}").set_value("sign").run()
    at.checkbox(key=f"agree:{plan.id}:staff").check()
    at.date_input(key=f"agree:{plan.id}:on").set_value(HELD + timedelta(days=1))
    click(at, "Agree version 1")
    assert "Both co-leads" in texts(at)
    at.checkbox(key=f"agree:{plan.id}:person").check()
    click(at, "Agree version 1")
    assert "agreed on" in texts(at) and "by its co-leads, Priya Shah (staff) and J.K." in texts(at)

    at.segmented_control(key=f"part:{plan.id}").set_value("reviews").run()
    assert not [r for r in at.radio if "stage" in r.label]  # a TRIP priority has no stage
    key = f"review:{plan.id}:0:{{}}".format
    at.date_input(key=key("held_on")).set_value(HELD + timedelta(days=40))
    action = svc.plans.plan(plan.id).latest.content.actions[0].key
    at.selectbox(key=key(f"a:{action}")).set_value("done")
    at.text_area(key=key("learned")).input("People use the corner every day")
    at.date_input(key=key("next")).set_value(HELD + timedelta(days=100))
    click(at, "Save the review")
    assert "Review saved." in texts(at)
    assert svc.reviews.action_statuses(svc.plans.plan(plan.id)) == {action: "done"}

    at.segmented_control(key=f"part:{plan.id}").set_value("plan").run()
    assert "Knows the waiting room from the other side (J.K.)" in texts(at)


def test_a_name_in_the_initials_field_is_refused_and_nothing_is_saved(team, trip_round):
    svc = ui.service()
    sid = next(iter(svc.trip.trip_ratings(trip_round.id)))
    plan = svc.trip.create_trip_priority(LEAD, trip_round.id, sid)
    at = page(routes.PLAN.path, plan=str(plan.id))
    fill_priority(at, plan.id, initials="Jan K")
    click(at, "Save draft")

    assert "'Jan K' is not initials" in texts(at)
    assert svc.plans.plan(plan.id).latest.content == PlanContent()


def agreed_priority(svc, trip_round, sid: str, title: str):
    plan = svc.trip.create_trip_priority(LEAD, trip_round.id, sid)
    content = PlanContent(
        title=title, timescale="longer-term", staff_lead=Lead(name="Priya Shah", role="Nurse"),
        person_lead_initials="AB", next_review_on=HELD + timedelta(days=30),
        actions=(Action(key="", what="Plan it", who="AB", by_when=HELD + timedelta(days=10)),),
    )  # fmt: skip
    plan = svc.versions.save_plan(LEAD, plan.id, plan.version, content)
    return svc.versions.agree_trip_priority(
        LEAD, plan.id, plan.version, agreed_on=HELD, staff_lead_agrees=True, person_lead_agrees=True
    )


SCORE = re.compile(r"\b(score|average|mean|overall|rating of|index)\b", re.IGNORECASE)


def test_the_summary_shows_spreads_words_and_priorities_but_never_a_score(team, trip_round):
    svc = ui.service()
    ids = list(svc.trip.trip_ratings(trip_round.id))
    for n, sid in enumerate(ids[:12]):
        version = svc.trip.trip_ratings(trip_round.id)[sid].version
        words = (
            {"proud": "Warm letters"}
            if n == 0
            else {"next_step": "Peer-led groups"}
            if n == 1
            else {}
        )
        svc.trip.save_rating(
            LEAD,
            trip_round.id,
            sid,
            version,
            Rating(["not-yet", "partly", "fully"][n % 3], **words),
        )
    later = svc.trip.create_trip_round(
        LEAD, team.id, held_on=TODAY, facilitator="Sam", status="agreed"
    )
    svc.trip.save_rating(LEAD, later.id, ids[0], 1, Rating("mostly"))
    svc.trip.add_asset(
        LEAD, team.id, kind="hidden-talent", holder="staff", held_by="Nurse", what="Bakes bread"
    )
    agreed_priority(svc, trip_round, ids[1], "Peer-led groups on Tuesdays")

    at = page(routes.TRIP_SUMMARY.path, org=str(team.organisation_id), team=str(team.id))
    assert at.selectbox(key=f"trip-summary-round:{team.id}").value == later.id  # newest first
    at.selectbox(key=f"trip-summary-round:{team.id}").set_value(trip_round.id).run()

    shown = texts(at)
    assert "**1** hidden talents" in shown
    spread = at.dataframe[1].value
    assert list(spread.columns[:2]) == ["No.", "Challenge"]
    assert "Not talked through" in spread.columns
    assert [t.value for t in at.subheader][:2] == [
        "How the answers are spread, challenge by challenge",
        "Strengths the team named",
    ]
    frames = [d.value for d in at.dataframe]
    assert any("Warm letters" in f.to_string() for f in frames)
    assert any("Peer-led groups on Tuesdays" in f.to_string() for f in frames)
    # Never a single number for the team: no metric, no score-like column or words.
    assert not at.metric
    for frame in frames:
        assert not [c for c in frame.columns if SCORE.search(str(c))], frame.columns
    assert not SCORE.search(shown.replace("never a score", ""))


# --- the conversation's form: a cache of the store ------------------------------------------

# Challenge 1's first four statements, by their place on the screen: answer, proud, next.
FILLED = {
    0: ("mostly", "We ask about hopes at the first meeting", "Ask again at every review"),
    1: ("partly", "Story-first assessments in two teams", "Train the rest of the team"),
    2: ("not-yet", "Pharmacist joins some reviews", "A shared decision aid for medication"),
    3: ("dont-know", "Carers' group & peer café each month", "Ask carers what they'd change"),
}


def field(place: int, name: str) -> str:
    """A widget of the benchmarks form: keyed by its place on the screen, never the statement."""
    return f"trip-benchmarks:{place}:{name}"


def fill(at, filled: dict) -> None:
    for place, (value, proud, next_step) in filled.items():
        at.segmented_control(key=field(place, "value")).set_value(value)
        at.text_area(key=field(place, "proud")).input(proud)
        at.text_area(key=field(place, "next")).input(next_step)


def shown(at) -> tuple:
    """The challenge on screen, and each statement's answer, proud and next as shown."""
    places = len([s for s in at.segmented_control if s.key and s.key.startswith("trip-")])
    return at.header[0].value.split(".")[0], [
        (
            at.segmented_control(key=field(place, "value")).value,
            at.text_area(key=field(place, "proud")).value,
            at.text_area(key=field(place, "next")).value,
        )
        for place in range(places)
    ]


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


def test_an_asset_typed_survives_a_visit_to_another_part_and_a_change_shows_the_stored_one(team):
    at = trip_page(team, "assets")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Knows the food bank volunteers")
    at.segmented_control(key=f"trip-part:{team.id}").set_value("priorities").run()
    at.segmented_control(key=f"trip-part:{team.id}").set_value("assets").run()
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == (
        "Knows the food bank volunteers"
    )
    at.text_input(key=f"asset-add:{team.id}:0:held_by").input("Peer worker")
    click(at, "Add the asset")

    asset = ui.service().trip.assets(team.id)[0]
    at.segmented_control(key=f"trip-part:{team.id}").set_value("priorities").run()
    at.segmented_control(key=f"trip-part:{team.id}").set_value("assets").run()
    assert at.text_area(key=f"asset-change:{asset.id}:what").value == asset.what
    assert at.text_input(key=f"asset-change:{asset.id}:held_by").value == "Peer worker"
    before = ui.service().trip.assets(team.id)
    click(at, "Save the change")  # unchanged: nothing written
    assert ui.service().trip.assets(team.id) == before
