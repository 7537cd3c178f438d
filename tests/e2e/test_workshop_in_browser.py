"""A whole Template A in real Chromium at projector size (1024x768), partly by keyboard; two
tabs saving the same challenge; and a server killed mid-workshop. Screenshots go to
the artifacts folder (tests/artifacts.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from tests.e2e.conftest import AppServer, follow, service_on, shot, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

LEAD = Actor("Sam Okafor", "Facilitator")
PRESENT = {"people-using-services": 6, "carers-family": 3, "clinical-staff": 8}


def new_round(server: AppServer, name: str) -> int:
    svc = service_on(server)
    org = svc.providers.create_organisation(LEAD, f"{name} (fictional)")
    made = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants=PRESENT,
    )  # fmt: skip
    svc.engine.dispose()
    return made.id


def open_workshop(page, server: AppServer, round_id: int, name: str = "Sam Okafor") -> None:
    page.goto(f"{server.url}/workshop?round={round_id}")
    wait_for_app(page)
    sign_in(page, name)


def saved_note(page, number: int):
    """The "Saved" line under the form (a toast says the same for a moment)."""
    return page.get_by_test_id("stAlertContentSuccess").get_by_text(f"Saved challenge {number}")


def heading(page, number: int):
    return page.get_by_role("heading", name=re.compile(rf"^{number}\. "))


def choose_stage(page, label: str) -> None:
    """Click a decision button, and wait until the screen says it was taken."""
    page.get_by_role("button", name=re.compile(f"^{re.escape(label)}")).click()
    if label == "Not agreed":
        expect(page.get_by_text("Not agreed: the room could not agree a stage")).to_be_visible()
    else:
        expect(agreed_button(page, label)).to_be_visible()
    wait_for_app(page)


def agreed_button(page, label: str):
    return page.get_by_role("button", name=re.compile(f"^✓ Agreed: {re.escape(label)}"))


def choose_priority(page, rank: int) -> None:
    page.get_by_label("Priority for action (1 is the highest)", exact=True).click()
    page.keyboard.type(str(rank))
    expect(page.get_by_role("option", name=str(rank), exact=True)).to_be_visible()
    page.keyboard.press("Enter")  # the first match, highlighted: steadier than a click


STAGES = ["Stage 1 · Engagement", "Stage 2 · Development", "Stage 3 · Transformation"]


def test_a_whole_template_a_partly_by_keyboard(page, app_server):
    round_id = new_round(app_server, "Westbrook Demo Trust")
    open_workshop(page, app_server, round_id)
    expect(heading(page, 1)).to_be_visible()
    shot(page, "10-workshop-challenge-1")

    plan = {  # challenge number: (stage or "Not agreed", priority)
        1: (1, None), 2: (2, None), 3: (1, 1), 4: (1, 2), 5: (2, 3),
        6: ("Not agreed", None), 7: (2, 4), 8: (1, 5), 9: (3, None), 10: (2, None),
    }  # fmt: skip
    for number, (stage, priority) in plan.items():
        expect(heading(page, number)).to_be_visible()
        wait_for_app(page)  # the last challenge's inputs are gone once the run has finished
        page.get_by_label("People using services: Stage 1").fill(str(number % 4 + 1))
        page.get_by_label("Clinical and practitioner staff: Stage 2").fill(str(number % 3 + 2))
        if stage == "Not agreed":
            choose_stage(page, "Not agreed")
            page.get_by_role("textbox", name="If not agreed: where views differ, and why").fill(
                "Staff see stage 2; people using services see stage 1"
            )
        else:
            choose_stage(page, STAGES[stage - 1])
        if priority:
            choose_priority(page, priority)
        if number == 2:
            page.get_by_role("textbox", name="Comments").fill("Training reaches some teams only")
            page.get_by_role("textbox", name="Comments").scroll_into_view_if_needed()
            shot(page, "11-workshop-agreement-typed")
        if number == 10:
            page.get_by_role("button", name=re.compile(r"\bSave\b")).click()
            expect(saved_note(page, 10)).to_be_visible()
        elif number % 2:  # odd challenges move on by keyboard: the right arrow saves and moves
            heading(page, number).click()  # leave the inputs, so the key reaches the app
            page.keyboard.press("ArrowRight")
        else:
            page.get_by_role("button", name=re.compile(r"\bNext\b")).click()
        if number == 5:
            expect(heading(page, 6)).to_be_visible()
            expect(saved_note(page, 5)).to_be_visible()
            saved_note(page, 5).scroll_into_view_if_needed()
            shot(page, "12-workshop-saved-and-moved-on")
    expect(page.get_by_text("10 of 10 decided")).to_be_visible()
    wait_for_app(page)
    page.get_by_text("Views counted").scroll_into_view_if_needed()
    shot(page, "13-workshop-views-counted")

    records = service_on(app_server).workshop.challenge_records(round_id)
    assert all(r.answer.decided for r in records.values())
    assert records["c06-risk"].answer.not_agreed
    assert [records[c].answer.priority for c in records][:5] == [None, None, 1, 2, 3]
    assert records["c02-education"].answer.comments == "Training reaches some teams only"
    assert records["c09-staff-support"].answer.view("clinical-staff").stage_2 == 2

    follow(page, "See the Template A summary")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Template A summary")).to_be_visible()
    expect(page.get_by_text("not among the top")).to_have_count(0)  # 3 and 4 are ranked 1, 2
    shot(page, "14-summary-table")
    page.get_by_text("Agreed stages").first.scroll_into_view_if_needed()
    page.mouse.wheel(0, 500)
    shot(page, "15-summary-agreed-stages")


def test_a_second_tab_saving_the_same_challenge_is_refused_with_both_values(browser, app_server):
    round_id = new_round(app_server, "Eastmoor Demo Trust")
    tabs = []
    for name in ("Sam Okafor", "Jo Reyes"):
        context = browser.new_context(viewport={"width": 1024, "height": 768})
        tab = context.new_page()
        tab.goto(f"{app_server.url}/workshop?round={round_id}&challenge=c04-leadership")
        wait_for_app(tab)
        sign_in(tab, name)
        expect(heading(tab, 4)).to_be_visible()
        tabs.append(tab)
    first, second = tabs

    choose_stage(first, STAGES[1])
    first.get_by_role("button", name=re.compile(r"\bSave\b")).click()
    expect(saved_note(first, 4)).to_be_visible()
    choose_stage(second, STAGES[2])
    second.get_by_role("button", name=re.compile(r"\bSave\b")).click()

    refusal = second.get_by_text(
        re.compile("Not saved: Sam Okafor \\(Facilitator\\) saved challenge 4")
    )
    expect(refusal).to_be_visible()
    refusal.scroll_into_view_if_needed()
    shot(second, "16-workshop-second-tab-refused")
    record = service_on(app_server).workshop.challenge_record(round_id, "c04-leadership")
    assert record.answer.agreed_stage == 2
    for tab in tabs:
        tab.context.close()


def test_a_server_killed_mid_workshop_keeps_everything_submitted(page, tmp_path):
    server = AppServer(tmp_path)
    server.start()
    try:
        round_id = new_round(server, "Southgate Demo Trust")
        open_workshop(page, server, round_id)
        for number, stage in ((1, 2), (2, 1)):
            expect(heading(page, number)).to_be_visible()
            wait_for_app(page)
            choose_stage(page, STAGES[stage - 1])
            page.get_by_role("button", name=re.compile(r"\bNext\b")).click()
        expect(heading(page, 3)).to_be_visible()
        expect(page).to_have_url(re.compile(r"challenge=c03-education-centre"))

        server.kill()
        server.start()
        page.reload()
        wait_for_app(page)
        # A new session after the restart: who is recording is kept in the address.
        expect(page.get_by_text("Recording as Sam Okafor")).to_be_visible()

        expect(heading(page, 3)).to_be_visible()
        expect(page.get_by_text("2 of 10 decided")).to_be_visible()
        expect(page.get_by_role("link", name="Home")).to_be_visible()  # the app's own navigation
        shot(page, "17-workshop-after-server-restart")
        records = service_on(server).workshop.challenge_records(round_id)
        assert [records[c].answer.agreed_stage for c in list(records)[:3]] == [2, 1, None]
    finally:
        server.stop()


def test_a_deep_link_on_a_freshly_started_server_opens_that_page_in_the_apps_navigation(
    browser, tmp_path
):
    """The first request a new server ever gets is a facilitator's saved link: it opens the
    workshop at that round and challenge, inside the app's own navigation and set-up, with no
    "Page not found" over it (the server's first run was the app's own: first_request.py)."""
    server = AppServer(tmp_path)
    round_id = new_round(server, "Eastbrook Demo Trust")
    server.start()
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/workshop?round={round_id}&challenge=c04-leadership")
        wait_for_app(page)
        sign_in(page, "Sam Okafor")
        expect(heading(page, 4)).to_be_visible()
        expect(page.get_by_text("Eastbrook Demo Trust (fictional)").first).to_be_visible()
        expect(page.get_by_role("link", name="Home")).to_be_visible()  # the app's navigation
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page).to_have_url(re.compile(rf"/workshop\?round={round_id}&challenge=c04"))
        shot(page, "18-deep-link-on-a-fresh-server")
    finally:
        context.close()
        server.stop()


def stored(server: AppServer, round_id: int) -> dict:
    """Every challenge's record and version, and the audit log's length: what a move that
    changes nothing must leave exactly as it was."""
    svc = service_on(server)
    found = {c: (r.answer, r.version) for c, r in svc.workshop.challenge_records(round_id).items()}
    found["audit entries"] = len(svc.history("challenge"))
    svc.engine.dispose()
    return found


def scrolled(page) -> float:
    """How far the page is scrolled down, in the window or Streamlit's own scroll box."""
    return page.evaluate(
        "Math.max(window.scrollY, ...[...document.querySelectorAll("
        "'[data-testid=stMain],[data-testid=stAppViewContainer]')].map(e => e.scrollTop))"
    )


