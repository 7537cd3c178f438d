"""Issue 20's print: the Template A summary, a Template B plan (and its progress), the TRIP
summary, the portfolio, and an administrator's Accounts and Providers and teams, opened in
Chromium and printed to PDF as a person would. Each PDF is read back with poppler: every page is
A4 landscape, no page carries the top bar's labels or a button's, every table row printed is
whole on one page (the grids, which show only the rows in their box, print every row), every
chart is within a page and on one page, its top and bottom together, every tab's content prints
under the tab's name, no control prints (a help icon, a tab list), and no page ends with a
heading whose chart or table went to the next. The PDFs, and each page as a PNG, are kept in
the artifacts."""

from __future__ import annotations

import html
import re
import subprocess
import time
from dataclasses import dataclass

import pytest

from assessments.records import TEMPLATE_A, Actor, RoundStatus
from assessments.records.accounts import Scope
from tests.artifacts import ARTIFACTS
from tests.demo_store import demo_file
from tests.e2e.conftest import (
    AppServer,
    fields_loaded,
    follow,
    new_page,
    service_on,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

PRINTS = ARTIFACTS / "print"
BY = "by=Sam+Okafor+%28Facilitator%29"
PASSWORD = "correct horse battery staple"
# A4 landscape less the style sheet's 12 mm margins, in CSS pixels (96 to the inch).
PRINTABLE_WIDTH, PRINTABLE_HEIGHT = (297 - 24) / 25.4 * 96, (210 - 24) / 25.4 * 96
# What the screen has and paper must not: the top bar's labels, a link back, the keyboard's box.
SCREEN_ONLY = ("The framework", "Providers and teams", "Back to", "Who is at the keyboard")

# In print media: each table row printed, as its cells' text; whether each grid prints, is
# folded away, and how many rows its twin prints; each chart's size, top and bottom texts; the
# headings printed (and each line that leads into a chart or a table); and the controls printed.
ON_PAPER = """() => {
  const printed = el => el.getClientRects().length > 0;
  const seen = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
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
  const leading = ".stPlotlyChart, [data-testid=stTable], .print-twin";
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, .stElementContainer")]
    .filter(el => el.matches("h1, h2, h3, h4") || el.nextElementSibling?.querySelector(leading))
    .filter(seen).map(el => el.innerText.trim()).filter(Boolean);
  const controls = [...document.querySelectorAll(`[data-testid=stTooltipIcon], [role=tablist],
      [data-testid=stHeaderActionElements] a, [data-testid=stExpanderIcon], .modebar-btn,
      button:not([aria-checked=true]), input:not([role=combobox]), textarea`)].filter(seen)
    .map(el => el.getAttribute("aria-label") || el.dataset.testid || el.getAttribute("role")
               || el.innerText || el.tagName);
  return {rows, grids, charts, headings, controls};
}"""
# In screen media: the charts drawn, in a closed tab too (the browser prints what was drawn).
DRAWN = """() => [...document.querySelectorAll(".stPlotlyChart")]
  .filter(c => c.querySelector(".main-svg")?.getBoundingClientRect().width > 0).length"""


@dataclass(frozen=True)
class Screen:
    name: str
    address: str
    tables: int  # at least this many rows printed
    charts: int  # at least this many charts printed
    records: tuple[str, ...] = ()  # text (from the store) each to be found whole on one page
    headings: tuple[str, ...] = ()  # each printed as a heading (a tab's name)
    absent: tuple[str, ...] = ()  # a form's field, not to be printed


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
    tabs = ("Agreed stages", "Spread of views")
    return [
        Screen("template-a-summary", f"summary?round={provider_wide[0].id}", 10, 2, (), tabs),
        Screen("template-b-plan", f"plan?plan={plan.id}&{BY}", 2, 0),
        Screen("template-b-progress", f"plan?plan={plan.id}&{BY}&part=progress", 20, 3),
        Screen("trip-summary", f"trip-summary?org={org.id}&team={team.id}", 20, 2, assets),
        Screen("portfolio", "portfolio", 2, 0, (*providers, "Filters: every provider and team")),
    ]


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory, definitions):
    """The demo with an administrator's account, and a facilitator's that works with four teams
    (a long line in the Accounts grid)."""
    server = AppServer(tmp_path_factory.mktemp("print-admin"))
    demo_file(server.data / "recovery.db", definitions)
    svc = service_on(server)
    org = svc.providers.organisations()[0]
    teams = svc.providers.teams(org.id)[:4]
    by = Actor("Command line", "Administrator")
    svc.accounts.create_account(by, "ada", "Ada Admin", "administrator", PASSWORD)
    scopes = [Scope(org.id, t.id) for t in teams]
    svc.accounts.create_account(by, "sam", "Sam Okafor", "facilitator", PASSWORD, scopes)
    svc.engine.dispose()
    server.start()
    yield server, tuple(t.name for t in teams)
    server.stop()


