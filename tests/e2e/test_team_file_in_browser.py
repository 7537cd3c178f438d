"""A commissioner in Chromium imports the team files providers sent, two at once: the broken
one is refused with every problem and its line, the good one imports; a later file keeps what
the commissioner's store changed itself and says so; and the team is in the portfolio, by its
TRIP."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from assessments.records import Actor
from tests.e2e.conftest import ROOT, follow, service_on, shot, sign_in, wait_for_app
from tests.unit.team_file_helpers import sign_a_version_here

FILES = ROOT / "tests" / "unit" / "exchange_files"
TEAM = "Harbour Lane Community Team (fictional)"


def upload(page, *paths: Path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(p) for p in paths])
    for path in paths:
        expect(page.get_by_role("button", name=f"Remove {path.name}")).to_be_visible()
    wait_for_app(page)  # the run the upload started enables the button
    page.get_by_role("button", name="Check and import").click()
    wait_for_app(page)


def sign_a_version_in_the_store(server) -> None:
    """The commissioner's store changes the imported plan itself: a version 2, signed."""
    svc = service_on(server)
    team = next(t for t in svc.providers.teams() if t.name == TEAM)
    (plan,) = svc.plans.plans(team.organisation_id, team.id)
    sign_a_version_here(svc, Actor("Rana Commissioner", "Commissioner"), plan.id)
    svc.engine.dispose()


def test_a_commissioner_imports_a_team_file_and_sees_the_team(app_server, page, tmp_path):
    page.goto(f"{app_server.url}/reports")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Import team files")).to_be_visible()
    sign_in(page, "Rana Commissioner")

    upload(page, FILES / "several-problems.yaml", FILES / "valid.yaml")
    expect(
        page.get_by_text("1 of 2 files imported. Refused: 1, each with its problems")
    ).to_be_visible()
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    expect(page.get_by_text("several-problems.yaml:").first).to_be_visible()
    imported = page.get_by_test_id("stAlertContentSuccess")
    expect(imported).to_contain_text(f"{TEAM} (Brookvale Demo Partnership Trust (fictional))")
    expect(imported).to_contain_text("Created the provider, the team, 1 Template A round")
    page.get_by_text("Nothing was imported").evaluate("e => e.scrollIntoView({block: 'center'})")
    shot(page, "46-team-file-refused")
    imported.scroll_into_view_if_needed()
    shot(page, "47-team-file-imported")

    sign_a_version_in_the_store(app_server)
    later = tmp_path / "later.yaml"
    figure = "        note: From the monthly audit.\n"
    later.write_text(
        (FILES / "valid.yaml")
        .read_text()
        .replace(
            figure,
            figure + "      - goal: g1\n        measured_on: 2026-07-31\n        value: 40\n",
        )
    )
    for name in ("several-problems.yaml", "valid.yaml"):
        page.get_by_role("button", name=f"Remove {name}").click()
        expect(page.get_by_role("button", name=f"Remove {name}")).to_have_count(0)
    # Only the server's run after the last removal disables the button: a file chosen before
    # that run has finished can be lost.
    expect(page.get_by_role("button", name="Check and import")).to_be_disabled()
    wait_for_app(page)
    upload(page, later)
    kept = page.get_by_text("Left as they were, because this store's copy went another way")
    expect(kept).to_be_visible()
    expect(kept).to_contain_text("the Template B plan on 6. Changing approaches to risk")
    kept.scroll_into_view_if_needed()
    shot(page, "48-team-file-kept-the-stores-own-version")

    follow(page, "Open the portfolio's teams by their TRIP")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").get_by_text(TEAM)).to_be_attached()
