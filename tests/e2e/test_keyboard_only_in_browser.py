"""Keyboard alone, in real Chromium at projector size (issue 20): a whole Template B plan from
the Action plans page to its first review, and a whole TRIP conversation to a co-led priority,
with Tab, Shift+Tab, Enter, Space, the arrow keys and typing only: no click, no fill. Wherever
the keys land, the NHS yellow ring shows. Both on a new team of the demo's second provider,
which no other test reads; and a Template A challenge, by its keys, on the team's own round,
where the one-key shortcuts are turned off and on again (WCAG 2.1.4).
Screenshots: 89- to 97-keyboard-* in the artifacts folder."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.plans import ActionStatus
from tests.e2e.conftest import service_on, shot
from tests.e2e.keys import (
    choose_in_list,
    press_button,
    settle,
    sign_in_by_keys,
    tab_to,
    type_a_date,
    type_into,
)
from tests.e2e.trip_helpers import chosen, heading

pytestmark = pytest.mark.e2e

LEAD = Actor("Sam Okafor", "Recovery lead")
TODAY = date.today()


@pytest.fixture(scope="module")
def keyboard_team(demo_server):
    """A new team of the demo's voluntary sector provider, with a Template A round of its own."""
    svc = service_on(demo_server)
    org = next(o for o in svc.providers.organisations() if o.name.startswith("Riverside"))
    team = svc.providers.create_team(LEAD, org.id, "Keyboard CMHT (fictional)", "cmht", "North")
    round_ = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=TODAY - timedelta(days=7),
        facilitator="Sam Okafor", participants={"people-using-services": 5}, team_id=team.id,
    )  # fmt: skip
    svc.engine.dispose()
    return team, round_.id


def part_by_keys(page, steps: int, shows: str) -> None:
    """From the part of the plan shown, `steps` parts on (or back, if negative), by the arrow
    keys and Enter on the row of parts, which the focus is on."""
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    page.keyboard.press("Enter")
    expect(page.get_by_text(shows).first).to_be_visible()
    settle(page)


def back_to_parts(page) -> None:
    """Round past the page's end and its top bar to the row of parts."""
    tab_to(page, r"^(Plan|Sign off|Reviews|Progress)$", key="st-key-part-", presses=80)


def focus_in_view(page) -> None:
    expect(page.locator(":focus")).to_be_in_viewport()


def test_a_template_a_challenge_by_keyboard_alone(demo_server, keyboard_team, page):
    """Signed in, the room's views typed, and three keys: Stage 2, the first free priority,
    Next (which saves). Once test_workshop_in_browser's, which signed in and left the name box
    by a click, and typed no views. Then the one-key shortcuts turned off, and on again."""
    _, round_id = keyboard_team
    page.goto(f"{demo_server.url}/workshop?round={round_id}")
    settle(page)
    sign_in_by_keys(page)
    expect(heading(page, 1)).to_be_visible()
    type_into(page, "^People using services: Stage 1$", "2")
    type_into(page, "^People using services: Stage 2$", "3")
    tab_to(page, "^Stage 2 · Development", back=True)  # out of the fields: the keys act
    settle(page)
    agreed = page.get_by_role("button", name=re.compile("^✓ Agreed: Stage 2"))
    page.keyboard.press("2")
    expect(agreed).to_be_visible()
    settle(page)
    expect(agreed).to_be_focused()  # drawn afresh as the agreed one, the focus still on it
    page.keyboard.press("Space")  # and Space on it keeps the choice
    settle(page)
    expect(agreed).to_be_visible()
    page.keyboard.press("p")
    expect(page.get_by_label("Priority for action (1 is the highest)", exact=True)).to_have_value(
        "1"
    )
    settle(page)
    shot(page, "89-keyboard-workshop")
    page.keyboard.press("ArrowRight")
    expect(heading(page, 2)).to_be_focused()  # for a screen reader, and the next key
    svc = service_on(demo_server)
    answer = svc.workshop.challenge_record(round_id, "c01-interactions").answer
    svc.engine.dispose()
    assert (answer.agreed_stage, answer.priority) == (2, 1)
    views = answer.view("people-using-services")
    assert (views.stage_1, views.stage_2) == (2, 3)

    # One-key shortcuts off (WCAG 2.1.4): S and 2 pressed on a "?" save and change nothing.
    tab_to(page, "^One-key shortcuts$", back=True)
    page.keyboard.press("Space")
    settle(page)
    shot(page, "89b-keyboard-shortcuts-off")
    type_into(page, "^People using services: Stage 1$", "4")  # sent with the next click
    tab_to(page, "^Help$", back=True)  # the "?" of "How each group sees it"
    settle(page)
    before = workshop_record(demo_server, round_id, "c02-education")
    page.keyboard.press("s")
    page.keyboard.press("2")
    settle(page)
    expect(page.get_by_role("button", name=re.compile("^✓ Agreed"))).to_have_count(0)
    assert workshop_record(demo_server, round_id, "c02-education") == before
    tab_to(page, "^One-key shortcuts$", back=True)  # on again: S on the "?" saves
    page.keyboard.press("Space")  # the switch's click sends the 4: typed, not saved
    expect(page.get_by_text("Not saved yet: changes to this challenge.")).to_be_visible()
    settle(page)
    tab_to(page, "^Help for One-key shortcuts$")
    page.keyboard.press("s")
    expect(page.get_by_text("Saved challenge 2 at")).to_be_visible()
    after = workshop_record(demo_server, round_id, "c02-education").answer
    assert (after.view("people-using-services").stage_1, after.agreed_stage) == (4, None)


