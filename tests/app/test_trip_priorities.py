"""TRIP's co-led priorities driven as a team drives them: prompted, written, agreed by both
co-leads and reviewed; and a summary that never shows a score."""

from __future__ import annotations

import re
from datetime import timedelta

from assessments.records.plans import Action, Lead, PlanContent
from assessments.records.trip import Rating
from pages.kit import routes, ui
from tests.app.conftest import HELD, LEAD, TODAY
from tests.app.plan_helpers import texts
from tests.app.trip_helpers import click, page, trip_page


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
    assert at.title[0].value.startswith(ui.as_text("Untitled, from: "))
    assert ui.as_text("no co-lead who uses the service yet") in texts(at)

    fill_priority(at, plan.id)
    at.multiselect(key=f"plan:{plan.id}:assets").select(asset.id)
    click(at, "Save draft")
    assert at.title[0].value == "An information corner in the waiting room"
    assert ui.as_text(
        "Co-led by Priya Shah (Team administrator) and J.K. (uses the service)"
    ) in texts(at)

    at.segmented_control(key=f"part:{plan.id}").set_value("sign").run()
    at.checkbox(key=f"agree:{plan.id}:staff").check()
    at.date_input(key=f"agree:{plan.id}:on").set_value(HELD + timedelta(days=1))
    click(at, "Agree version 1")
    assert ui.as_text("Both co-leads") in texts(at)
    at.checkbox(key=f"agree:{plan.id}:person").check()
    click(at, "Agree version 1")
    assert "agreed on" in texts(at)
    assert f"by its co-leads, Priya Shah (staff) and {ui.as_text('J.K.')}" in texts(at)

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
    assert f"Knows the waiting room from the other side ({ui.as_text('J.K.')})" in texts(at)


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
