"""Plain English, measured: every stage's short form (`in_brief`) and every glossary meaning reads
at about a reading age of 12, by the Flesch-Kincaid grade (US grade 7 is a reading age of 12).
The figures are printed (`pytest -s`); a text that fails is named with its grade.

The full descriptors keep the source's words and read at about grade 12: they are one click away
wherever a brief is shown, and are not measured here."""

from __future__ import annotations

from statistics import fmean

import pytest
import textstat

from framework.loader import load

DEFS = load()
FW2010 = DEFS.framework("imroc-challenges@2010")

# A text may be a little harder than the aim; taken together, they must meet it.
EACH_AT_MOST = 9.0
AVERAGE_AT_MOST = 7.0

BRIEFS = {
    f"{c.id} stage {s.stage}": s.in_brief for c in FW2010.challenges for s in c.stages
}  # fmt: skip
MEANINGS = {t.id: t.meaning for t in DEFS.glossary.terms}


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def report(name: str, texts: dict[str, str]) -> dict[str, float]:
    grades = {key: grade(text) for key, text in texts.items()}
    print(f"\n{name}: Flesch-Kincaid grade of each")
    for key, value in grades.items():
        print(f"  {value:5.1f}  {key}")
    print(
        f"  {name}: {len(grades)} texts, average {fmean(grades.values()):.1f}, "
        f"hardest {max(grades.values()):.1f}, easiest {min(grades.values()):.1f}"
    )
    return grades


@pytest.mark.parametrize(("name", "texts"), [("Stage briefs (2010)", BRIEFS),
                                             ("Glossary meanings", MEANINGS)])  # fmt: skip
def test_each_text_reads_at_about_a_reading_age_of_12(name, texts):
    grades = report(name, texts)

    too_hard = {k: round(g, 1) for k, g in grades.items() if g > EACH_AT_MOST}
    assert not too_hard, f"{name} above grade {EACH_AT_MOST}: {too_hard}"
    assert fmean(grades.values()) <= AVERAGE_AT_MOST


def test_the_briefs_are_plainer_than_the_descriptors_they_sum_up():
    briefs = [grade(s.in_brief) for c in FW2010.challenges for s in c.stages]
    descriptors = [grade(s.descriptor) for c in FW2010.challenges for s in c.stages]
    print(f"\nDescriptors, as published: average grade {fmean(descriptors):.1f}")
    assert fmean(briefs) < fmean(descriptors) - 4


def test_the_measure_tells_plain_from_hard():
    """The formula itself: short words in short sentences score low, and long ones high."""
    assert grade("The room picks one stage. Then it sets a goal.") < 4
    assert (
        grade(
            "Organisational commitment necessitates comprehensive reconfiguration of "
            "interdisciplinary operational governance arrangements."
        )
        > 15
    )
