"""Template B in real Chromium at projector size, starting from the fictional demo: choose three
priorities, write a SMART goal, sign off, record two reviews, see the charts, and try to change
the signed plan. Screenshots go to the artifacts folder (20-29)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    AppServer,
    choose_option,
    follow,
    part,
    service_on,
    shot,
    sign_in,
    type_date,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

TODAY = date.today()


def first_trust_round(server: AppServer):
    svc = service_on(server)
    org = svc.providers.organisations()[0]
    rounds = [r for r in svc.rounds.rounds(org.id) if r.team_id is None and not r.practice]
    open_now = {p.challenge_id for p in svc.plans.plans(org.id) if p.open}
    svc.engine.dispose()
    return org, rounds[-1], open_now


def test_from_the_demo_to_a_second_review_with_the_charts(demo_server, page):
    org, round_, open_now = first_trust_round(demo_server)
    wanted = [
        c
        for c in (
            "c03-education-centre",
            "c04-leadership",
            "c07-involvement",
            "c08-workforce",
            "c09-staff-support",
        )
        if c not in open_now
    ][:3]
    page.goto(f"{demo_server.url}/plans?org={org.id}&round={round_.id}")
    wait_for_app(page)
    sign_in(page)
    expect(page.get_by_role("heading", name=f"Open priorities: {len(open_now)} of at most 5"))
    shot(page, "20-action-plans")
    for number, challenge in enumerate(wanted):
        if number:  # back by the link, in the same browser session
            follow(page, "All action plans here")
            wait_for_app(page)
        page.locator(f".st-key-choose-{round_.id}-{challenge} button").click()
        expect(page).to_have_url(re.compile(r"/plan\?plan=\d+"))
        wait_for_app(page)
        expect(page.get_by_text("Draft, not signed yet")).to_be_visible()
    plan_url = page.url

    # The third priority's Template B: one SMART goal, one action, both leads, a review date.
    page.get_by_label("Goal", exact=True).fill(
        "Every team can name its recovery champion by spring"
    )
    choose_option(page, "Measure", "A measure of our own")
    page.get_by_label("Own measure: name").fill("Teams with a named recovery champion")
    page.get_by_label("Own measure: unit").fill("teams")
    page.get_by_label("Baseline", exact=True).fill("3")
    type_date(page, "Baseline date", round_.held_on)
    page.get_by_label("Target", exact=True).fill("12")
    type_date(page, "Target date", round_.held_on + timedelta(days=540))
    page.get_by_label("Owner", exact=True).fill("Head of nursing")
    page.get_by_label("What", exact=True).fill("Ask each team manager to name a champion")
    page.get_by_label("Who", exact=True).fill("Recovery lead")
    type_date(page, "By when", round_.held_on + timedelta(days=60))
    page.get_by_label("Evidence sources", exact=True).fill("Team managers' returns")
    page.get_by_label("Commissioner lead: name").fill("R. Demo (fictional)")
    page.get_by_label("Provider lead: name").fill("T. Sample (fictional)")
    type_date(page, "Next review", round_.held_on + timedelta(days=90))
    shot(page, "21-template-b-form")
    page.get_by_role("button", name=re.compile("Save draft")).click()
    wait_for_app(page)
    expect(
        page.get_by_test_id("stAlertContentSuccess").get_by_text("Saved version 1")
    ).to_be_visible()
    smart = page.get_by_text("✔ SMART")
    expect(smart).to_be_visible()
    smart.scroll_into_view_if_needed()
    shot(page, "21b-goal-is-smart")

    part(page, "Sign off")
    expect(page.get_by_text("it is ready to sign")).to_be_visible()
    page.get_by_text("R. Demo (fictional) (commissioner lead) agrees this plan").click()
    page.get_by_text("T. Sample (fictional) (provider lead) agrees this plan").click()
    type_date(page, "Date signed", round_.held_on + timedelta(days=14))
    page.get_by_role("button", name=re.compile("Sign off version 1")).click()
    wait_for_app(page)
    expect(page.get_by_text("Version 1 was signed on")).to_be_visible()
    shot(page, "22-signed")

    part(page, "Reviews")
    measured = re.compile(r"^Goal 1: .* measured now")
    for held, value, status, moved in (
        (round_.held_on + timedelta(days=95), "6", "✔ Done", False),
        (round_.held_on + timedelta(days=190), "9", "✔ Done", True),
    ):
        type_date(page, "Date of the review", held)
        page.get_by_label(measured).fill(value)
        choose_option(page, "Action 1: Ask each team manager to name a champion", status)
        if moved:
            page.get_by_text("Now Stage 2 Development").click()
            page.get_by_label("What shows it moved (needed when it did)", exact=True).fill(
                "Champions meet monthly and report to the board"
            )
        page.get_by_label("What we learned", exact=True).fill("Champions need protected time")
        type_date(page, "Next review", held + timedelta(days=90))
        page.get_by_role("button", name=re.compile("Save the review")).click()
        wait_for_app(page)
        expect(page.get_by_text("Review saved.")).to_be_visible()
    expect(page.get_by_text("2 review(s) so far")).to_be_visible()
    shot(page, "23-reviews")

    # Monthly figures between the reviews, as a team would add them, so limits can be drawn.
    svc = service_on(demo_server)
    plan_id = int(parse_qs(urlparse(plan_url).query)["plan"][0])
    for month in range(1, 12):
        when = round_.held_on + timedelta(days=30 * month + 3)
        if when < TODAY:
            svc.reviews.add_measurement(svc_actor(), plan_id, "g1", when, 3 + month * 0.8)
    svc.engine.dispose()
    part(page, "Progress")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(3, timeout=30_000)  # plotly draws late on a loaded machine
    charts.nth(0).scroll_into_view_if_needed()
    shot(page, "24-stage-over-time")
    charts.nth(1).scroll_into_view_if_needed()
    expect(page.get_by_text(re.compile(r"1[0-9] point\(s\)"))).to_be_visible()
    shot(page, "25-measure-xmr")
    charts.nth(2).scroll_into_view_if_needed()
    shot(page, "26-action-status")

    # A change to the signed plan without a reason is refused; with one it is version 2.
    part(page, "Plan")
    page.get_by_text("Change this plan").click()
    page.get_by_label("Where things stand now", exact=True).fill("Champions named in most teams")
    page.get_by_role("button", name=re.compile("Save as version 2")).click()
    wait_for_app(page)
    shot(page, "27-change-needs-a-reason", full_page=True)
    expect(page.get_by_text("Version 1 of this plan is signed. Say why it changes")).to_be_visible()
    shot(page, "27-change-needs-a-reason")
    page.get_by_label(re.compile("^Why it changes")).fill("Second review: most teams have one")
    page.get_by_role("button", name=re.compile("Save as version 2")).click()
    wait_for_app(page)
    part(page, "Versions")
    expect(page.get_by_label("Where things stand now", exact=True)).to_have_count(0)  # form gone
    expect(page.get_by_text("Second review: most teams have one")).to_be_visible()
    expect(page.get_by_text("Champions named in most teams", exact=True)).to_be_visible()
    shot(page, "28-versions")


def svc_actor():
    from assessments.records import Actor

    return Actor("Sam Okafor", "Recovery lead")
