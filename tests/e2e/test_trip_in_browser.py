"""A whole TRIP in real Chromium at projector size, for a new team on the demo's server: two
assets, a round talked through statement by statement, co-led priorities written and agreed
in the form (two of the four), one review, and the summary, which never shows a score.
Screenshots: screenshots/30-39 in the artifacts folder (tests/artifacts.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.plans import Action, Lead, PlanContent
from tests.e2e.conftest import (
    choose_option,
    follow,
    part,
    service_on,
    shot,
    sign_in,
    type_date,
    wait_for_app,
)
from tests.e2e.trip_helpers import TODAY, answer, button, heading, saved_note, words

pytestmark = pytest.mark.e2e


ANSWERS = ["Not yet", "Started", "Partly", "Mostly", "Fully", "Partly", "Started"]
IN_THE_FORM = 2  # of the four: the form is the same each time
TIMESCALES = {"Quick win": "quick-win", "Longer term": "longer-term"}
LEAD = Actor("Sam Okafor", "Recovery lead")
IDEAS = {  # statement number -> what the room could do next; four become priorities
    2: "Invite people to tell their story in their own words at the first review",
    5: "Rewrite the first appointment letter together with people who use the service",
    13: "Start a monthly learning session led by peer trainers",
    26: "Put a recovery college leaflet stand in the waiting room",
}
PRIORITIES = [
    ("A warmer first appointment letter", "Quick win", "Priya Shah", "Team administrator", "J.K."),
    ("Our stories, told our way", "Longer term", "Dev Patel", "Psychologist", "R.T."),
    ("Peer-led learning every month", "Longer term", "Amy Cole", "Team manager", "L.M."),
    ("A recovery college corner", "Quick win", "Tom Reid", "Support worker", "S.B."),
]


@pytest.fixture(scope="module")
def new_team(demo_server):
    svc = service_on(demo_server)
    org = svc.providers.organisations()[0]
    team = svc.providers.create_team(LEAD, org.id, "South CMHT (fictional)", "cmht", "South")
    svc.engine.dispose()
    return team


def add_asset(page, kind: str, held_by: str, what: str) -> None:
    form = page.locator(".st-key-asset-add-form")
    choose_option(page, "Kind", kind, within=form)
    form.get_by_label("Held by", exact=True).fill(held_by)
    form.get_by_label("What it is", exact=True).fill(what)
    form.get_by_role("button", name="Add the asset").click()
    wait_for_app(page)
    expect(page.get_by_text("Added asset")).to_be_visible()


def agree_the_others(server, round_id: int, statements: list[str], priorities) -> None:
    """The room's other priorities, written and agreed by both co-leads as the form does."""
    svc = service_on(server)
    for sid, (title, timescale, staff, role, initials) in zip(statements, priorities, strict=True):
        plan = svc.trip.create_trip_priority(LEAD, round_id, sid)
        content = PlanContent(
            title=title, timescale=TIMESCALES[timescale], staff_lead=Lead(name=staff, role=role),
            person_lead_initials=initials, next_review_on=TODAY + timedelta(days=60),
            actions=(Action(key="", what=f"Agree the first step for: {title}",
                            who=f"{initials} and {role.lower()}",
                            by_when=TODAY + timedelta(days=30)),),
        )  # fmt: skip
        plan = svc.versions.save_plan(LEAD, plan.id, plan.version, content)
        svc.versions.agree_trip_priority(
            LEAD, plan.id, plan.version, agreed_on=TODAY,
            staff_lead_agrees=True, person_lead_agrees=True,
        )  # fmt: skip
    svc.engine.dispose()


