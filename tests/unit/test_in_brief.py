"""The short form of each stage descriptor, for a projector: every stage of the shipped
framework has one, it fits, it keeps the descriptor's thresholds, it is said afresh, and the
2018 wording takes the same briefs from 2010."""

from __future__ import annotations

import re

import pytest

from framework.__main__ import main
from framework.loader import DEFINITIONS, load
from framework.model import BRIEF_MAX, Challenge, StageDescriptor
from tests.own_words import runs

DEFS = load()
FW2010 = DEFS.framework("imroc-challenges@2010")
FW2018 = DEFS.framework("imroc-challenges@2018")

STAGES = [(c, s) for c in FW2010.challenges for s in c.stages]
IDS = [f"{c.id}-stage-{s.stage}" for c, s in STAGES]

# Figures a room tells the stages apart by: percentages and ranges such as "5-10".
FIGURE = re.compile(r"\d+(?:-\d+)?%?")


def figures(text: str) -> set[str]:
    return {f for f in FIGURE.findall(text) if "%" in f or "-" in f}


def test_the_limit_is_170_characters():
    assert BRIEF_MAX == 170


@pytest.mark.parametrize(("challenge", "stage"), STAGES, ids=IDS)
def test_every_stage_has_a_brief_that_fits(challenge, stage):
    assert stage.in_brief, f"{challenge.id} stage {stage.stage} has no in_brief"
    assert len(stage.in_brief) <= BRIEF_MAX
    assert len(stage.in_brief) < len(stage.descriptor)


@pytest.mark.parametrize(("challenge", "stage"), STAGES, ids=IDS)
def test_a_brief_keeps_the_descriptors_percentages_and_ranges_and_adds_none(challenge, stage):
    assert figures(stage.in_brief) == figures(stage.descriptor)


@pytest.mark.parametrize(("challenge", "stage"), STAGES, ids=IDS)
def test_a_brief_is_one_or_two_plain_sentences(challenge, stage):
    brief = stage.in_brief
    assert brief.endswith("."), brief
    assert len(re.findall(r"[.!?](?:\s|$)", brief)) <= 2, brief
    assert "\n" not in brief and "  " not in brief


@pytest.mark.parametrize(("challenge", "stage"), STAGES, ids=IDS)
def test_a_brief_says_it_afresh_rather_than_quoting_the_descriptor(challenge, stage):
    assert runs(stage.in_brief, 6) & runs(stage.descriptor, 6) == set()


@pytest.mark.parametrize(
    ("challenge", "stage", "facts"),
    [
        ("c02-education", 1, ["25%"]),
        ("c02-education", 2, ["50%", "Board"]),
        ("c02-education", 3, ["75%", "champions of change"]),
        ("c05-personalisation", 2, ["50%"]),
        ("c05-personalisation", 3, ["75%", "WRAP", "joint crisis plans", "advocacy"]),
        ("c06-risk", 1, ["25%"]),
        ("c06-risk", 2, ["50%", "their own risk"]),
        ("c07-involvement", 2, ["50%", "coaches", "mentors"]),
        ("c07-involvement", 3, ["experts by experience", "on tap, not on top"]),
        ("c08-workforce", 2, ["5-10", "at least two", "each team"]),
        ("c10-beyond-illness", 3, ["IPS", "every team", "settled accommodation"]),
    ],
)
def test_a_brief_keeps_the_facts_that_set_its_stage_apart(challenge, stage, facts):
    brief = FW2010.challenge(challenge).in_brief(stage)
    for fact in facts:
        assert fact.lower() in brief.lower(), f"{challenge} {stage}: {fact!r} missing"


def test_the_three_briefs_of_a_challenge_differ():
    for c in FW2010.challenges:
        assert len({c.in_brief(n) for n in (1, 2, 3)}) == 3, c.id


def test_2018_takes_the_briefs_from_2010():
    for c in FW2018.challenges:
        base = FW2010.challenge(c.maps_to)
        for n in (1, 2, 3):
            assert c.in_brief(n) == base.in_brief(n), (c.id, n)
    assert FW2018.challenge("c06-safety").in_brief(1).startswith("Open, recovery-based risk")


def test_without_a_brief_the_full_descriptor_is_shown():
    challenge = Challenge(
        id="c01-talk",
        number=1,
        title="Talking",
        stages=(
            StageDescriptor(stage=1, descriptor="Few do it, and fewer say so."),
            StageDescriptor(stage=2, descriptor="Half do it, most of the time.", in_brief="Half."),
        ),
    )
    assert challenge.in_brief(1) == "Few do it, and fewer say so."
    assert challenge.in_brief(2) == "Half."
    assert challenge.descriptor(2) == "Half do it, most of the time."


def test_a_long_brief_in_a_copy_of_the_shipped_file_is_refused_with_file_and_path(tmp_path, capsys):
    shipped = DEFINITIONS / "imroc-challenges-2010.yaml"
    brief = FW2010.challenge("c02-education").in_brief(1)
    text = shipped.read_text(encoding="utf-8")
    assert text.count("in_brief: >-\n") == 30
    longer = brief + " Funding, a home and a champion are still awaited." * 2
    assert len(longer) > BRIEF_MAX
    path = tmp_path / "imroc-challenges-2010.yaml"
    path.write_text(text.replace(brief, longer), encoding="utf-8")

    assert main(["check", str(path)]) == 1

    out = capsys.readouterr().out
    assert out.startswith(f"{path}:")
    assert (
        f": challenges[1].stages[0].in_brief: is {len(longer)} characters long "
        f"(expected at most {BRIEF_MAX} characters)"
    ) in out
    assert len(out.splitlines()) == 1