def pdf_pages(path) -> list[str]:
    """Each page's text in the order it was drawn (a table cell's lines together), every space
    and line break taken out: a cell's text wraps on paper, and bold text is read unspaced."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True)
    return [squeezed(page) for page in raw.stdout.split("\f")[:-1]]


def last_lines(path) -> list[str]:
    """Each page's lowest line of text, squeezed."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True)
    found = []
    for page in out.stdout.decode().split("<page ")[1:]:
        lines = re.findall(r'<line [^>]*yMax="([\d.]+)">(.*?)</line>', page, re.S)
        lowest = max(lines, key=lambda line: float(line[0]), default=("", ""))[1]
        found.append(squeezed(html.unescape("".join(re.findall(r">([^<]*)</word>", lowest)))))
    return found


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def shown(page) -> None:
    """Until the page has drawn, on screen, every part that was still loading."""
    wait_for_app(page)
    page.locator("h1").first.wait_for()
    wait_for_app(page)
    fields_loaded(page)


def until(page, enough, deadline: float = 30):
    """What `page` shows (ON_PAPER in print media, DRAWN on screen), once `enough` of it or
    after `deadline` s: a fresh session's first run can show its title well before the parts
    below it (on a busy machine, seconds). The test then says what was missing."""
    stop = time.monotonic() + deadline
    while True:
        found = page.evaluate(DRAWN if page.evaluate("matchMedia('screen').matches") else ON_PAPER)
        if enough(found) or time.monotonic() > stop:
            return found
        page.wait_for_timeout(250)


def printed(page, screen: Screen) -> list[str]:
    """Print what `page` shows (drawn on screen) to PDF, as `screen` says; what is wrong."""
    problems = []

    def check(ok: bool, what) -> None:
        if not ok:
            problems.append(f"{screen.name}: {what}")

    drawn = until(page, lambda n: n >= screen.charts)
    check(drawn >= screen.charts, f"{drawn} charts drawn on screen, a closed tab's not")
    page.emulate_media(media="print")
    found = until(
        page, lambda f: len(f["rows"]) >= screen.tables and len(f["charts"]) >= screen.charts
    )
    pdf = PRINTS / f"{screen.name}.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    page.emulate_media(media="screen")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(PRINTS / screen.name)])

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    check((round(width), round(height)) == (843, 596), "not A4 landscape")
    pages = pdf_pages(pdf)
    check(all(pages), f"blank pages: {[n for n, p in enumerate(pages, start=1) if not p]}")
    print(f"{screen.name}: {len(pages)} pages, {len(found['rows'])} rows, "
          f"{len(found['charts'])} charts")  # fmt: skip
    for words in set(SCREEN_ONLY) - set(screen.records):
        check(not any(squeezed(words) in p for p in pages), f"{words!r} printed")
    # A grid in view gives way on paper to a table of its rows, each row whole on a page.
    for grid in found["grids"]:
        check(not grid["printed"] and (grid["twin"] or grid["folded"]), f"grid {grid}")
    check(len(found["rows"]) >= screen.tables, f"{len(found['rows'])} rows printed")
    for cells in found["rows"]:
        whole = [squeezed(c) for c in cells]
        check(any(all(c in p for c in whole) for p in pages), f"row {cells} cut")
    for text in screen.records:
        check(any(squeezed(text) in p for p in pages), f"{text!r} not printed whole")
    check(len(found["charts"]) >= screen.charts, f"{len(found['charts'])} charts printed")
    for chart in found["charts"]:
        check(chart["width"] <= PRINTABLE_WIDTH, f"chart too wide {chart}")
        check(chart["height"] <= PRINTABLE_HEIGHT, f"chart too tall {chart}")
        ends = squeezed(chart["top"]), squeezed(chart["bottom"])
        check(any(all(e in p for e in ends) for p in pages), f"chart cut {chart}")
    # Every tab's content prints, under its name; no control does.
    for name in screen.headings:
        check(name in found["headings"], f"no heading {name!r}")
        check(any(squeezed(name) in p for p in pages), f"{name!r} not printed")
    check(not found["controls"], f"controls printed: {found['controls']}")
    for words in screen.absent:
        check(not any(squeezed(words) in p for p in pages), f"{words!r} printed")
    # A page never ends with a heading, or the line that leads into a chart or a table.
    leads = {squeezed(h) for h in found["headings"]}
    for number, line in enumerate(last_lines(pdf)[:-1], start=1):
        check(line not in leads, f"page {number} ends with {line!r}")
    return problems


def test_the_summaries_plans_portfolio_and_setup_print_whole_on_a4_landscape(
    demo_server, admin_server, browser, screens
):
    PRINTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser)
    problems = []
    for screen in screens:
        page.goto(f"{demo_server.url}/{screen.address}")
        shown(page)
        problems += printed(page, screen)

    # An administrator's Accounts, then Providers and teams by the top bar (still signed in).
    server, teams = admin_server
    page.goto(f"{server.url}/accounts")
    wait_for_app(page)
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    shown(page)
    columns = ("Username", "Works with", "Signs in with", "Status")
    problems += printed(page, Screen("accounts", "accounts", 2, 0, (*columns, "Ada Admin")))
    follow(page, "Providers and teams")
    shown(page)
    titled = ("Providers and teams", "Locality", *teams)
    add_a_team = ("Team type",)  # the open tab's form: its choice is no part of the page
    problems += printed(page, Screen("providers", "providers", 4, 0, titled, (), add_a_team))
    page.context.close()
    assert not problems, "\n".join(problems)