def workshop_record(server, round_id: int, cid: str):
    svc = service_on(server)
    record = svc.workshop.challenge_record(round_id, cid)
    svc.engine.dispose()
    return record


def test_a_template_b_plan_and_its_review_by_keyboard_alone(demo_server, keyboard_team, page):
    team, round_id = keyboard_team
    page.goto(f"{demo_server.url}/plans?org={team.organisation_id}&team={team.id}")
    settle(page)
    sign_in_by_keys(page)
    press_button(page, "Make a priority", key=f"choose-{round_id}-c05-personalisation")
    expect(page).to_have_url(re.compile(r"/plan\?plan=\d+"))
    plan_id = int(re.search(r"plan=(\d+)", page.url).group(1))
    expect(page.get_by_text("Draft, not signed yet")).to_be_visible()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_be_focused()  # the new page's title

    # The whole Template B, top to bottom.
    tab_to(page, "^Not set$")  # the stage: the arrow keys move the choice along
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Stage 1 Engagement")).to_be_checked()
    type_into(page, "^Where things stand now$", "Choice in two teams")
    type_into(page, "^Goal$", "Care plans in own words")
    choose_in_list(page, "^Measure$", "A measure of our own")
    type_into(page, "^Own measure: name$", "Plans in own words")
    type_into(page, "^Own measure: unit$", "%")
    type_into(page, "^Baseline$", "40")
    type_a_date(page, "Baseline date", TODAY - timedelta(days=30))
    type_into(page, "^Target$", "90")
    type_a_date(page, "Target date", TODAY + timedelta(days=365))
    type_into(page, "^Owner$", "Team manager")
    type_into(page, "^What$", "Rewrite the template")
    type_into(page, "^Who$", "Peer worker")
    type_a_date(page, "By when", TODAY + timedelta(days=60))
    type_into(page, "^Evidence sources$", "Care plan audit")
    type_into(page, "^Commissioner lead: name$", "R. Demo (fictional)")
    type_into(page, "^Provider lead: name$", "T. Sample (fictional)")
    type_a_date(page, "Next review", TODAY + timedelta(days=90))
    shot(page, "90-keyboard-plan-form")
    press_button(page, r"Save draft$")
    saved = page.get_by_test_id("stAlertContentSuccess").get_by_text("Saved version 1")
    expect(saved).to_be_visible()
    settle(page)
    focus_in_view(page)  # the form grew above the button: it and its note are brought back
    expect(saved).to_be_in_viewport()
    shot(page, "91-keyboard-plan-saved")
    version = stored_plan(demo_server, plan_id).version

    # Forward to the sign-off, back to the plan as saved, and forward again: nothing written.
    back_to_parts(page)
    part_by_keys(page, 1, "it is ready to sign")
    part_by_keys(page, -1, "Local goals (SMART)")
    expect(page.get_by_label("Goal", exact=True).first).to_have_value("Care plans in own words")
    expect(page.get_by_label("Target", exact=True).first).to_have_value("90")
    expect(page.get_by_label("Commissioner lead: name")).to_have_value("R. Demo (fictional)")
    part_by_keys(page, 1, "it is ready to sign")
    assert stored_plan(demo_server, plan_id).version == version

    tab_to(page, r"\(commissioner lead\) agrees this plan$")
    page.keyboard.press("Space")
    tab_to(page, r"\(provider lead\) agrees this plan$")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name=re.compile("provider lead"))).to_be_checked()
    shot(page, "92-keyboard-ticked")
    press_button(page, "Sign off version 1")
    signed = page.get_by_text("Version 1 was signed on")
    expect(signed).to_be_visible()
    settle(page)
    # The button is gone with the form: the focus is on what happened, not back at the top.
    expect(page.get_by_test_id("stAlert").filter(has=signed)).to_be_focused()

    tab_to(page, "^Sign off$", key="st-key-part-", back=True)
    part_by_keys(page, 1, "0 review(s) so far")
    type_into(page, "measured now", "65")
    choose_in_list(page, "^Action 1: ", "Done")
    tab_to(page, "^No, it has not moved$")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Now Stage 2 Development")).to_be_checked()
    type_into(page, r"^What shows it moved", "Every team offers it")
    type_into(page, "^What we learned$", "Own words matter")
    type_a_date(page, "Next review", TODAY + timedelta(days=180))
    press_button(page, "Save the review")
    review_saved = page.get_by_test_id("stAlert").filter(has=page.get_by_text("Review saved."))
    expect(page.get_by_text("1 review(s) so far")).to_be_visible()
    settle(page)
    # The form starts afresh for the next review: the focus on the note that it was saved.
    expect(review_saved).to_be_focused()
    expect(review_saved).to_be_in_viewport()
    shot(page, "93-keyboard-review-saved")

    # The next Tab from the note: the review as saved, opened by Enter.
    press_button(page, r"Review on ", presses=3)
    expect(page.get_by_text("Own words matter")).to_be_visible()
    expect(page.get_by_text("Stage re-rated")).to_be_visible()
    shot(page, "94-keyboard-review-read-back")

    plan = stored_plan(demo_server, plan_id)
    content = plan.latest.content
    assert plan.latest.signed and plan.latest.number == 1
    assert content.current_stage == 1
    (goal,) = content.goals
    assert (goal.statement, goal.baseline, goal.target) == (
        "Care plans in own words", 40, 90,
    )  # fmt: skip
    assert (goal.measure.name, goal.measure.unit, goal.owner) == (
        "Plans in own words", "%", "Team manager",
    )  # fmt: skip
    assert (goal.baseline_on, goal.target_on) == (
        TODAY - timedelta(days=30), TODAY + timedelta(days=365),
    )  # fmt: skip
    (action,) = content.actions
    assert (action.who, action.by_when) == ("Peer worker", TODAY + timedelta(days=60))
    assert (content.commissioner_lead.name, content.provider_lead.name) == (
        "R. Demo (fictional)", "T. Sample (fictional)",
    )  # fmt: skip
    svc = service_on(demo_server)
    (review,) = svc.reviews.reviews(plan_id)
    assert (review.stage, review.learned) == (2, "Own words matter")
    assert review.next_review_on == TODAY + timedelta(days=180)
    assert review.action_statuses[action.key] == ActionStatus.DONE
    assert [m.value for m in svc.reviews.measurements(plan_id)] == [65]
    svc.engine.dispose()


