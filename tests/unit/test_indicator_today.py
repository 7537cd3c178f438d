"""The indicator library's notes on today's equivalents: every indicator whose words name a
dated reference has one, in the project's own words; the notes are not rated content, so they
change no version; a note on an indicator that does not use its term is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framework.__main__ import check
from framework.loader import DEFINITIONS, load
from tests.own_words import runs
from tests.unit.test_today_notes import DATED, SEEDS, _found

DEFS = load()
SHIPPED = DEFINITIONS / "indicators.yaml"


def _words(indicator) -> str:
    return " ".join((indicator.name, indicator.description or "", indicator.data_source))


def test_every_indicator_that_names_a_dated_reference_has_a_note_beside_it():
    missing = [
        f"{i.id}: {term}"
        for i in DEFS.indicators
        for term, note in DATED.items()
        if _found(term, _words(i))
        and not any(n.term.startswith(note) for n in DEFS.today_for_indicator(i.id))
    ]
    assert missing == []
    assert {n.term for n in DEFS.indicator_notes} == {"CPA", "PSA 16"}


def test_the_notes_name_the_indicators_that_use_them_and_keep_their_facts():
    psa = DEFS.today_for_indicator("employment-rate")
    assert [n.term for n in psa] == ["PSA 16"] and psa[0].since == 2010
    assert "Adult Social Care Outcomes Framework" in psa[0].now
    cpa = DEFS.today_for_indicator("crisis-wrap-plans")
    assert [n.term for n in cpa] == ["CPA"] and "July 2023" in cpa[0].now
    assert DEFS.today_for_indicator("sickness-absence") == ()
    # The indicators keep the methodology's words; the note sits beside them.
    by_id = {i.id: i for i in DEFS.indicators}
    assert "PSA 16" in by_id["employment-rate"].description


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are in ../shared/seeds")
def test_the_notes_are_in_the_projects_own_words():
    source = set().union(*(runs(p.read_text(errors="replace")) for p in SEEDS.glob("*.txt")))
    shared = [
        n.term for n in DEFS.indicator_notes for text in (n.was, n.now) if runs(text) & source
    ]
    assert shared == []


def _copy(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_copy_from_before_the_notes_is_still_the_same_version(tmp_path, capsys):
    before = _copy(tmp_path, lambda d: d.pop("today"))

    assert check([str(before)]) == 0, capsys.readouterr().out


def test_a_note_on_an_indicator_that_does_not_use_the_term_is_refused(tmp_path, capsys):
    def edit(data):
        data["today"][1]["indicators"] += ["staff-turnover", "no-such-indicator"]

    wrong = _copy(tmp_path, edit)

    assert check([str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "indicator 'staff-turnover' does not use the term 'PSA 16'" in out
    assert "'no-such-indicator' is not an indicator of this library" in out
