"""The framework page shows today's equivalent beside a dated reference in a challenge's text,
and leaves a challenge without one free of notes."""

from __future__ import annotations

from pages.kit import routes
from tests.app.conftest import open_page


def notes(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("**Today:**")]


def test_a_challenge_that_names_the_cpa_says_what_replaced_it():
    at = open_page(
        routes.FRAMEWORK.path, version="imroc-challenges@2010", challenge="c04-leadership"
    )

    shown = notes(at)
    assert len(shown) == 1
    assert shown[0].startswith("**Today:** CPA (changed in 2023).")
    assert "Care Programme Approach" in shown[0]
    assert "Community Mental Health Framework" in shown[0]
    # The descriptor itself keeps the paper's words.
    assert any("care programme approach (CPA)" in m.value for m in at.markdown)


def test_a_challenge_with_no_dated_reference_shows_no_note():
    at = open_page(
        routes.FRAMEWORK.path, version="imroc-challenges@2010", challenge="c01-interactions"
    )

    assert notes(at) == []


def test_the_2018_wording_shows_the_notes_of_the_text_it_takes_from_2010():
    at = open_page(
        routes.FRAMEWORK.path, version="imroc-challenges@2018", challenge="c08-workforce"
    )

    assert [n.split(" (")[0] for n in notes(at)] == [
        "**Today:** DDA",
        "**Today:** PSA",
        "**Today:** CRB",
    ]