def stored_plan(server, plan_id: int):
    svc = service_on(server)
    plan = svc.plans.plan(plan_id)
    svc.engine.dispose()
    return plan


SCALE = ["not-yet", "started", "partly", "mostly", "fully"]
SCALE_LABELS = ["Not yet", "Started", "Partly", "Mostly", "Fully"]
ONE = [2, 1, 3, 0, 4, 2]  # challenge 1's six answers, as places on the scale
TWO = [1, 3]  # two of challenge 2's, in the presentation view
IDEA = "Ask what matters at the first meeting"


def answer_by_keys(page, place: int, step: int) -> None:
    """A statement's answer: Tab to its row of answers, the arrow keys along it, Enter."""
    tab_to(page, ".", key=f"st-key-trip-benchmarks-{place}-value")
    for _ in range(step):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")


def test_a_trip_conversation_to_a_co_led_priority_by_keyboard_alone(
    demo_server, keyboard_team, page
):
    team, _ = keyboard_team
    page.goto(f"{demo_server.url}/trip?org={team.organisation_id}&team={team.id}&part=benchmarks")
    settle(page)
    sign_in_by_keys(page)
    type_into(page, "^People using services$", "5")
    type_into(page, "^Clinical and practitioner staff$", "7")
    press_button(page, "Start the round$")
    expect(page).to_have_url(re.compile(r"/trip-benchmarks\?round=\d+"))
    round_id = int(re.search(r"round=(\d+)", page.url).group(1))
    expect(heading(page, 1)).to_be_visible()
    settle(page)
    expect(heading(page, 1)).to_be_focused()  # the new page's heading, not the page's start

    # Challenge 1: its six statements, what the team is proud of and an idea for next.
    for place, step in enumerate(ONE):
        answer_by_keys(page, place, step)
        if place == 0:
            type_into(page, "^What we already do and are proud of$", "We ask first")
        if place == 1:
            type_into(page, "^What we could do next$", IDEA, key="benchmarks-1-next")
    expect(chosen(page, 5)).to_have_text(re.compile("Partly"))
    expect(chosen(page, 5)).to_be_focused()  # and readable so: white on near-black
    expect(chosen(page, 5)).to_have_css("background-color", "rgb(33, 43, 50)")
    shot(page, "95-keyboard-trip-rated")
    press_button(page, "^Next", key="trip-next")
    expect(heading(page, 2)).to_be_focused()
    settle(page)

    # Challenge 2 in the presentation view (F), on the heading: the keys go on from there.
    page.keyboard.press("f")
    expect(page).to_have_url(re.compile("view=room"))
    settle(page)
    expect(page.locator("#challenge")).to_be_focused()
    for place, step in enumerate(TWO):
        answer_by_keys(page, place, step)
    shot(page, "96-keyboard-trip-presentation")
    press_button(page, "^Next", key="trip-next")
    expect(heading(page, 3)).to_be_focused()
    settle(page)
    after_two = ratings(demo_server, round_id)

    # Back (the left arrow, from the heading) shows challenge 2 as saved; on again writes nothing.
    page.keyboard.press("ArrowLeft")
    expect(heading(page, 2)).to_be_focused()
    settle(page)
    for place, step in enumerate(TWO):
        expect(chosen(page, place)).to_have_text(re.compile(SCALE_LABELS[step]))
    page.keyboard.press("ArrowRight")
    expect(heading(page, 3)).to_be_focused()
    settle(page)
    assert ratings(demo_server, round_id) == after_two
    page.keyboard.press("f")  # out of the presentation view, the heading still holding the focus
    expect(page).not_to_have_url(re.compile("view=room"))
    settle(page)
    expect(heading(page, 3)).to_be_focused()

    # To the last challenge by the strip, and from there to the co-led priorities.
    press_button(page, "^Challenge 10,", back=True)
    expect(heading(page, 10)).to_be_focused()
    settle(page)
    press_button(page, "Choose the co-led priorities", back=True)  # round by the top
    expect(page.get_by_text("Choose 3 more")).to_be_visible(timeout=15_000)
    settle(page)
    statement = next(s for s, r in after_two.items() if r[1] == IDEA)
    press_button(page, "^Make a priority$", key=f"choose-trip-{round_id}-{statement}-")
    expect(page).to_have_url(re.compile(r"/plan\?plan=\d+"))
    plan_id = int(re.search(r"plan=(\d+)", page.url).group(1))
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    type_into(page, "^Title: the change in a few words$", "What matters, first")
    tab_to(page, "^Quick win$")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Longer term")).to_be_checked()
    type_into(page, "^Staff co-lead: name$", "Priya Shah")
    type_into(page, "^Staff co-lead: role$", "Care coordinator")
    type_into(page, "^Co-lead who uses the service: initials only$", "J.K.")
    type_into(page, "^What$", "Ask it first")
    type_into(page, "^Who$", "J.K.")
    press_button(page, "Save draft$")
    expect(page.get_by_text("Saved version 1")).to_be_visible()
    settle(page)
    shot(page, "97-keyboard-trip-priority-saved")

    found = ratings(demo_server, round_id)
    firsts = list(found.values())
    assert [r[0] for r in firsts[:8]] == [SCALE[s] for s in ONE + TWO]
    assert (firsts[0][2], firsts[1][1]) == ("We ask first", IDEA)
    svc = service_on(demo_server)
    (priority,) = svc.trip.trip_priorities(team.id)
    content = priority.latest.content
    assert priority.id == plan_id
    assert (content.title, content.timescale) == ("What matters, first", "longer-term")
    assert (content.staff_lead.name, content.person_lead_initials) == ("Priya Shah", "J.K.")
    svc.engine.dispose()


def ratings(server, round_id: int) -> dict[str, tuple]:
    """Each statement's answer, next step and what the team is proud of, with its version."""
    svc = service_on(server)
    found = {
        sid: (r.rating.value, r.rating.next_step, r.rating.proud, r.version)
        for sid, r in svc.trip.trip_ratings(round_id).items()
    }
    svc.engine.dispose()
    return found