def next_button(page):
    return page.get_by_role("button", name=re.compile(r"^Next\b"))


def previous_button(page):
    return page.get_by_role("button", name=re.compile(r"^Previous\b"))


def expect_challenge_1_as_typed(page) -> None:
    expect(heading(page, 1)).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_label("People using services: Stage 1")).to_have_value("4")
    expect(page.get_by_label("Clinical and practitioner staff: Stage 2")).to_have_value("5")
    expect(agreed_button(page, STAGES[1])).to_be_visible()
    expect(page.get_by_role("textbox", name="Comments")).to_have_value("Pilots in two wards")
    expect(page.get_by_role("textbox", name="Evidence")).to_have_value("Audit, May 2026")
    expect(page.get_by_role("combobox", name="Priority for action")).to_have_value("3")


def test_fill_next_previous_shows_what_was_saved_and_moving_again_writes_nothing(page, app_server):
    round_id = new_round(app_server, "Fairfield Demo Trust")
    open_workshop(page, app_server, round_id)
    expect(heading(page, 1)).to_be_visible()
    page.get_by_label("People using services: Stage 1").fill("4")
    page.get_by_label("Clinical and practitioner staff: Stage 2").fill("5")
    page.keyboard.press("Tab")
    choose_stage(page, STAGES[1])
    choose_priority(page, 3)
    page.get_by_role("textbox", name="Comments").fill("Pilots in two wards")
    page.get_by_role("textbox", name="Evidence").fill("Audit, May 2026")
    next_button(page).click()
    expect(heading(page, 2)).to_be_visible()
    expect(saved_note(page, 1)).to_be_visible()
    after_first_save = stored(app_server, round_id)
    first = after_first_save["c01-interactions"][0]
    assert (first.agreed_stage, first.priority, first.comments) == (2, 3, "Pilots in two wards")

    previous_button(page).click()  # back: the form shows what was saved, not blanks
    expect_challenge_1_as_typed(page)
    shot(page, "18-workshop-back-shows-what-was-saved")
    next_button(page).click()  # and on again with nothing changed: nothing is written
    expect(heading(page, 2)).to_be_visible()
    wait_for_app(page)
    assert stored(app_server, round_id) == after_first_save

    page.get_by_role("radio", name=re.compile(r"^Challenge 1,")).click()  # the strip, too
    expect_challenge_1_as_typed(page)
    page.reload()  # a refresh resumes on the same challenge, with the same values
    wait_for_app(page)
    expect_challenge_1_as_typed(page)
    expect(page.get_by_label("Your name")).to_have_count(0)  # and does not ask the name again
    next_button(page).click()
    expect(heading(page, 2)).to_be_visible()
    wait_for_app(page)
    assert stored(app_server, round_id) == after_first_save