def test_a_team_runs_a_whole_trip_in_the_browser(demo_server, new_team, page):
    team = new_team
    page.goto(f"{demo_server.url}/trip?org={team.organisation_id}&team={team.id}&part=assets")
    wait_for_app(page)
    sign_in(page)
    add_asset(
        page, "Hidden talents", "Support worker", "Plays guitar and could start a music group"
    )
    add_asset(page, "Lived experience", "J.K.", "Knows the waiting room from the other side")
    page.get_by_label("Search the assets").fill("guitar")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 of 2 assets match 'guitar'.")).to_be_visible()
    shot(page, "30-trip-assets")

    part(page, "2 · Benchmarks")
    page.get_by_label("People using services", exact=True).fill("4")
    page.get_by_label("Clinical and practitioner staff", exact=True).fill("6")
    page.get_by_role("button", name="Start the round").click()
    expect(page).to_have_url(re.compile(r"/trip-benchmarks\?round=\d+"))
    wait_for_app(page)
    round_id = int(re.search(r"round=(\d+)", page.url).group(1))

    svc = service_on(demo_server)
    _, bset = svc.trip.trip_round(round_id)
    svc.engine.dispose()
    number = 0
    for index, group in enumerate(bset.groups):
        expect(heading(page, index + 1)).to_be_visible()
        wait_for_app(page)  # the values follow the heading a moment later
        for place in range(len(group.statements)):
            number += 1
            answer(page, place).get_by_role(
                "radio", name=ANSWERS[number % len(ANSWERS)], exact=True
            ).click()
            if number in IDEAS:
                words(page, place, "next").fill(IDEAS[number])
            if number == 1:
                words(page, place, "proud").fill(
                    "We ask what matters to people before anything else"
                )
        if index == 0:
            shot(page, "31-trip-conversation")
        last = index == len(bset.groups) - 1
        button(page, "Save" if last else "Next").click()
        expect(saved_note(page, index + 1)).to_be_visible()
        wait_for_app(page)
    expect(page.get_by_text(f"{number} of {number} talked through")).to_be_visible()
    shot(page, "32-trip-conversation-done")

    follow(page, "Choose the co-led priorities")
    wait_for_app(page)
    expect(page.get_by_text("Choose 3 more")).to_be_visible()
    shot(page, "33-trip-choose-priorities")
    chosen = [bset.statements[n - 1].id for n in (5, 2, 13, 26)]
    # The form twice, the first time from the list the conversation ends on and the second
    # from the team's priorities; the other two agreed through the service, as the form saves.
    for count, (sid, (title, timescale, staff, role, initials)) in enumerate(
        zip(chosen[:IN_THE_FORM], PRIORITIES, strict=False)
    ):
        if count:
            follow(page, "All the team's TRIP priorities")
            wait_for_app(page)
        page.locator(f".st-key-choose-trip-{round_id}-{sid}- button").click()
        expect(page).to_have_url(re.compile(r"/plan\?plan=\d+"))
        wait_for_app(page)
        page.get_by_label("Title: the change in a few words", exact=True).fill(title)
        page.get_by_test_id("stRadio").get_by_text(timescale, exact=True).click()
        page.get_by_label("Staff co-lead: name").fill(staff)
        page.get_by_label("Staff co-lead: role").fill(role)
        page.get_by_label("Co-lead who uses the service: initials only", exact=True).fill(initials)
        page.get_by_label("What", exact=True).fill(f"Agree the first step for: {title}")
        page.get_by_label("Who", exact=True).fill(f"{initials} and {role.lower()}")
        type_date(page, "By when", TODAY + timedelta(days=30))
        type_date(page, "Next review", TODAY + timedelta(days=60))
        if count == 0:
            choose_option(page, "Assets we will use", "Knows the waiting room")
            page.keyboard.press("Escape")
            shot(page, "34-trip-priority-form")
        page.get_by_role("button", name="Save draft").click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        part(page, "Agree")
        page.get_by_text(f"{staff} (staff co-lead) agrees").click()
        page.get_by_text(f"{initials} (co-lead who uses the service) agrees").click()
        page.get_by_role("button", name="Agree version 1").click()
        wait_for_app(page)
        expect(page.get_by_text("by its co-leads")).to_be_visible()
        if count == 0:
            shot(page, "35-trip-priority-agreed")

    # One review of the priority on screen.
    part(page, "Reviews")
    page.get_by_label(re.compile("^Action 1:")).click()
    page.keyboard.type("Done")  # typing opens the list even if the click only focused it
    expect(page.get_by_role("option", name="✔ Done")).to_be_visible()
    page.keyboard.press("Enter")
    page.get_by_label("What we learned", exact=True).fill(
        "People stop at the corner and ask questions"
    )
    type_date(page, "Next review", TODAY + timedelta(days=90))
    page.get_by_role("button", name="Save the review").click()
    wait_for_app(page)
    expect(page.get_by_text("Review saved.")).to_be_visible()
    shot(page, "36-trip-review")

    agree_the_others(demo_server, round_id, chosen[IN_THE_FORM:], PRIORITIES[IN_THE_FORM:])
    follow(page, "All the team's TRIP priorities")
    wait_for_app(page)
    expect(
        page.get_by_role("heading", name=re.compile("Co-led priorities: 4 open"))
    ).to_be_visible()
    expect(page.get_by_text("Choose 3 more")).to_have_count(0)
    shot(page, "37-trip-priorities", full_page=True)

    follow(page, "The team's TRIP summary")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="How the answers are spread")).to_be_visible()
    shot(page, "38-trip-summary")
    page.get_by_role("heading", name="Priorities").scroll_into_view_if_needed()
    shot(page, "39-trip-summary-priorities")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert not re.search(r"\b(score|average|mean)\b", body.replace("never a score", ""), re.I)

    svc = service_on(demo_server)
    plans = svc.trip.trip_priorities(team.id)
    assert sorted(p.latest.content.title for p in plans) == sorted(p[0] for p in PRIORITIES)
    assert all(p.latest.signed and p.latest.content.person_lead_initials for p in plans)
    assert sum(len(svc.reviews.reviews(p.id)) for p in plans) == 1
    talked = svc.trip.trip_ratings(round_id).values()
    assert all(r.rating.talked_through for r in talked)
    svc.engine.dispose()
