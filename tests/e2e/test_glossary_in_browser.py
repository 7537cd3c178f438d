"""Words we use in Chromium at projector size: Home's link opens the glossary in the same tab, an
address with a word's anchor (glossary#spc) shows that word, and one naming a word
(?term=baseline, as a tooltip's link does) puts its meaning first."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from framework.loader import load
from tests.e2e.conftest import shot, wait_for_app

pytestmark = pytest.mark.e2e
WORDS = load().glossary


def test_home_links_to_the_glossary_and_an_address_lands_on_a_word(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("link", name="Words we use: what the method's words mean").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Words we use", exact=True)).to_be_visible()
    assert page.url.endswith("/glossary")

    page.goto(f"{app_url}/glossary#spc")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="SPC chart")).to_be_in_viewport()
    shot(page, "96-glossary-at-spc")

    page.goto(f"{app_url}/glossary?term=baseline")
    wait_for_app(page)
    meaning = page.get_by_text(WORDS.term("baseline").meaning).first
    expect(meaning).to_be_in_viewport()
    shot(page, "96-glossary-at-baseline")
