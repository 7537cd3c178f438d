"""Hostile files and wrong addresses in Chromium: each is refused in plain words with the file
and line, the app carries on, and no traceback ever reaches the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import service_on, shot, sign_in, wait_for_app
from tests.e2e.test_team_file_in_browser import upload
from tests.hostile import files

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
