"""A commissioner in Chromium imports the team file a provider sent: a broken file is refused
with every problem and its line, the good one imports, and the team is in the portfolio."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, follow, shot, sign_in, wait_for_app

FILES = ROOT / "tests" / "unit" / "exchange_files"
TEAM = "Harbour Lane Community Team (fictional)"


def upload(page, name: str) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(FILES / name))
    expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible()
    page.get_by_role("button", name="Check and import").click()
    wait_for_app(page)


def test_a_commissioner_imports_a_team_file_and_sees_the_team(app_server, page):
    page.goto(f"{app_server.url}/reports")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Import a team's file")).to_be_visible()
    sign_in(page, "Rana Commissioner")

    upload(page, "several-problems.yaml")
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    expect(page.get_by_text("several-problems.yaml:").first).to_be_visible()
    page.get_by_text("several-problems.yaml:").last.scroll_into_view_if_needed()
    shot(page, "46-team-file-refused")

    page.get_by_role("button", name="Remove several-problems.yaml").click()
    upload(page, "valid.yaml")
    expect(
        page.get_by_text(f"{TEAM} (Brookvale Demo Partnership Trust (fictional)): created")
    ).to_be_visible()
    shot(page, "47-team-file-imported")

    follow(page, "See it in the portfolio")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").get_by_text(TEAM)).to_be_attached()
