"""Words we use: the glossary page shows every word under an anchor of its own, opens at the
word a link names, and a page's first use of a word carries its meaning and a link to it."""

from __future__ import annotations

from html import escape

from framework.loader import load
from pages.kit import routes
from tests.app.conftest import open_page

GLOSSARY = load().glossary
FW2010 = load().framework("imroc-challenges@2010")


def links_to_glossary(at) -> list[str]:
    return [e.proto.label for e in at.get("page_link") if e.proto.page == "glossary"]


def test_every_word_is_a_heading_with_its_anchor_and_a_named_word_comes_first():
    at = open_page(routes.GLOSSARY.path, term="baseline")

    assert [t.value for t in at.title] == ["Words we use"]
    words = sorted(GLOSSARY.terms, key=lambda t: t.term.lower())
    assert [(h.value, h.proto.anchor) for h in at.subheader] == [(t.term, t.id) for t in words]
    shown = [m.value for m in at.markdown]
    assert all(t.meaning in shown for t in GLOSSARY.terms)
    baseline = GLOSSARY.term("baseline")
    first = next(m for m in shown if not m.startswith("<style>"))
    assert first == f"**Baseline**: {baseline.meaning}"


def test_home_and_rounds_explain_their_words_where_they_first_use_them():
    at = open_page()  # Home

    assert links_to_glossary(at) == ["Words we use: what the method's words mean, in plain English"]
    step_one = at.subheader[0]
    assert step_one.value.startswith("1. Rate the ten challenges (Template A)")
    assert GLOSSARY.term("template-a").meaning in step_one.proto.help
    assert "glossary?term=template-a" in step_one.proto.help

    at.switch_page(routes.ROUNDS.path).run()

    help_text = at.title[0].proto.help
    assert help_text.startswith(f"**Round**: {GLOSSARY.term('round').meaning}")
    assert help_text.endswith("[More in Words we use](glossary?term=round)")


def test_the_framework_page_gives_each_stage_in_plain_words_and_the_full_one_a_click_away():
    at = open_page(routes.FRAMEWORK.path, challenge="c08-workforce")

    stages = next(h for h in at.header if h.value == "The three stages")
    assert GLOSSARY.term("engagement").meaning in stages.proto.help
    assert links_to_glossary(at) == ["Words we use: what the method's words mean, in plain English"]
    challenge = FW2010.challenge("c08-workforce")
    cards = [m.value for m in at.markdown if 'class="stage-card' in m.value]
    (full,) = [e for e in at.expander if e.label == "The full stage descriptors"]
    inside = [m.value for m in full.markdown]
    for n in (1, 2, 3):
        assert any(_escaped(challenge.in_brief(n)) in c for c in cards if c not in inside)
        assert any(_escaped(challenge.descriptor(n)) in c for c in inside)


def _escaped(text: str) -> str:
    return escape(" ".join(text.split()))
