"""Plain English, measured: every stage's short form (`in_brief`) in every framework a round can
be held on, every glossary meaning, and the TRIP help read out in a meeting (what each answer
and each kind of asset means) read at about a reading age of 12, by the Flesch-Kincaid grade (US
grade 7 is a reading age of 12). A framework is measured as a room sees it: its own briefs, and
those it takes from the version it revises. The figures are printed (`pytest -s`); a text that
fails is named with its grade.

The full descriptors (the source's, or this tool's where 2018-adapted writes its own) read at about
grade 12: they are one click away wherever a brief is shown, and are held to no limit here."""

from __future__ import annotations

from statistics import fmean

import pytest
import textstat

from framework.loader import load

DEFS = load()
FRAMEWORKS = sorted(DEFS.frameworks)  # a framework file added later is measured too

# A text may be a little harder than the aim; taken together, they must meet it.
EACH_AT_MOST = 9.0
AVERAGE_AT_MOST = 7.0

MEANINGS = {t.id: t.meaning for t in DEFS.glossary.terms}
# Read out in a TRIP meeting: the help beside each statement's answers, and the kinds of asset.
ANSWERS = {f"{s.id} {v.value}": v.description for s in DEFS.scales.values() for v in s.values
           if v.description}  # fmt: skip
ASSET_KINDS = {k.id: k.description for k in DEFS.trip.asset_kinds}


def briefs(ref: str) -> dict[str, str]:
    """What the presentation view shows for each stage of each challenge of framework `ref`."""
    fw = DEFS.framework(ref)
    return {f"{c.id} stage {n}": c.in_brief(n) for c in fw.challenges for n in (1, 2, 3)}


def descriptors(ref: str) -> dict[str, str]:
    fw = DEFS.framework(ref)
    return {f"{c.id} stage {n}": c.descriptor(n) for c in fw.challenges for n in (1, 2, 3)}


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


@pytest.mark.parametrize(
    ("name", "texts"),
    [*((f"Stage briefs ({ref})", briefs(ref)) for ref in FRAMEWORKS),
     ("Glossary meanings", MEANINGS), ("TRIP answer help", ANSWERS),
     ("TRIP asset kinds", ASSET_KINDS)],
    ids=[*FRAMEWORKS, "glossary", "trip-answers", "trip-asset-kinds"],
)  # fmt: skip
def test_each_text_reads_at_about_a_reading_age_of_12(name, texts):
    grades = report(name, texts)

    too_hard = {k: round(g, 1) for k, g in grades.items() if g > EACH_AT_MOST}
    assert not too_hard, f"{name} above grade {EACH_AT_MOST}: {too_hard}"
    assert fmean(grades.values()) <= AVERAGE_AT_MOST


def test_the_three_shipped_frameworks_are_among_those_measured():
    assert {"imroc-challenges@2010", "imroc-challenges@2018",
            "imroc-challenges@2018-adapted"} <= set(FRAMEWORKS)  # fmt: skip


@pytest.mark.parametrize("ref", FRAMEWORKS)
def test_the_briefs_are_plainer_than_the_descriptors_they_sum_up(ref):
    brief = fmean(grade(t) for t in briefs(ref).values())
    full = fmean(grade(t) for t in descriptors(ref).values())
    print(f"\n{ref}: briefs average grade {brief:.1f}, descriptors {full:.1f}")
    assert brief < full - 4


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
