"""A board secretary in Chromium downloads the provider's board report from the demo, and it
converts to PDF in headless LibreOffice: the file that prints. A provider downloads the files
of all its teams in one zip, to send to its commissioner, who imports the zip as it came."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from exports.team_file import team_file
from tests.artifacts import REPORTS
from tests.e2e.conftest import choose_option, service_on, shot, sign_in, wait_for_app
from tests.libreoffice import to_pdf


def downloaded(page, button, folder: Path) -> Path:
    """Click a download button and keep the file under the name the app gave it."""
    with page.expect_download() as waited:
        button.click()
    download = waited.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def test_a_board_secretary_downloads_the_report(demo_server, page, tmp_path):
    page.goto(f"{demo_server.url}/reports")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Board report")).to_be_visible()
    page.get_by_role("button", name="Build the report").click()
    download_button = page.get_by_role("button", name="Download recovery-report-")
    expect(download_button).to_be_visible(timeout=60_000)
    shot(page, "45-board-report-ready")
    book = downloaded(page, download_button, tmp_path)
    assert book.name.startswith("recovery-report-northfield-demo")
    assert zipfile.is_zipfile(book)  # an .xlsx is a zip of XML parts

    pdf = to_pdf(book, tmp_path)
    REPORTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(book, REPORTS / "board-report-from-the-browser.xlsx")
    shutil.copy(pdf, REPORTS / "board-report-from-the-browser.pdf")


def test_a_provider_downloads_every_teams_file_in_one_zip(demo_server, page, tmp_path):
    svc = service_on(demo_server)
    team = svc.providers.teams()[0]
    teams = svc.providers.teams(team.organisation_id)
    page.goto(f"{demo_server.url}/reports")
    wait_for_app(page)
    choose_option(page, "Team", team.name)
    wait_for_app(page)
    button = page.get_by_role("button", name=f"Download every team of this provider ({len(teams)}")
    button.scroll_into_view_if_needed()
    shot(page, "49-team-files-of-a-provider")

    saved = downloaded(page, button, tmp_path)
    assert saved.name.startswith("team-files-northfield-demo")

    archive = zipfile.ZipFile(saved)
    assert len(archive.namelist()) == len(teams)
    assert {archive.read(n).decode("utf-8") for n in archive.namelist()} == {
        team_file(svc, t.id) for t in teams
    }
    svc.engine.dispose()

    # Sent back as it came, the zip imports file by file, and the store has it all already.
    sign_in(page, "Rana Commissioner")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(saved))
    expect(page.get_by_role("button", name=f"Remove {saved.name}")).to_be_visible()
    wait_for_app(page)
    page.get_by_role("button", name="Check and import").click()
    wait_for_app(page)
    expect(page.get_by_text(f"{len(teams)} of {len(teams)} files imported.")).to_be_visible()
    outcomes = page.get_by_test_id("stAlertContentSuccess")
    expect(outcomes).to_have_count(len(teams))
    expect(outcomes.first).to_contain_text("Created nothing.")
    outcomes.first.scroll_into_view_if_needed()
    shot(page, "50-team-files-zip-imported")
