"""TRIP's benchmarks form in real Chromium: a cache of the store (moving on and back shows what
was saved and writes nothing new), and the presentation view, read from the back of the room."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.trip import Rating
from tests.e2e.conftest import service_on, shot, sign_in, wait_for_app
from tests.e2e.trip_helpers import TODAY, answer, button, chosen, heading, saved_note, words

pytestmark = pytest.mark.e2e


LEAD = Actor("Sam Okafor", "Recovery lead")
# Challenge 1's first four statements, by their place on the screen: an answer, what the team
# is proud of, and what it could do next. The rest of the challenge is left untouched.
FILLED = {
    0: ("Mostly", "We ask about hopes at the first meeting", "Ask again at every review"),
    1: ("Partly", "Story-first assessments in two teams", "Train the rest of the team"),
    2: ("Not yet", "Pharmacist joins some reviews", "A shared decision aid for medication"),
    3: ("Don't know", "Carers' group & peer café each month", "Ask carers what they'd change"),
}
VALUES = {"Not yet": "not-yet", "Don't know": "dont-know"}  # the others: the label in lower case


@pytest.fixture(scope="module")
def trip_server(app_server, browser):
    """The empty-store server, its first session spent on the home page: a server's very first
    session, opened on a page that has no file of its name under pages/ (trip-benchmarks), gets
    Streamlit's "Page not found" dialog over the page it then runs anyway."""
    context = browser.new_context()
    home = context.new_page()
    home.goto(app_server.url)
    expect(home.get_by_role("heading", name="Recovery self-assessment and TRIP")).to_be_visible()
    context.close()
    return app_server


def new_trip_round(server, name: str) -> tuple[int, list[list[str]]]:
    """A TRIP round of a new team, and its statements' ids challenge by challenge."""
    svc = service_on(server)
    org = svc.providers.create_organisation(LEAD, f"{name} Demo Trust (fictional)")
    team = svc.providers.create_team(LEAD, org.id, "North CMHT (fictional)", "cmht", "North")
    made = svc.trip.create_trip_round(
        LEAD, team.id, held_on=TODAY - timedelta(days=1), facilitator="Sam Okafor",
        status="agreed", participants={"clinical-staff": 5, "people-using-services": 4},
    )  # fmt: skip
    _, bset = svc.trip.trip_round(made.id)
    svc.engine.dispose()
    return made.id, [[s.id for s in group.statements] for group in bset.groups]


def open_benchmarks(page, server, round_id: int) -> None:
    page.goto(f"{server.url}/trip-benchmarks?round={round_id}")
    wait_for_app(page)
    sign_in(page)
    expect(heading(page, 1)).to_be_visible()
    wait_for_app(page)


def stored(server, round_id: int) -> dict:
    """Every statement's rating and version, and the audit log's length: what a move that
    changes nothing must leave exactly as it was."""
    svc = service_on(server)
    found = {sid: (r.rating, r.version) for sid, r in svc.trip.trip_ratings(round_id).items()}
    found["audit entries"] = len(svc.history("trip-rating"))
    svc.engine.dispose()
    return found


SCROLLED = (  # how far the page is scrolled down, in the window or Streamlit's own scroll box
    "Math.max(window.scrollY, ...[...document.querySelectorAll("
    "'[data-testid=stMain],[data-testid=stAppViewContainer]')].map(e => e.scrollTop))"
)


def expect_shown(page, filled: dict, places: int) -> None:
    """The screen shows `filled` (place: answer, proud, next), and nothing at the other places
    up to `places`. Read once the run is over: the values follow the heading a moment later."""
    wait_for_app(page)
    for place in range(places):
        label, proud, next_step = filled.get(place, (None, "", ""))
        if label is None:
            expect(chosen(page, place)).to_have_count(0)
        else:
            expect(chosen(page, place)).to_have_text([label])
        expect(words(page, place, "proud")).to_have_value(proud)
        expect(words(page, place, "next")).to_have_value(next_step)


def test_fill_next_previous_shows_what_was_saved_and_moving_again_writes_nothing(page, trip_server):
    round_id, statements = new_trip_round(trip_server, "Ashford")
    first = statements[0]
    open_benchmarks(page, trip_server, round_id)
    for place, (label, proud, next_step) in FILLED.items():
        answer(page, place).get_by_role("radio", name=label, exact=True).click()
        words(page, place, "proud").fill(proud)
        words(page, place, "next").fill(next_step)
    button(page, "Next").click()
    expect(heading(page, 2)).to_be_visible()
    expect(saved_note(page, 1)).to_have_text(re.compile(r"^Saved 4 statement\(s\) of challenge 1"))
    expect_shown(page, {}, len(statements[1]))  # the same widgets, now challenge 2's: blank
    after_save = stored(trip_server, round_id)
    for place, sid in enumerate(first):
        label, proud, next_step = FILLED.get(place, (None, "", ""))
        value = VALUES.get(label, label and label.lower())
        rating = Rating(value, proud=proud, next_step=next_step)
        assert after_save[sid] == (rating, 2 if place in FILLED else 1), place
    assert after_save["audit entries"] == len(FILLED)

    button(page, "Previous").click()  # back: the form shows what was saved, not blanks
    expect(heading(page, 1)).to_be_visible()
    expect_shown(page, FILLED, len(first))
    answer(page, 0).evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, "3x-trip-back-shows-what-was-saved")
    snapshot = stored(trip_server, round_id)
    assert snapshot == after_save
    button(page, "Next").click()  # and on again with nothing changed: nothing is written
    expect(heading(page, 2)).to_be_visible()
    wait_for_app(page)
    expect(saved_note(page, 1)).to_have_count(0)
    assert stored(trip_server, round_id) == snapshot

    page.get_by_role("button", name=re.compile(r"^Challenge 1, 4 of 6")).click()  # the strip
    expect(heading(page, 1)).to_be_visible()
    expect_shown(page, FILLED, len(first))
    page.reload()  # a refresh resumes on the same challenge, with the same values
    wait_for_app(page)
    expect(heading(page, 1)).to_be_visible()
    expect_shown(page, FILLED, len(first))
    expect(page.get_by_label("Your name")).to_have_count(0)  # and does not ask the name again
    button(page, "Next").click()
    expect(heading(page, 2)).to_be_visible()
    wait_for_app(page)
    assert stored(trip_server, round_id) == snapshot


