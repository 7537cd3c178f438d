"""The app in real Chromium at projector size: the home page, the framework page, and moving
through the challenges by keyboard. Screenshots go to the artifacts folder."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_for_app

pytestmark = pytest.mark.e2e


def test_home_page_opens(page, app_url):
    page.goto(app_url)
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Recovery self-assessment and TRIP")).to_be_visible()
    expect(page.get_by_text("1. Rate the ten challenges (Template A)")).to_be_visible()
    assert shot(page, "01-home").stat().st_size > 10_000


def test_framework_page_shows_stages_side_by_side(page, app_url):
    page.goto(f"{app_url}/framework")
    wait_for_app(page)

    expect(page.get_by_role("heading", name="The three stages")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Challenge 1:"))).to_be_visible()
    cards = page.locator(".stage-card")
    page.evaluate("document.fonts.ready.then(() => true)")  # text reflows as fonts arrive
    page.wait_for_timeout(500)
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] == pytest.approx(boxes[2]["y"], abs=2)  # one row, not stacked
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    shot(page, "02-framework-stages")


def test_keyboard_moves_through_the_challenges_and_the_url_keeps_the_place(page, app_url):
    page.goto(f"{app_url}/framework?challenge=c05-personalisation")
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Challenge 5: Increasing personalisation and choice")
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()
    shot(page, "03-framework-challenge-5")

    heading.click()  # focus the page, not a widget, so the arrow key reaches the app
    page.keyboard.press("ArrowRight")

    expect(
        page.get_by_role("heading", name="Challenge 6: Changing the way we approach")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/framework\?.*challenge=c06-risk"))
    page.reload()
    wait_for_app(page)
    expect(
        page.get_by_role("heading", name="Challenge 6: Changing the way we approach")
    ).to_be_visible()
    page.get_by_role(
        "heading", name="Challenge 6: Changing the way we approach"
    ).scroll_into_view_if_needed()
    shot(page, "04-framework-challenge-6-after-refresh")


def test_2018_wording_in_the_browser(page, app_url):
    page.goto(f"{app_url}/framework?version=imroc-challenges@2018&challenge=c07-coproduction")
    wait_for_app(page)

    heading = page.get_by_role("heading", name="Challenge 7: User involvement is replaced")
    expect(heading).to_be_visible()
    expect(page.get_by_text("Reworded in 2018")).to_be_visible()
    heading.scroll_into_view_if_needed()
    shot(page, "05-framework-2018-challenge-7")
