"""Live votes from the room's phones in Chromium, on a server where people sign in: three
phone-sized browsers (360x740) vote through the real page without signing in; the facilitator
closes the vote (through the service, at this milestone) and the tallies are in the round's
group views; a fourth phone with the closed code is told plainly, and the app itself still
shows nobody anything before a sign-in."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from tests.e2e.conftest import AppServer, service_on, shot

pytestmark = pytest.mark.e2e

BY = Actor("Command line", "Administrator")
CHALLENGE = "c03-education-centre"
PHONES = [  # (group label, answer label, group id)
    ("People using services", "Stage 1: Engagement", "people-using-services"),
    ("People using services", "Stage 2: Development", "people-using-services"),
    ("Carers, family and friends", "Not sure", "carers-family"),
]


@pytest.fixture
def signed_in_server(tmp_path):
    """A server whose store has an account, so that the app asks everyone to sign in."""
    server = AppServer(tmp_path)
    svc = service_on(server)
    svc.accounts.create_account(BY, "sam", "Sam Okafor", "facilitator",
                                "correct horse battery staple")  # fmt: skip
    org = svc.providers.create_organisation(BY, "Lakeside Demo Trust", "trust")
    round_ = svc.workshop.create_round(
        BY, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 20),
        facilitator="Sam Okafor", completers={"recovery_lead": "Recovery lead"},
    )  # fmt: skip
    svc.engine.dispose()
    server.start()
    server.round_id = round_.id
    yield server
    server.stop()


def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_three_phones_vote_the_close_lands_in_the_group_views_and_a_late_phone_is_told(
    browser, signed_in_server
):
    server = signed_in_server
    svc = service_on(server)
    vote = svc.votes.open_vote(BY, server.round_id, CHALLENGE)
    contexts = []
    try:
        for n, (group, answer, _) in enumerate(PHONES):
            context, page = phone(browser)
            contexts.append(context)
            page.goto(f"{server.url}/vote?code={vote.code}")
            expect(page.locator("#question")).to_contain_text("Voting on Challenge 3")
            page.get_by_label(group).check()
            page.get_by_label(answer).check()
            page.get_by_role("button", name="Send my vote").click()
            status = page.get_by_role("status")
            expect(status).to_contain_text(f"Stored: {answer.split(':')[0]} for {group}")
            if n == 0:  # the first phone changes its mind: changed, not counted twice
                page.get_by_label("Stage 3: Transformation").check()
                page.get_by_role("button", name="Send my vote").click()
                expect(status).to_contain_text("Changed: Stage 3")
                shot(page, "live-vote-phone-360", full_page=True)
        assert svc.votes.tallies(vote.id).voters == 3

        record = svc.votes.close_vote(BY, vote.id, svc.votes.question(vote.id).version)

        users, carers = record.answer.view(PHONES[0][2]), record.answer.view(PHONES[2][2])
        assert (users.stage_1, users.stage_2, users.stage_3, users.not_sure) == (0, 1, 1, 0)
        assert (carers.not_sure, sum(carers.counts.values())) == (1, 1)
        assert users.note.startswith("Counted by phone vote")
        stored = svc.workshop.challenge_record(server.round_id, CHALLENGE).answer
        assert stored.view(PHONES[0][2]) == users

        context, late = phone(browser)
        contexts.append(context)
        late.goto(f"{server.url}/vote?code={vote.code}")
        late.get_by_label("Peer workers").check()
        late.get_by_label("Stage 2: Development").check()
        late.get_by_role("button", name="Send my vote").click()
        expect(late.get_by_role("status")).to_contain_text(
            "This vote has closed, so your vote was not stored"
        )
        shot(late, "live-vote-phone-closed")
        assert svc.votes.tallies(vote.id).voters == 3

        # Sign-in is on: the app shows a phone nothing but the sign-in form.
        late.goto(server.url)
        expect(late.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(late.get_by_text("Lakeside Demo Trust")).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
        svc.engine.dispose()
