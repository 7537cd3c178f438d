"""Notes on today's equivalents of dated references: every dated term the shipped text uses has
one, in the project's own words; the notes are not rated content, so they change no version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from framework.__main__ import check
from framework.loader import DEFINITIONS, load
from tests.own_words import runs

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DEFS = load()
FW2010 = DEFS.framework("imroc-challenges@2010")
SHIPPED_2010 = DEFINITIONS / "imroc-challenges-2010.yaml"

# Dated references, as a text might spell them, and the note that answers for each. Written by
# hand: a term that is added to a file's text must be added here and given a note.
DATED = {
    "CPA": "CPA",
    "care programme approach": "CPA",
    "Care Programme Approach": "CPA",
    "LINks": "LINks",
    "Local Involvement Networks": "LINks",
    "DDA": "DDA",
    "Disability Discrimination Act": "DDA",
    "PSA": "PSA",
    "Public Service Agreement": "PSA",
    "CRB": "CRB",
    "Criminal Records": "CRB",
    "individual budgets": "individual budgets",
    "National Social Inclusion Programme": "National Social Inclusion Programme",
    "NSIP": "National Social Inclusion Programme",
}
# Dated references no shipped text uses today; one that appears needs a note first.
NOT_USED = [
    "Strategic Health Authority",
    "Primary Care Trust",
    "PCT",
    "Skills for Health",
    "Healthcare Commission",
    "Audit Commission",
    "Local Area Agreement",
    "Supporting People",
    "Incapacity Benefit",
    "Clinical Commissioning Group",
    "CCG",
    "IAPT",
]


def _found(term: str, text: str) -> bool:
    # Case counts: "LINks" is the networks, "links" is not.
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", " ".join(text.split())) is not None


def _challenge_text(c) -> str:
    parts = [*(c.indicators or ()), *(c.data_sources or ())]
    parts += [t for s in c.stages or () for t in (s.descriptor, s.in_brief or "")]
    return " ".join(parts)


@pytest.mark.parametrize("ref", sorted(DEFS.frameworks))
def test_every_dated_term_in_a_challenge_has_a_note_beside_it(ref):
    fw = DEFS.framework(ref)
    missing = [
        f"{c.id}: {term}"
        for c in fw.challenges
        for term, note in DATED.items()
        if _found(term, _challenge_text(c)) and note not in {n.term for n in fw.today_for(c.id)}
    ]
    assert missing == []


def test_the_2010_file_notes_each_dated_reference_it_uses():
    assert {n.term for n in FW2010.today} == set(DATED.values())
    assert all(n.since >= 2008 for n in FW2010.today)


@pytest.mark.parametrize("definition", sorted(DEFINITIONS.glob("*.yaml")), ids=lambda p: p.name)
def test_no_file_uses_a_dated_reference_left_without_a_note(definition):
    text = definition.read_text(encoding="utf-8")
    assert [t for t in NOT_USED if _found(t, text)] == []


def test_a_revision_carries_the_notes_onto_its_own_challenge_ids():
    fw = DEFS.framework("imroc-challenges@2018-adapted")

    assert "CPA" in {n.term for n in fw.today_for("c06-safety")}
    assert "PSA" in {n.term for n in fw.today_for("c10-life-goals")}
    assert fw.today_for("c06-risk") == ()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are in ../shared/seeds")
def test_the_notes_are_in_the_projects_own_words():
    source = set().union(*(runs(p.read_text(errors="replace")) for p in SEEDS.glob("*.txt")))
    shared = [
        f"{n.term}: {' '.join(sorted(runs(text) & source)[0])}"
        for n in FW2010.today
        for text in (n.was, n.now)
        if runs(text) & source
    ]
    assert shared == []


def _copy(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(SHIPPED_2010.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "copy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_copy_from_before_the_notes_is_still_the_same_version(tmp_path, capsys):
    """Notes are read beside the text and change no rated content: a file of the same version
    saved before they were added (or with them reworded) must not be refused as different, or
    bringing a note up to date would force a new version and split rounds that mean the same."""
    before = _copy(tmp_path, lambda d: d.pop("today"))

    assert check([str(before)]) == 0, capsys.readouterr().out


def test_a_copy_with_the_briefs_and_summary_worded_otherwise_is_still_the_same_version(
    tmp_path, capsys
):
    """The plain-English briefs and the summary were rewritten under version 2010 (issue 20):
    a trust's copy from before, with the older wording, still means the same rounds."""

    def edit(data):
        data["summary"] = "An older summary, in longer words."
        for stage in data["challenges"][0]["stages"]:
            stage["in_brief"] = "An older brief, in longer words."

    assert check([str(_copy(tmp_path, edit))]) == 0, capsys.readouterr().out


def test_a_changed_descriptor_under_the_same_version_is_still_refused(tmp_path, capsys):
    def edit(data):
        data["challenges"][0]["stages"][0]["descriptor"] += " Changed."

    changed = _copy(tmp_path, edit)

    assert check([str(changed)]) == 1
    assert "is shipped with different content" in capsys.readouterr().out


def test_a_note_on_a_challenge_that_does_not_use_the_term_is_refused(tmp_path, capsys):
    def edit(data):
        data["today"][0]["challenges"].append("c01-interactions")

    wrong = _copy(tmp_path, edit)

    assert check([str(wrong)]) == 1
    assert "challenge 'c01-interactions' does not use the term 'CPA'" in capsys.readouterr().out