def test_typing_left_by_the_top_bar_is_saved_before_the_page_changes(page, app_server):
    round_id = new_round(app_server, "Kingsway Demo Trust")
    open_workshop(page, app_server, round_id)
    expect(heading(page, 1)).to_be_visible()
    page.get_by_role("textbox", name="Comments").fill("Said before the break")
    page.get_by_role("link", name="Home").click()  # leaves with the comment not yet sent
    expect(page.get_by_role("heading", name=re.compile("Start here"))).to_be_visible()
    record = service_on(app_server).workshop.challenge_record(round_id, "c01-interactions")
    assert record.answer.comments == "Said before the break"

    page.go_back()  # the browser's back button: the same challenge, as saved
    wait_for_app(page)
    expect(heading(page, 1)).to_be_visible()
    expect(page.get_by_role("textbox", name="Comments")).to_have_value("Said before the break")


@pytest.mark.parametrize(
    "framework",
    ["imroc-challenges@2010", "imroc-challenges@2018", "imroc-challenges@2018-adapted"],
)
def test_the_presentation_view_fits_a_projector_without_scrolling(page, app_server, framework):
    svc = service_on(app_server)
    org = svc.providers.create_organisation(LEAD, f"Projector {framework} Demo Trust (fictional)")
    made = svc.workshop.create_round(
        LEAD, org.id, framework=framework, held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants=PRESENT,
    )  # fmt: skip
    ids = [c.id for c in svc.definitions.framework(framework).challenges]
    svc.engine.dispose()
    open_workshop(page, app_server, made.id)
    page.get_by_role("button", name=re.compile(r"^Presentation view")).click()
    expect(page).to_have_url(re.compile(r"view=room"))  # the run has begun
    wait_for_app(page)  # and is over: the full form's title is gone
    for number, cid in enumerate(ids, start=1):
        if number > 1:
            next_button(page).click()
        expect(heading(page, number)).to_be_visible()
        wait_for_app(page)
        if number == 2:
            choose_stage(page, "Stage 3")
        in_view = [
            heading(page, number),
            *[page.locator(f".stage-card.stage-{n}") for n in (1, 2, 3)],
            page.get_by_text("Views counted"),
            page.get_by_role("button", name=re.compile(r"^Not agreed")),
            page.get_by_label("Priority for action (1 is the highest)", exact=True),
            previous_button(page),
        ] + ([next_button(page)] if number < len(ids) else [])
        if framework.endswith("-adapted") and number in (3, 6, 9, 10):
            in_view.append(page.get_by_text("Stage wording adapted by this tool"))
        for element in in_view:  # wholly on the 1024x768 screen
            expect(element).to_be_in_viewport(ratio=1)
        sizes = page.locator(".stage-card .text").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 24, (cid, sizes)
        assert scrolled(page) == 0
        if number in (1, 2, 10) or (framework.endswith("-adapted") and number in (3, 6)):
            shot(page, f"19-presentation-{framework.split('@')[1]}-challenge-{number}")
    expect(page.get_by_role("link", name="Home")).to_have_count(0)  # no navigation chrome
    page.reload()  # the view is in the URL
    wait_for_app(page)
    expect(page.get_by_role("button", name=re.compile("^Leave presentation view"))).to_be_visible()
