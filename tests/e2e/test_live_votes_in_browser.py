"""Live votes from the room's phones in Chromium, on a server where people sign in: the
facilitator, signed in on a projector-sized screen (1024x768), opens the vote from the
presentation view; three phone-sized browsers (360x740) read the address off that screen and
vote through the real page without signing in; the projected count changes with no click;
typing in the form meanwhile is kept; the facilitator shows the results and closes the vote
through the page, the tallies land in the form's fields and the round's group views, and the
room still records "not agreed" and why; a fourth phone with the closed code is told plainly,
and the app itself still shows a phone nothing before a sign-in."""

from __future__ import annotations

import secrets
import time
from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.accounts import Scope
from tests.e2e.conftest import AppServer, service_on, shot, wait_for_app

pytestmark = pytest.mark.e2e

BY = Actor("Command line", "Administrator")
PASSWORD = "correct horse battery staple"
CHALLENGE = "c03-education-centre"
PHONES = [  # (group label, answer label, group id)
    ("People using services", "Stage 1: Engagement", "people-using-services"),
    ("People using services", "Stage 2: Development", "people-using-services"),
    ("Carers, family and friends", "Not sure", "carers-family"),
]
STAFF = "clinical-staff"  # six more votes, cast as the rest of the room, so a group shows bars


@pytest.fixture
def signed_in_server(tmp_path, monkeypatch):
    """A server whose store has an account, so that the app asks everyone to sign in; its
    address for phones is set as a deployment would set it."""
    server = AppServer(tmp_path)
    monkeypatch.setenv("RECOVERY_PUBLIC_URL", server.url)
    svc = service_on(server)
    org = svc.providers.create_organisation(BY, "Lakeside Demo Trust", "trust")
    svc.accounts.create_account(BY, "sam", "Sam Okafor", "facilitator", PASSWORD, [Scope(org.id)])
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


