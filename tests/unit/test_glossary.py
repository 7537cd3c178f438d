"""The glossary: every word the issue names is in it with a meaning and a source, it loads
with the other definitions, and a broken glossary is refused with its file, line and field."""

from __future__ import annotations

from framework.__main__ import main
from framework.loader import DEFINITIONS, load

GLOSSARY = DEFINITIONS / "glossary.yaml"
WORDS = load().glossary

# The words a newcomer meets first, by the id pages link to (`glossary?term=<id>`).
LISTED = {
    "round": "Round",
    "baseline": "Baseline",
    "scope": "Scope",
    "peers": "Peer worker",
    "practice-round": "Practice round",
    "moderated-rating": "Moderated rating",
    "spc": "SPC chart",
    "cquin": "CQUIN",
    "trip": "TRIP",
    "co-production": "Co-production",
    "stage": "Stage",
    "engagement": "Engagement",
    "development": "Development",
    "transformation": "Transformation",
    "template-a": "Template A",
    "template-b": "Template B",
    "stakeholder-group": "Stakeholder group",
    "priority": "Priority for action",
    "smart-goal": "SMART goal",
    "review": "Review",
    "indicator": "Indicator",
    "descriptor": "Stage descriptor",
    "presentation-view": "Presentation view",
}


def test_every_listed_word_is_explained_under_its_own_id():
    assert WORDS is not None and WORDS.title == "Words we use"
    for term_id, name in LISTED.items():
        assert WORDS.term(term_id).term == name
    assert "XmR chart" in WORDS.term("spc").also
    assert "Plan-Do-Study-Act" in WORDS.term("review").also


def test_each_meaning_cites_a_source_of_the_file_and_keeps_the_methods_facts():
    sources = {s.id for s in WORDS.sources}
    assert all(t.source in sources for t in WORDS.terms)
    assert "1 Engagement, 2 Development or 3 Transformation" in WORDS.term("stage").meaning
    assert "3 to 5 priorities" in WORDS.term("trip").meaning
    assert "no more than five" in WORDS.term("priority").meaning
    assert "Specific, Measurable, Agreed-upon, Realistic and Time-based" in (
        WORDS.term("smart-goal").meaning
    )


def test_the_shipped_glossary_checks_clean(capsys):
    assert main(["check", str(GLOSSARY)]) == 0
    assert "glossary glossary@1: 29 terms" in capsys.readouterr().out


def test_a_broken_glossary_is_refused_naming_the_file_line_and_field(tmp_path, capsys):
    text = GLOSSARY.read_text(encoding="utf-8")
    broken = tmp_path / "glossary.yaml"
    broken.write_text(
        text.replace("    source: making-data-count", "    source: a-blog", 1).replace(
            "    term: Baseline", "    term: Round", 1
        ),
        encoding="utf-8",
    )

    assert main(["check", str(broken)]) == 1

    out = capsys.readouterr().out.splitlines()
    spc = next(i for i, t in enumerate(WORDS.terms) if t.id == "spc")
    baseline = next(i for i, t in enumerate(WORDS.terms) if t.id == "baseline")
    assert any(
        line.startswith(f"{broken}:")
        and f": terms[{spc}].source: source 'a-blog' is not listed" in line
        for line in out
    ), out
    assert any(f": terms[{baseline}].term: 'Round' is named twice" in line for line in out), out
    assert len(out) == 2


def test_a_term_without_a_meaning_is_refused(tmp_path, capsys):
    text = GLOSSARY.read_text(encoding="utf-8")
    broken = tmp_path / "glossary.yaml"
    broken.write_text(text.replace("    meaning: >-", "    means: >-", 1), encoding="utf-8")

    assert main(["check", str(broken)]) == 1

    out = capsys.readouterr().out
    assert "terms[0]: missing key 'meaning' (expected it to be present)" in out
    assert "terms[0]: unknown key 'means' (expected one of id, term, also, meaning, source)" in out


def test_a_meaning_said_better_needs_no_new_version(tmp_path, capsys):
    """The words explained are never rated on: rewording one changes what no round means."""
    reworded = tmp_path / "glossary.yaml"
    text = GLOSSARY.read_text(encoding="utf-8")
    reworded.write_text(text.replace("Where you start,", "Where things start,", 1), "utf-8")

    assert main(["check", str(reworded)]) == 0, capsys.readouterr().out
