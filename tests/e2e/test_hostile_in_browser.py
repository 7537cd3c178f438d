"""Hostile files and wrong addresses in Chromium: each is refused in plain words with the file
and line, the app carries on, and no traceback ever reaches the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.demo_store import demo_file
from tests.e2e.conftest import AppServer, service_on, shot, sign_in, wait_for_app
from tests.e2e.test_team_file_in_browser import upload
from tests.hostile import files
from tests.hostile.payloads import TRACKER, poison

pytestmark = pytest.mark.e2e


def test_an_alias_bomb_a_zip_bomb_and_a_deep_file_are_refused_in_plain_words(
    app_server, page, tmp_path
):
    bomb, deep, zipped = tmp_path / "bomb.yaml", tmp_path / "deep.yaml", tmp_path / "q3.zip"
    bomb.write_bytes(files.alias_bomb(levels=12))
    deep.write_bytes(files.deep(50_000))
    zipped.write_bytes(files.zipped(("team.yaml", b"x" * 20_000_000)))
    page.goto(f"{app_server.url}/reports")
    wait_for_app(page)
    sign_in(page, "Rana Commissioner")

    upload(page, bomb, deep, zipped)

    expect(page.get_by_text("0 of 3 files imported")).to_be_visible()
    expect(page.get_by_text("bomb.yaml:1: (file): uses a YAML anchor or alias")).to_be_visible()
    expect(page.get_by_text("deep.yaml:2: (file): nests more than 24 levels deep")).to_be_visible()
    expect(page.get_by_text("q3.zip:1: (file): team.yaml unpacks")).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    page.get_by_text("0 of 3 files imported").evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, "51-hostile-files-refused")


def test_a_trip_round_on_the_workshop_page_says_where_it_opens_with_no_traceback(demo_server, page):
    svc = service_on(demo_server)
    trip = next(r for t in svc.providers.teams() for r in svc.trip.trip_rounds(t.id))
    svc.engine.dispose()
    page.goto(f"{demo_server.url}/workshop?round={trip.id}")
    wait_for_app(page)
    expect(page.get_by_text(f"Round {trip.id} is a TRIP round")).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory, definitions):
    """A server on the demo with markdown and HTML in every free-text field."""
    server = AppServer(tmp_path_factory.mktemp("payload"))
    demo_file(server.data / "recovery.db", definitions, teams=3, rounds=2)
    poison(server.data / "recovery.db")
    server.start()
    yield server
    server.stop()


def test_typed_markdown_and_html_show_as_typed_and_load_nothing(payload_server, page):
    svc = service_on(payload_server)
    org = svc.providers.organisations()[0]
    whole = next(r for r in svc.rounds.rounds(org.id) if r.team_id is None)
    plan = svc.plans.plans(org.id)[0]
    trip = next(r for t in svc.providers.teams(org.id) for r in svc.trip.trip_rounds(t.id))
    svc.engine.dispose()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    by = "by=Sam+Okafor+%28Facilitator%29"
    for where in (
        f"summary?round={whole.id}",
        f"rounds?org={org.id}",
        f"plan?plan={plan.id}&{by}",
        f"trip-benchmarks?round={trip.id}&{by}",
    ):
        page.goto(f"{payload_server.url}/{where}")
        wait_for_app(page)
        expect(page.get_by_text("**bold", exact=False).first).to_be_visible()
        made = page.locator(f'img[src*="{TRACKER}"], a[href*="{TRACKER}"]')
        assert made.count() == 0, made.first.evaluate("e => e.parentElement.outerHTML")
        made_bold = page.locator("b, strong").filter(has_text=re.compile(r"^(bold|html)\d+$"))
        assert made_bold.count() == 0
        assert page.get_by_text("Traceback").count() == 0
    shot(page, "52-typed-markup-shown-as-text")
    assert [url for url in asked if TRACKER in url] == []
