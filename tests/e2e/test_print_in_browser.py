"""Issue 20's print: the Template A summary, a Template B plan (and its progress), the TRIP
summary and the portfolio, opened on the demo in Chromium and printed to PDF as a person would.
Each PDF is read back with poppler: every page is A4 landscape, no page carries the top bar's
labels or a button's, every table row printed is whole on one page (the grids, which show only
the rows in their box, print every row), and every chart is within a page and on one page,
its top and bottom together. The PDFs, and each page as a PNG, are kept in the artifacts."""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from assessments.records import TEMPLATE_A, RoundStatus
from tests.artifacts import ARTIFACTS
from tests.e2e.conftest import new_page, service_on, wait_for_app

pytestmark = pytest.mark.e2e

PRINTS = ARTIFACTS / "print"
BY = "by=Sam+Okafor+%28Facilitator%29"
# A4 landscape less the style sheet's 12 mm margins, in CSS pixels (96 to the inch).
PRINTABLE_WIDTH, PRINTABLE_HEIGHT = (297 - 24) / 25.4 * 96, (210 - 24) / 25.4 * 96
# What the screen has and paper must not: the top bar's labels, a link back, the keyboard's box.
SCREEN_ONLY = ("The framework", "Providers and teams", "Back to", "Who is at the keyboard")

# In print media: each table row printed, as its cells' text; whether each grid prints, is
# folded away, and how many rows its twin prints; and each chart's size, top and bottom texts.
ON_PAPER = """() => {
  const printed = el => el.getClientRects().length > 0;
  const tables = [...document.querySelectorAll("table.print-twin, [data-testid=stTable] table")];
  const rows = tables.filter(printed).flatMap(t => [...t.tBodies[0].rows].map(
    r => [...r.cells].map(c => c.innerText)));
  const grids = [...document.querySelectorAll("[data-testid=stDataFrame]")].map(g => {
    const twin = g.closest(".stElementContainer").nextElementSibling?.querySelector(".print-twin");
    return {printed: printed(g), folded: g.closest("details:not([open])") !== null,
            twin: twin ? twin.tBodies[0].rows.length : 0};
  });
  const charts = [...document.querySelectorAll(".stPlotlyChart")].filter(printed).map(c => {
    const box = c.querySelector(".main-svg").getBoundingClientRect();
    // Its level texts drawn whole inside it (a title too long for a narrow chart is cut off by
    // it; a tilted label's letters are read out of order from a PDF).
    const texts = [...c.querySelectorAll("text")]
      .filter(t => t.textContent.trim() && !t.closest("[transform*=rotate]"))
      .map(t => [t.getBoundingClientRect(), t.textContent.trim()])
      .filter(([r]) => r.left >= box.left - 1 && r.right <= box.right + 1)
      .map(([r, text]) => [r.top, text]).sort((a, b) => a[0] - b[0]);
    return {width: box.width, height: box.height, top: texts[0][1], bottom: texts.at(-1)[1]};
  });
  return {rows, grids, charts};
}"""


@dataclass(frozen=True)
class Screen:
    name: str
    address: str
    tables: int  # at least this many rows printed
    charts: int  # at least this many charts printed
    records: tuple[str, ...] = ()  # text from the store, each to be found whole on one page


@pytest.fixture(scope="module")
def screens(demo_server) -> list[Screen]:
    svc = service_on(demo_server)
    org = svc.providers.organisations()[0]
    team = svc.providers.teams(org.id)[0]
    provider_wide = [
        r
        for r in svc.rounds.rounds(org.id)
        if r.kind == TEMPLATE_A and r.team_id is None and r.status == RoundStatus.AGREED
    ]
    plan = min(svc.plans.plans(org.id), key=lambda p: p.id)  # the demo's, not one a test made
    assets = tuple(a.what for a in svc.trip.assets(team.id))
    providers = tuple(o.name for o in svc.providers.organisations())
    svc.engine.dispose()
    return [
        Screen("template-a-summary", f"summary?round={provider_wide[0].id}", 10, 1),
        Screen("template-b-plan", f"plan?plan={plan.id}&{BY}", 2, 0),
        Screen("template-b-progress", f"plan?plan={plan.id}&{BY}&part=progress", 20, 3),
        Screen("trip-summary", f"trip-summary?org={org.id}&team={team.id}", 20, 2, assets),
        Screen("portfolio", "portfolio", 2, 0, providers),
    ]


def pdf_pages(path) -> list[str]:
    """Each page's text in the order it was drawn (a table cell's lines together), every space
    and line break taken out: a cell's text wraps on paper, and bold text is read unspaced."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True)
    return [squeezed(page) for page in raw.stdout.split("\f")[:-1]]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drawn_on_paper(page, screen: Screen) -> dict:
    """What would print, once the page has drawn what the screen is to print: a fresh
    session's first run can show its title well before the parts below it (on a busy machine,
    seconds). Waited for up to 30 s; the test then says what was missing."""
    deadline = time.monotonic() + 30
    while True:
        found = page.evaluate(ON_PAPER)
        enough = len(found["rows"]) >= screen.tables and len(found["charts"]) >= screen.charts
        if enough or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(250)


def test_the_summaries_a_plan_and_the_portfolio_print_whole_on_a4_landscape(
    demo_server, browser, screens
):
    PRINTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser)
    for screen in screens:
        page.emulate_media(media="screen")
        page.goto(f"{demo_server.url}/{screen.address}")
        wait_for_app(page)
        page.locator("h1").first.wait_for()
        wait_for_app(page)
        expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
        page.emulate_media(media="print")
        found = drawn_on_paper(page, screen)
        pdf = PRINTS / f"{screen.name}.pdf"
        page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(PRINTS / screen.name)])

        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert (round(width), round(height)) == (843, 596), f"{screen.name}: not A4 landscape"
        pages = pdf_pages(pdf)
        print(f"{screen.name}: {len(pages)} pages, {len(found['rows'])} rows, "
              f"{len(found['charts'])} charts")  # fmt: skip
        for words in SCREEN_ONLY:
            assert not any(squeezed(words) in p for p in pages), f"{screen.name}: {words!r}"
        # A grid in view gives way on paper to a table of its rows, each row whole on a page.
        for grid in found["grids"]:
            assert not grid["printed"] and (grid["twin"] or grid["folded"]), (screen.name, grid)
        assert len(found["rows"]) >= screen.tables, screen.name
        for cells in found["rows"]:
            whole = [squeezed(c) for c in cells]
            assert any(all(c in p for c in whole) for p in pages), (screen.name, cells)
        for text in screen.records:
            assert any(squeezed(text) in p for p in pages), (screen.name, text)
        assert len(found["charts"]) >= screen.charts, screen.name
        for chart in found["charts"]:
            assert chart["width"] <= PRINTABLE_WIDTH, (screen.name, chart)
            assert chart["height"] <= PRINTABLE_HEIGHT, (screen.name, chart)
            ends = squeezed(chart["top"]), squeezed(chart["bottom"])
            assert any(all(e in p for e in ends) for p in pages), (screen.name, chart)
    page.context.close()
