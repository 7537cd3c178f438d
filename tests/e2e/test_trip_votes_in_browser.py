"""A phone vote on a TRIP statement in real Chromium: the TRIP conversation's presentation view
(1024x768) opens a vote on statement 1 from its menu; two phone-sized browsers (360x740) see the
statement's words and the TRIP answers and vote (three more phones vote through the service);
the projected count changes with no click; the facilitator shows the results and closes; the
statement then shows the ballot's line, and its rating is the one the room recorded."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.trip import Rating
from tests.e2e.conftest import service_on, shot, sign_in, wait_for_app
from tests.e2e.trip_helpers import button, chosen, heading

pytestmark = pytest.mark.e2e

LEAD = Actor("Sam Okafor", "Facilitator")
STAFF = "Clinical and practitioner staff"
SAID = Rating("partly", proud="Hopes asked at the first meeting")


@pytest.fixture(scope="module")
def trip_server(app_server, browser):
    """The server, its first session spent on the home page (as test_trip_form_in_browser's)."""
    context = browser.new_context()
    home = context.new_page()
    home.goto(app_server.url)
    expect(home.get_by_role("heading", name="Recovery self-assessment and TRIP")).to_be_visible()
    context.close()
    return app_server


@pytest.fixture
def trip_round(trip_server):
    svc = service_on(trip_server)
    org = svc.providers.create_organisation(LEAD, "Votes Demo Trust (fictional)")
    team = svc.providers.create_team(LEAD, org.id, "West CMHT (fictional)", "cmht", "West")
    made = svc.trip.create_trip_round(
        LEAD, team.id, held_on=date(2026, 11, 2), facilitator="Sam Okafor", status="agreed",
        participants={"clinical-staff": 6},
    )  # fmt: skip
    first = svc.trip.trip_round(made.id)[1].statements[0]
    version = svc.trip.trip_ratings(made.id)[first.id].version
    svc.trip.save_rating(LEAD, made.id, first.id, version, SAID)
    svc.engine.dispose()
    return made.id, first


def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_a_statement_vote_from_the_presentation_view_to_the_statements_record(
    page, browser, trip_server, trip_round
):
    round_id, statement = trip_round
    page.goto(f"{trip_server.url}/trip-benchmarks?round={round_id}")
    wait_for_app(page)
    sign_in(page)
    expect(heading(page, 1)).to_be_visible()
    button(page, "Presentation view").click()
    expect(page).to_have_url(re.compile(r"view=room"))
    wait_for_app(page)
    shot(page, "trip-vote-01-room-before")

    page.get_by_role("button", name="Vote on a statement").click()
    page.get_by_role("button", name="Vote on statement 1").click()
    wait_for_app(page)
    code = page.locator(".vote-code").inner_text()
    count = page.locator(".st-key-live-vote")
    expect(count).to_contain_text("0 votes in")
    shot(page, "trip-vote-02-room-open")

    contexts = []
    try:
        for n, (answer, said) in enumerate([("Started", "Stored"), ("Not yet", "Stored")]):
            context, mobile = phone(browser)
            contexts.append(context)
            mobile.goto(f"{trip_server.url}/vote?code={code}")
            expect(mobile.locator("#question")).to_contain_text(
                f"Voting on Statement 1: {statement.text}"
            )
            expect(mobile.locator("#ask")).to_have_text(
                "How far has the team got with this statement?"
            )
            expect(mobile.get_by_label(re.compile(r"^Stage 1"))).to_have_count(0)
            expect(mobile.locator("#priority-field")).to_be_hidden()
            mobile.get_by_label(STAFF).check()
            mobile.get_by_label(re.compile(rf"^{answer}\b")).check()
            mobile.get_by_role("button", name="Send my vote").click()
            expect(mobile.get_by_role("status")).to_contain_text(f"{said}: {answer} for {STAFF}")
            expect(count).to_contain_text(f"{n + 1} vote{'s' if n else ''} in")  # no click
            if n == 0:
                shot(mobile, "trip-vote-03-phone-360", full_page=True)
        svc = service_on(trip_server)
        for n in range(3):
            svc.votes.cast(code, f"phone-token-e2e-{n:04d}", "clinical-staff", "started")
        expect(count).to_contain_text("5 votes in")

        page.get_by_role("button", name="Show the results").click()
        wait_for_app(page)
        expect(count).to_contain_text("5 voters")
        expect(count.locator(".vote-grid .head")).to_have_text(
            ["Group", "Not yet", "Started", "Partly", "Mostly", "Fully", "Not sure"]
        )
        shot(page, "trip-vote-04-room-results")

        page.get_by_role("button", name="Close the vote").click()
        wait_for_app(page)
        line = f"Phone vote (code {code}, vote 1): {STAFF} (5): Not yet 1, Started 4"
        expect(page.get_by_text(line)).to_be_visible()
        expect(chosen(page, 0)).to_have_text(["Partly"])  # the room's rating, untouched
        shot(page, "trip-vote-05-room-closed")
        ratings = svc.trip.trip_ratings(round_id)
        assert ratings[statement.id].rating == SAID
        assert svc.votes.closed_lines(svc.votes.questions(round_id)[0].id) == [line]

        button(page, "Leave presentation view").click()
        expect(page).not_to_have_url(re.compile(r"view=room"))
        wait_for_app(page)
        page.get_by_role("button", name="Vote again on this statement").scroll_into_view_if_needed()
        expect(page.get_by_text(line)).to_be_visible()
        shot(page, "trip-vote-06-form-closed")

        late = contexts[0].pages[0]
        late.get_by_role("button", name="Send my vote").click()
        expect(late.get_by_role("status")).to_contain_text("This vote has closed")
        svc.engine.dispose()
    finally:
        for context in contexts:
            context.close()
