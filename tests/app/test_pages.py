"""Each page renders from app.py and shows what a person came for."""

from __future__ import annotations

import shutil

from framework import loader
from pages.kit import routes, ui
from tests.app.conftest import open_page


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def challenge_headings(at) -> list[str]:
    return [s for s in texts(at.subheader) if s.startswith("Challenge ")]


def test_home_explains_the_workflow():
    at = open_page()

    assert texts(at.title) == ["Recovery self-assessment and TRIP"]
    steps = texts(at.subheader)
    assert steps[0].startswith("1. Rate the ten challenges (Template A)")
    assert any("Template B" in s for s in steps)
    assert any("TRIP" in s for s in steps)
    assert any("never more than five" in m for m in texts(at.markdown))


def test_framework_page_shows_the_stages_and_the_first_challenge(framework_page):
    at = framework_page

    assert texts(at.header) == [
        "Ten organisational challenges for recovery (2010)",  # the framework shown
        "The three stages",
        "The ten challenges",
    ]
    cards = " ".join(texts(at.markdown))
    for stage in ("Stage 1 · Engagement", "Stage 2 · Development", "Stage 3 · Transformation"):
        assert stage in cards
    assert challenge_headings(at) == [
        "Challenge 1: Changing the nature of day-to-day interactions and the quality of experience"
    ]
    assert "We are not cases and you are not our managers!" in cards
    assert "Example service-level indicators" in cards and "Possible data sources" in cards


def test_next_moves_to_the_following_challenge_and_the_url_follows(framework_page):
    at = framework_page

    at.button[1].click().run()  # Next →

    assert challenge_headings(at)[0].startswith("Challenge 2:")
    assert at.query_params["challenge"] == "c02-education"
    assert not at.button[0].disabled  # Previous is usable straight away
    at.button[0].click().run()  # ← Previous
    assert challenge_headings(at)[0].startswith("Challenge 1:")


def test_previous_is_disabled_on_the_first_challenge(framework_page):
    assert framework_page.button[0].disabled
    assert not framework_page.button[1].disabled


def test_a_refresh_resumes_on_the_challenge_in_the_url():
    at = open_page(routes.FRAMEWORK.path, challenge="c06-risk")

    assert challenge_headings(at) == [
        "Challenge 6: Changing the way we approach risk assessment and management"
    ]
    assert "less than 25%" in " ".join(texts(at.markdown))


def test_an_unknown_challenge_in_the_url_falls_back_to_the_first():
    at = open_page(routes.FRAMEWORK.path, challenge="c99-nothing")

    assert challenge_headings(at)[0].startswith("Challenge 1:")


def test_choosing_a_challenge_from_the_list(framework_page):
    at = framework_page

    at.selectbox[0].select("c08-workforce").run()

    assert challenge_headings(at)[0] == "Challenge 8: Transforming the workforce"
    assert "5-10" in " ".join(texts(at.markdown))


def test_2018_wording_shows_the_new_title_and_the_2010_one(framework_page):
    at = framework_page

    at.selectbox[0].select("c06-risk").run()
    at.segmented_control(key="framework_version").set_value("imroc-challenges@2018").run()

    assert challenge_headings(at)[0].startswith("Challenge 6: Reducing restrictive practice")
    assert "Changing the way we approach risk" in texts(at.info)[0]
    assert any("as published in imroc-challenges@2010" in c for c in texts(at.caption))
    assert at.query_params["version"] == "imroc-challenges@2018"


def test_all_ten_lists_every_challenge(framework_page):
    at = framework_page

    at.segmented_control(key="framework_layout").set_value("All ten").run()

    assert [s.split(":")[0] for s in challenge_headings(at)] == [
        f"Challenge {n}" for n in range(1, 11)
    ]


def test_broken_definitions_show_every_problem_instead_of_a_traceback(tmp_path, monkeypatch):
    for path in loader.DEFINITIONS.glob("*.yaml"):
        shutil.copy(path, tmp_path)
    broken = tmp_path / "imroc-challenges-2010.yaml"
    broken.write_text(broken.read_text().replace("number: 3\n", "number: 33\n", 1))
    monkeypatch.setattr(loader, "DEFINITIONS", tmp_path)
    ui._definitions.clear()
    try:
        at = open_page()
    finally:
        ui._definitions.clear()

    assert not at.title
    message = at.error[0].value
    assert "could not be loaded" in message
    line = broken.read_text().splitlines().index("  - number: 33") + 1
    assert (
        f"imroc-challenges-2010.yaml:{line}: stages[2].number: stage 33 is out of range" in message
    )


def test_home_says_where_the_records_are_kept(own_store):
    at = open_page()

    assert any(f"Records are kept in `sqlite:///{own_store}`" in c for c in texts(at.caption))
    assert own_store.is_file()


def test_a_store_that_cannot_be_opened_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path}/missing/dir/x.db")

    at = open_page()

    assert "The records cannot be opened, so nothing was read or changed" in at.error[0].value