def room_measures(page) -> dict:
    """What the presentation view shows, measured in the page: each statement's type size, how
    each answer's options are drawn, and how far down the statements and the buttons reach."""
    return page.evaluate(
        """() => {
        const bottom = (els) => Math.max(...[...els].map(e => e.getBoundingClientRect().bottom));
        const options = [...document.querySelectorAll('[data-testid=stButtonGroup] button')];
        return {
          statements: [...document.querySelectorAll('.statement.room')]
            .map(e => parseFloat(getComputedStyle(e).fontSize)),
          options: options.map(b => {
            const p = b.querySelector('p');
            return {
              chosen: b.getAttribute('aria-checked') === 'true',
              weight: parseInt(getComputedStyle(p).fontWeight),
              size: parseFloat(getComputedStyle(p).fontSize),
              border: parseFloat(getComputedStyle(b).borderTopWidth),
              mark: getComputedStyle(p, '::before').content,
            };
          }),
          answersEnd: bottom(document.querySelectorAll('[data-testid=stButtonGroup]')),
          buttonsEnd: bottom(document.querySelectorAll('.st-key-trip-next')),
        };
    }"""
    )


def test_the_presentation_view_reads_from_the_back_of_the_room(page, trip_server):
    round_id, statements = new_trip_round(trip_server, "Brookside")
    open_benchmarks(page, trip_server, round_id)
    button(page, "Presentation view").click()
    expect(page).to_have_url(re.compile(r"view=room"))
    wait_for_app(page)  # the full form's title gone: only the room's is left
    expect(page.get_by_role("link", name="Home")).to_have_count(0)  # no navigation chrome
    room_choices = {1: ["Partly", "Mostly", "Not yet"], 2: ["Fully", "Started"]}
    for number, ids in enumerate(statements, start=1):
        if number > 1:
            button(page, "Next").click()
        expect(heading(page, number)).to_be_visible()
        wait_for_app(page)
        if number > 1:  # after a move: the top of the page
            page.wait_for_function(f"({SCROLLED}) === 0")
        for place, label in enumerate(room_choices.get(number, [])):
            answer(page, place).get_by_role("radio", name=label, exact=True).click()
            expect(chosen(page, place)).to_have_text([label])
        page.mouse.move(0, 0)  # no hover over an option in the pictures
        wait_for_app(page)  # the last choice's run over: nothing half drawn is measured
        measured = room_measures(page)
        assert len(measured["statements"]) == len(ids)
        assert min(measured["statements"]) >= 24, (number, measured["statements"])
        for option in measured["options"]:  # the chosen answer: bold, ticked, thick border
            assert option["size"] >= 20, (number, option)
            if option["chosen"]:
                assert option["weight"] >= 700 and option["border"] >= 3, (number, option)
                assert "✓" in option["mark"], (number, option)
            else:
                assert option["weight"] < 700 and "✓" not in option["mark"], (number, option)
        assert sum(o["chosen"] for o in measured["options"]) == len(room_choices.get(number, []))
        # every statement, its answers, Previous and Next on the screen, with no scrolling
        assert measured["answersEnd"] <= 768 and measured["buttonsEnd"] <= 768, (number, measured)
        assert page.evaluate(SCROLLED) == 0
        if number in (1, 2, 4):  # 4 has the longest title and six long statements
            shot(page, f"3x-trip-presentation-challenge-{number}")

    ratings = service_on(trip_server).trip.trip_ratings(round_id)
    for number, labels in room_choices.items():  # Next saved what the room chose
        for sid, label in zip(statements[number - 1], labels, strict=False):
            assert ratings[sid].rating.value == VALUES.get(label, label.lower()), (number, sid)
    page.reload()  # the view is in the URL
    wait_for_app(page)
    expect(page.get_by_role("button", name=re.compile("^Leave presentation view"))).to_be_visible()


def test_after_a_move_in_the_presentation_view_the_focus_is_on_the_title(page, trip_server):
    round_id, _ = new_trip_round(trip_server, "Cranmore")
    open_benchmarks(page, trip_server, round_id)
    button(page, "Presentation view").click()
    expect(page).to_have_url(re.compile(r"view=room"))
    wait_for_app(page)
    button(page, "Next").click()
    expect(heading(page, 2)).to_be_visible()
    page.wait_for_function(f"({SCROLLED}) === 0")
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('room-heading')",
        timeout=5_000,
    )
