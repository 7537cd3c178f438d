"""Issue 20's "tables that keep their headings at 200% zoom" and "charts that reflow at 320 px", in
Chromium on the session's demo (read only).

200% zoom is emulated as what it leaves a 1280x900 screen: a 640x450 viewport (CSS pixels, as
zoom counts them). There the workshop's tally grid keeps each count under its heading, and the
headings in sight while its rows scroll; the TRIP conversation's strip keeps to two rows.
320 px is WCAG's reflow width (400% zoom): every chart page fits it, each chart inside it, and
no text of a chart is cut short, runs past the chart's edges or lies on another."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessments.records import TEMPLATE_A
from tests.artifacts import SCREENSHOTS
from tests.e2e.conftest import new_page, shot, wait_for_app
from tests.e2e.test_accessibility_audit import _service as service_of
from tests.e2e.test_accessibility_audit import drawn, move_to

pytestmark = pytest.mark.e2e

BY = "by=Sam+Okafor+%28Facilitator%29"
STAGES = ("Stage 1", "Stage 2", "Stage 3", "Not sure")
# Each count field of the grid: its name, where it is, and where its stage's heading is.
GRID = """() => {
  const box = (e) => e.getBoundingClientRect();
  const heads = Object.fromEntries([...document.querySelectorAll(".grid-head .grid-counts span")]
    .map((s) => [s.textContent, box(s)]));
  return [...document.querySelectorAll('[class*="st-key-tally-counts-"] input')].map((i) => {
    const stage = i.getAttribute("aria-label").split(": ").pop();
    const b = box(i), head = heads[stage] || {left: -1, right: -1};
    return {name: i.getAttribute("aria-label"), middle: (b.left + b.right) / 2, top: b.top,
            left: head.left, right: head.right};
  });
}"""
# Each chart's width, and the page's own: nothing may make the page scroll sideways.
WIDTHS = """() => ({page: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll(".js-plotly-plot")]
    .filter((c) => c.offsetParent !== null).map((c) => c.getBoundingClientRect().width)})"""
# Every text each chart draws (axis ticks and titles, names, words on bars, legend), with its
# box on screen and the box it must keep to: the chart's, or the plot's where it is clipped there
# (a bar's words past the plot's edge are cut). Only the charts shown: a chart of rows is drawn
# twice, for a wide screen and a narrow one (pages/kit/chart.py).
TEXTS = """() => [...document.querySelectorAll(".js-plotly-plot")].filter((c) => c.offsetParent)
  .map((c) => {
    const edge = c.getBoundingClientRect(), box = (b) => [b.left, b.top, b.right, b.bottom];
    const clipped = (t) => {  // the clip rectangle's corners, in the page's pixels
      const holder = t.closest("[clip-path]");
      const id = holder && holder.getAttribute("clip-path").match(/#([^)'"]+)/);
      const rect = id && document.getElementById(id[1])?.querySelector("rect");
      if (!rect) return null;
      const m = holder.getScreenCTM(), at = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      const [x, y] = [+rect.getAttribute("x") || 0, +rect.getAttribute("y") || 0];
      const a = at(x, y), b = at(x + +rect.getAttribute("width"), y + +rect.getAttribute("height"));
      return [a.x, a.y, b.x, b.y];
    };
    return [...c.querySelectorAll(".main-svg text")]
      .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width)
      .map((t) => ({text: t.textContent, box: box(t.getBoundingClientRect()),
                    room: clipped(t) || box(edge)}));
  })"""


def text_defects(charts: list[list[dict]]) -> list[str]:
    """What a reader would see wrong in the charts' texts: cut short ("…"), past the edge of the
    chart (or of the plot it is clipped to), or on top of another text."""
    found = []
    for texts in charts:
        for t in texts:
            box, room = t["box"], t["room"]
            if "\u2026" in t["text"]:
                found.append(f"cut: {t['text']}")
            if min(box[0] - room[0], box[1] - room[1], room[2] - box[2], room[3] - box[3]) < -1:
                found.append(f"past the edge: {t['text']}")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                width = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
                height = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
                if width > 1 and height > 1:
                    found.append(f"on top of each other: {a['text']} / {b['text']}")
    return found


@pytest.fixture(scope="module")
def addresses(demo_server) -> dict[str, str]:
    svc = service_of(demo_server)
    org = svc.providers.organisations()[0]
    team = svc.providers.teams(org.id)[0]
    own_view = [r for r in svc.rounds.rounds(org.id, team.id) if r.kind == TEMPLATE_A][-1]
    trip = svc.trip.trip_rounds(team.id)[-1]
    plan = min(svc.plans.plans(org.id), key=lambda p: p.id)  # the demo's, not one a test made
    svc.engine.dispose()
    return {
        "workshop": f"workshop?round={own_view.id}&{BY}",
        "trip conversation": f"trip-benchmarks?round={trip.id}&{BY}",
        "Template A summary": f"summary?round={own_view.id}",
        "TRIP summary": f"trip-summary?round={trip.id}",
        "plan progress": f"plan?plan={plan.id}&{BY}&part=progress",
        "Measures": "measures",
        "Portfolio stages": "portfolio?view=stages",
        "Portfolio teams by TRIP": "portfolio?view=trip",
    }


def test_the_tally_grid_keeps_its_headings_at_200_percent_zoom(demo_server, addresses, browser):
    page = new_page(browser, 640, 450)
    page.goto(f"{demo_server.url}/{addresses['workshop']}")
    drawn(page)
    counts = page.evaluate(GRID)
    assert len(counts) >= 4 * 6, counts  # four counts for each of the groups
    for field in counts:
        # Named for a screen reader with its group and its stage ("Carers...: Stage 2")...
        assert re.fullmatch(rf".+: ({'|'.join(STAGES)})", field["name"]), field
        # ...and seen under its stage's heading: the rows no longer wrap below the headings.
        assert field["left"] <= field["middle"] <= field["right"], field
    assert len({round(f["top"]) for f in counts[:4]}) == 1  # a group's four counts on one line
    assert page.evaluate("document.documentElement.scrollWidth") <= 640

    # A group far down the grid: the headings are still in sight above its counts.
    last = page.get_by_role("spinbutton", name=counts[-1]["name"])
    last.scroll_into_view_if_needed()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    head = page.locator(".grid-head .grid-counts span").first.bounding_box()
    field = last.bounding_box()
    assert head["y"] >= 0 and head["y"] + head["height"] <= field["y"], (head, field)
    expect(page.locator(".grid-head")).to_be_in_viewport()
    shot(page, "96-zoom-200-tally-grid-scrolled")

    # The TRIP conversation's strip: two rows of five, not ten buttons down the screen.
    move_to(page, addresses["trip conversation"])
    strip = page.locator(".st-key-workshop-strip button:visible")  # (a hidden copy of each)
    expect(strip).to_have_count(10)
    rows = {round(strip.nth(i).bounding_box()["y"]) for i in range(10)}
    assert len(rows) == 2, rows
    page.locator(".st-key-workshop-strip").scroll_into_view_if_needed()
    shot(page, "96-zoom-200-trip-strip")
    page.context.close()


def test_every_chart_page_fits_320_px(demo_server, addresses, browser):
    page = new_page(browser, 320, 640)
    page.goto(f"{demo_server.url}/{addresses['Template A summary']}")
    drawn(page)
    cut = {}
    # Never one page twice in a row: a move within a page is not a move (`move_to`).
    for name in ("Template A summary", "Portfolio stages", "TRIP summary",
                 "Portfolio teams by TRIP", "plan progress", "Measures"):  # fmt: skip
        if name != "Template A summary":
            move_to(page, addresses[name])
        # (A chart of rows is drawn twice, one for a wide screen, hidden: kit/chart.py.)
        charts = page.locator(".js-plotly-plot:visible")
        expect(charts.first).to_be_visible()
        wait_for_app(page)
        widths = page.evaluate(WIDTHS)
        assert widths["page"] <= 320, (name, widths)  # no sideways scroll of the page
        assert widths["charts"] and max(widths["charts"]) <= 320, (name, widths)
        texts = page.evaluate(TEXTS)
        assert texts, name  # every page's charts are read
        cut[name] = text_defects(texts)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # the first chart, scrolled to
        charts.first.screenshot(
            path=str(SCREENSHOTS / f"97-reflow-320-{name.replace(' ', '-')}.png")
        )
    # Each chart reads at 320 px: its names above its bars, its legend under the plot, its
    # ticks level and few (assessments/charts/rows.py); its title the page's text (kit/chart.py).
    assert not {page: texts for page, texts in cut.items() if texts}, cut
    page.context.close()