def projector(browser, server):
    """The facilitator's screen on the projector, signed in, on the challenge's presentation
    view."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    room = context.new_page()
    room.set_default_timeout(30_000)
    room.goto(f"{server.url}/workshop?round={server.round_id}&challenge={CHALLENGE}&view=room")
    wait_for_app(room)
    room.get_by_label("Username").fill("sam")
    room.get_by_label("Password", exact=True).fill(PASSWORD)
    room.get_by_role("button", name="Sign in").click()
    wait_for_app(room)
    expect(room.locator("#challenge")).to_contain_text("3. ")
    return context, room


def scrolled(page) -> int:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m.scrollHeight - m.clientHeight; }"
    )


def test_the_room_votes_by_phone_sees_it_live_and_the_facilitator_closes_it_into_the_views(
    browser, signed_in_server
):
    server = signed_in_server
    svc = service_on(server)
    room_context, room = projector(browser, server)
    contexts = [room_context]
    try:
        expect(room.get_by_text("Views counted")).to_be_in_viewport(ratio=1)
        assert scrolled(room) == 0  # no vote open: the challenge fits the screen as before
        shot(room, "live-vote-01-projector-before")

        room.get_by_role("button", name="Open a phone vote").click()
        live = room.locator(".st-key-live-vote")
        expect(live).to_contain_text("0 votes in")
        wait_for_app(room)
        code = room.locator(".vote-code").inner_text()
        address = room.locator(".vote-address").inner_text()
        assert address == f"{server.url.split('://')[1]}/vote?code={code}"
        for part in (room.locator(".vote-code"), room.locator(".vote-qr-box svg"), live):
            expect(part).to_be_in_viewport(ratio=1)
        assert float(room.locator(".vote-code").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")) >= 80  # fmt: skip
        shot(room, "live-vote-02-projector-open")

        waits = []
        for n, (group, answer, _) in enumerate(PHONES, start=1):
            context, page = phone(browser)
            contexts.append(context)
            page.goto(f"http://{address}")  # as typed from the projected screen
            expect(page.locator("#question")).to_contain_text("Voting on Challenge 3")
            page.get_by_label(group).check()
            page.get_by_label(answer).check()
            page.get_by_role("button", name="Send my vote").click()
            status = page.get_by_role("status")
            expect(status).to_contain_text(f"Stored: {answer.split(':')[0]} for {group}")
            stored_at = time.monotonic()
            # No click on the projector: its count changes by itself.
            expect(live).to_contain_text(f"{n} vote{'s' if n > 1 else ''} in", timeout=10_000)
            waits.append(time.monotonic() - stored_at)
            if n == 1:  # the first phone changes its mind: changed, not counted twice
                page.get_by_label("Stage 3: Transformation").check()
                page.get_by_role("button", name="Send my vote").click()
                expect(status).to_contain_text("Changed: Stage 3")
                shot(page, "live-vote-03-phone-360", full_page=True)
        print(f"vote stored to shown on the projector: {', '.join(f'{w:.2f} s' for w in waits)}")
        assert max(waits) <= 3.0  # the goal is 1.5 s; a loaded 2-CPU test machine gets slack
        expect(live).to_contain_text("Results are hidden")
        expect(live.locator(".vote-grid")).to_have_count(0)
        shot(room, "live-vote-04-projector-three-in")

        # Typing in the form is not lost while the tally refreshes (and changes) under it.
        room.get_by_role("button", name="Comments").click()
        dissent = room.get_by_role("textbox", name="If not agreed: where views differ, and why")
        dissent.click()
        dissent.press_sequentially("Staff see Stage 2; people who use services see ")
        for answer in ("stage-2", "stage-2", "stage-2", "stage-3", "stage-1", "stage-2"):
            svc.votes.cast(code, secrets.token_urlsafe(16), STAFF, answer)
        expect(live).to_contain_text("9 votes in", timeout=10_000)
        dissent.press_sequentially("Stage 1 to 3.")
        room.wait_for_timeout(2_500)  # two more refreshes
        expect(dissent).to_have_value(
            "Staff see Stage 2; people who use services see Stage 1 to 3."
        )
        room.locator("#challenge").click()  # out of the box, as a person closes the popover

        room.get_by_role("button", name="Show the results").click()
        expect(live.locator(".vote-grid")).to_be_visible()
        expect(live).to_contain_text("9 votes in")
        expect(live).to_contain_text("fewer than 5")  # two small groups, nobody picked out
        expect(live).to_contain_text("6 voters")
        wait_for_app(room)
        shot(room, "live-vote-05-projector-revealed")

        room.get_by_role("button", name="Close the vote").click()
        wait_for_app(room)
        expect(room.get_by_text("Vote closed: the phones' counts are in")).to_be_visible()
        # The small groups' phone votes are named as only that, never added into the line.
        expect(room.get_by_text("Views counted (6)")).to_be_visible()
        expect(room.get_by_text("fewer than 5", exact=False).first).to_be_visible()
        room.get_by_role("button", name="Count the views").click()
        typed = {
            label: room.get_by_label(f"Clinical and practitioner staff: {label}", exact=True)
            for label in ("Stage 1", "Stage 2", "Stage 3", "Not sure")
        }
        for label, count in zip(typed, ("1", "4", "1", "0"), strict=True):
            expect(typed[label]).to_have_value(count)
        # A group of fewer than 5 phones keeps its counts out of sight here too.
        expect(room.get_by_text("voted by phone").first).to_be_visible()
        shot(room, "live-vote-06-projector-closed-counts")
        room.keyboard.press("Escape")

        record = svc.workshop.challenge_record(server.round_id, CHALLENGE)
        users, carers = record.answer.view(PHONES[0][2]), record.answer.view(PHONES[2][2])
        assert (users.stage_1, users.stage_2, users.stage_3, users.not_sure) == (0, 1, 1, 0)
        assert (carers.not_sure, sum(carers.counts.values())) == (1, 1)
        staff = record.answer.view(STAFF)
        assert (staff.stage_1, staff.stage_2, staff.stage_3, staff.not_sure) == (1, 4, 1, 0)
        assert users.note.startswith("Counted by phone vote")

        # The room still records that it did not agree, and why (typed during the vote).
        room.get_by_role("button", name="Not agreed").click()
        room.get_by_role("button", name="Next").click()
        wait_for_app(room)
        shot(room, "live-vote-07-not-agreed-next")
        expect(room.locator("#challenge")).to_contain_text("4. ")
        wait_for_app(room)
        stored = svc.workshop.challenge_record(server.round_id, CHALLENGE).answer
        assert stored.not_agreed and stored.dissent.endswith("see Stage 1 to 3.")
        assert stored.view(PHONES[0][2]) == users

        context, late = phone(browser)
        contexts.append(context)
        # The phone's look at the code, asked as the page opens, answers only after its vote's
        # reply: no look covers the reply to the person's own vote (voting/vote.js).
        looks = []
        late.route("**/api/state*", lambda route: looks.append(route))
        late.goto(f"http://{address}")
        late.get_by_label("Peer workers").check()
        late.get_by_label("Stage 2: Development").check()
        late.get_by_role("button", name="Send my vote").click()
        not_stored = "This vote has closed, so your vote was not stored"
        expect(late.get_by_role("status")).to_contain_text(not_stored)
        assert looks, "the page asked nothing of the code's state"
        for look in looks:
            look.continue_()
        late.unroute("**/api/state*")
        expect(late.locator("#question")).to_contain_text("(this vote has closed)")
        expect(late.get_by_role("status")).to_contain_text(not_stored)
        shot(late, "live-vote-08-phone-closed")
        vote = svc.votes.questions(server.round_id)[0]
        assert svc.votes.tallies(vote.id).voters == 9

        # After discussion, a second vote on the same code, results hidden again.
        room.get_by_role("button", name="Previous").click()
        expect(room.locator("#challenge")).to_contain_text("3. ")
        room.get_by_role("button", name="Vote again by phone").click()
        expect(live).to_contain_text("0 votes in")
        assert room.locator(".vote-code").inner_text() == code
        shot(room, "live-vote-09-projector-second-vote")
        # The address set here is this computer's own: the facilitator is told, out of the
        # room's way, why phones cannot reach it and how to serve on the network.
        room.get_by_role("button", name="Phones cannot reach this address").click()
        expect(room.get_by_text("Phones cannot reach 127.0.0.1")).to_be_visible()
        shot(room, "live-vote-10-projector-advice")
        room.locator("#challenge").click()

        # The full form shows the same vote, beside the tally grid a paper count goes in.
        room.get_by_role("button", name="Leave presentation view").click()
        wait_for_app(room)
        expect(live).to_contain_text("0 votes in")
        expect(room.get_by_text("How each group sees it")).to_be_visible()
        room.get_by_text("How each group sees it").scroll_into_view_if_needed()
        shot(room, "live-vote-11-full-form")
        # Closed from another screen (the facilitator's laptop, say): this one follows by itself.
        second = svc.votes.questions(server.round_id)[0]
        svc.votes.close_vote(BY, second.id, second.version)
        expect(room.get_by_role("button", name="Vote again by phone")).to_be_visible()
        expect(live).to_have_count(0)

        # Sign-in is on: the app shows a phone nothing but the sign-in form.
        late.goto(server.url)
        expect(late.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(late.get_by_text("Lakeside Demo Trust")).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
        svc.engine.dispose()
