"""Setting up in real Chromium at projector size (1024x768): a provider and a team added on the
Providers page, then a round started on the Rounds page, with a visit to another page by the
top bar between typing and starting. Screenshots go to the artifacts folder."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import choose_option, service_on, shot, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

PROVIDER = "Harbourside Demo Trust (fictional)"


def test_a_provider_a_team_and_a_round_set_up_in_the_browser(page, app_server):
    page.goto(f"{app_server.url}/providers")
    wait_for_app(page)
    sign_in(page)
    page.get_by_text("Add a provider").click()
    page.get_by_label("Name of the provider").fill(PROVIDER)
    page.get_by_role("button", name="Add the provider").click()
    wait_for_app(page)
    expect(
        page.get_by_test_id("stAlertContentSuccess").get_by_text(f"Added {PROVIDER}.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name=f"Teams of {PROVIDER}")).to_be_visible()

    page.get_by_label("Team name").fill("Quayside CMHT")
    page.get_by_label("Locality").fill("Quayside")
    page.get_by_role("button", name="Add the team").click()
    wait_for_app(page)
    expect(
        page.get_by_test_id("stAlertContentSuccess").get_by_text("Added Quayside CMHT.")
    ).to_be_visible()
    expect(page.get_by_label("Team name")).to_have_value("")  # ready for the next team
    shot(page, "06-providers-team-added")

    svc = service_on(app_server)
    org = next(o for o in svc.providers.organisations() if o.name == PROVIDER)
    page.get_by_role("link", name="Rounds", exact=True).click()
    expect(page.get_by_role("heading", name="Start a round")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_text("No rounds yet")).to_be_visible()
    choose_option(page, "Whose round", "Team: Quayside CMHT, its own view (never compared)")
    page.get_by_label("People using services", exact=True).fill("6")
    page.get_by_label("Carers, family and friends", exact=True).fill("2")
    page.keyboard.press("Tab")

    # Away by the top bar with the counts typed and not sent, and back the same way: they are
    # still there, and nothing was saved meanwhile.
    page.get_by_role("link", name="Providers and teams", exact=True).click()
    expect(page.get_by_role("heading", name=f"Teams of {PROVIDER}")).to_be_visible()
    wait_for_app(page)
    page.get_by_role("link", name="Rounds", exact=True).click()
    expect(page.get_by_role("heading", name="Start a round")).to_be_visible()
    wait_for_app(page)
    assert f"org={org.id}" in page.url
    expect(page.get_by_label("People using services", exact=True)).to_have_value("6")
    expect(page.get_by_label("Carers, family and friends", exact=True)).to_have_value("2")
    expect(page.get_by_label("Whose round", exact=True)).to_have_value(
        "Team: Quayside CMHT, its own view (never compared)"
    )
    assert svc.rounds.rounds(org.id) == []
    shot(page, "07-rounds-start-typed-kept")

    page.get_by_role("button", name="Start the round").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=re.compile(r"^1\. "))).to_be_visible()
    made = svc.rounds.rounds(org.id)
    assert [(r.team_id is not None, r.participants) for r in made] == [
        (True, {"people-using-services": 6, "carers-family": 2})
    ]
    svc.engine.dispose()
