"""A commissioner in Chromium at 1024x768 on the measures page: a provider's out-of-area
placements with 14 months already recorded, last month's figure added, the month before recorded
as not available with why; the XmR chart shows the limits and the gap in words, and the table
says why the figure is missing."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from assessments.records import Actor
from assessments.records.measures import Period, PeriodKind
from tests.e2e.conftest import choose_option, service_on, shot, sign_in, wait_for_app

OUT_OF_AREA = "out-of-area-placements"
FIGURES = [7, 8, 6, 7, 9, 7, 8, 7, 6, 4, 3, 4, 3, 3]  # a fall: a run below the mean


def _months_back(n: int) -> Period:
    today = date.today()
    month = today.year * 12 + today.month - 1 - n
    return Period(date(month // 12, month % 12 + 1, 1), PeriodKind.MONTH)


def test_a_commissioner_records_a_figure_and_a_gap(app_server, page):
    svc = service_on(app_server)
    lead = Actor("Sam Okafor", "Commissioner")
    org = svc.providers.create_organisation(lead, "Eastbrook Partnership (fictional)").id
    for n, figure in enumerate(FIGURES):
        period = _months_back(len(FIGURES) + 2 - n)
        svc.measures.record_value(lead, org, OUT_OF_AREA, period, 0, value=figure, target=4)
    svc.engine.dispose()
    last, before = _months_back(1), _months_back(2)

    page.goto(f"{app_server.url}/measures?org={org}&indicator={OUT_OF_AREA}")
    wait_for_app(page)
    sign_in(page)
    expect(page.get_by_label("Figure (number of people)")).to_have_value("")
    expect(page.get_by_label("Target for this period")).to_have_value("4")  # the last target
    page.get_by_label("Figure (number of people)").fill("2")
    page.get_by_role("button", name=f"Save {last.label}").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Saved {last.label}: 2.").first).to_be_visible()

    choose_option(page, "Period", before.label)
    wait_for_app(page)
    # The earlier period's form is drawn (on a busy machine, after wait_for_app has returned).
    expect(page.get_by_role("button", name=f"Save {before.label}")).to_be_visible()
    page.get_by_role("radiogroup", name="What is there to record?").get_by_text(
        "Not available", exact=True
    ).click()
    page.get_by_role("textbox", name="Why it is not available (when it is not)").fill(
        "The provider's return was not received"
    )
    page.get_by_role("button", name=f"Save {before.label}").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Saved {before.label}: not available.").first).to_be_visible()
    expect(page.get_by_text(f"{before.label} is recorded as not available")).to_be_visible()
    shot(page, "60-measures-recorded")

    chart = page.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    expect(chart.get_by_text("Not available").first).to_be_attached()
    expect(chart.get_by_text("Upper process limit")).to_be_attached()
    shot(page, "61-measures-xmr-chart")

    page.get_by_role("tab", name="Table").click()
    expect(page.get_by_text(re.compile("Not available: The provider's return"))).to_be_visible()
    page.get_by_text(
        re.compile("Not available: The provider's return")
    ).scroll_into_view_if_needed()
    shot(page, "62-measures-table")
