"""Small groups of a phone vote in real Chromium at 1024x768: after 2 carers and 5 people who
use services voted by phone on challenge 4, the Template A summary's spread of views says the
carers were "fewer than 5 (by phone)" and counts only the 5, and the workshop's tally line
names them as that; 2 carers counted by hand on challenge 1 stay exact."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.records import Actor, Answer, GroupView
from tests.e2e.conftest import service_on, shot, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

LEAD = Actor("Sam Okafor", "Facilitator")
VOTED, COUNTED = "c04-leadership", "c01-interactions"
USERS, CARERS = "people-using-services", "carers-family"


@pytest.fixture(scope="module")
def round_id(app_server) -> int:
    svc = service_on(app_server)
    org = svc.providers.create_organisation(LEAD, "Phone vote Trust (fictional)")
    made = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants={USERS: 6, CARERS: 4},
    )  # fmt: skip
    vote = svc.votes.open_vote(LEAD, made.id, VOTED)
    for n, answer in enumerate(["stage-1", "stage-2"]):
        svc.votes.cast(vote.code, f"phone-token-{n:08d}", CARERS, answer)
    for n in range(5):
        svc.votes.cast(vote.code, f"phone-token-{10 + n:08d}", USERS, "stage-3")
    svc.votes.close_vote(LEAD, vote.id, vote.version)
    record = svc.workshop.challenge_record(made.id, COUNTED)
    hands = Answer(views=(GroupView(CARERS, stage_1=1, stage_2=1, note="Hands"),))
    svc.workshop.save_challenge(LEAD, made.id, COUNTED, hands, record.version)
    svc.engine.dispose()
    return made.id


def test_the_summary_says_fewer_than_5_for_the_carers_phone_vote(page, app_server, round_id):
    page.goto(f"{app_server.url}/summary?round={round_id}")
    wait_for_app(page)
    page.get_by_role("tab", name="Spread of views").click()
    hidden = page.get_by_text("Voted by phone, fewer than 5 in the group")
    hidden.scroll_into_view_if_needed()
    expect(hidden).to_be_visible()
    table = page.get_by_test_id("stTable").last
    expect(table).to_contain_text("Carers, family and friends")
    expect(table).to_contain_text("fewer than 5 (by phone)")
    shot(page, "small-phone-votes-01-summary-spread")


def test_the_workshops_tally_line_names_them_as_fewer_than_5(page, app_server, round_id):
    page.goto(f"{app_server.url}/workshop?round={round_id}&challenge={VOTED}")
    wait_for_app(page)
    sign_in(page)
    line = page.get_by_test_id("stMarkdownContainer").filter(
        has_text="Views counted (5 of 10 people here)"
    )
    line.scroll_into_view_if_needed()
    expect(line).to_contain_text("Stage 3: 5")
    expect(line).to_contain_text("Carers, family and friends: fewer than 5 voted by phone")
    # The grid: the 5's counts in their fields, the carers' row only "fewer than 5".
    expect(page.get_by_label("People using services: Stage 3")).to_have_value("5")
    expect(page.get_by_label("Carers, family and friends: Stage 1")).to_be_hidden()
    expect(page.get_by_role("button", name="Type a count of hands")).to_be_visible()
    shot(page, "small-phone-votes-02-workshop-tally-grid")

    page.get_by_role("button", name="Type a count of hands").click()
    wait_for_app(page)
    carers = page.get_by_label("Carers, family and friends: Stage 1")
    expect(carers).to_be_visible()
    expect(carers).to_have_value("0")  # from nothing, never the phones' counts
    shot(page, "small-phone-votes-03-workshop-count-of-hands")
