"""A commissioner in Chromium at 1024x768: the heat map of the fictional demo's teams, three
clicks to the rehabilitation teams that have not moved on challenge 8, a team beside its peers,
and a click on a team's row that opens its Template A summary."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_for_app

STAGE = re.compile(r"^(1 Engagement|2 Development|3 Transformation|Not agreed|Not recorded)$")


def test_a_commissioner_compares_the_demo_teams(demo_server, page):
    page.goto(f"{demo_server.url}/portfolio")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"12 teams\s+from\s+1 provider"))).to_be_visible()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    shot(page, "40-portfolio-heat-map")

    # Three clicks: the team type, the movement view, challenge 8.
    # The filters and the view go into the URL, so a link or a refresh shows the same.
    page.get_by_role("button", name="Community rehabilitation", exact=True).click()
    expect(page).to_have_url(re.compile(r"types=community-rehab"))
    wait_for_app(page)
    page.get_by_role("radio", name="Movement", exact=True).click()
    expect(page).to_have_url(re.compile(r"view=movement"))
    expect(page).to_have_url(re.compile(r"types=community-rehab"))
    wait_for_app(page)
    page.get_by_role("radio", name="8. Transforming the workforce", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"1 team\s+from\s+1 provider"))).to_be_visible()
    heading = page.get_by_role("heading", name=re.compile(r"\(1 team\)$"))
    expect(heading).to_have_count(1)
    expect(page.get_by_text(re.compile(r"Not moved: \d"))).to_be_visible()
    heading.scroll_into_view_if_needed()
    shot(page, "41-portfolio-movement")

    # Every type again, and the stage counts.
    page.get_by_role("button", name="Community rehabilitation", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"types="))
    wait_for_app(page)
    page.get_by_role("radio", name="Stages", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Teams at each stage, in their latest round")).to_be_visible()
    page.get_by_test_id("stPlotlyChart").scroll_into_view_if_needed()
    shot(page, "42-portfolio-stages")

    page.get_by_role("radio", name="Needs attention", exact=True).click()
    wait_for_app(page)
    expect(
        page.get_by_text(re.compile(r"\d+ open priorit\w+ with an overdue review"))
    ).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()  # the list, not the last view's
    expect(page.get_by_text("As a table")).to_have_count(0)
    shot(page, "43-portfolio-attention")

    # A click on a team's row opens its Template A summary.
    page.get_by_role("radio", name="Heat map", exact=True).click()
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid.get_by_text("Community Rehabilitation Team").first).to_be_attached()  # canvas
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The row-selection checkbox of the first row: the grid's left edge, one header down.
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 18)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Template A summary")).to_be_visible()
    shot(page, "44-portfolio-opened-team")
