"""The 2018 wording rated on its own terms: imroc-challenges@2018-adapted gives challenges 3, 6, 9
and 10 stage descriptors of their own, marked as this tool's adaptation, keeps 2010's for the
rest, names the 2018 paper's areas for future focus, and leaves imroc-challenges@2018 (and the
rounds made with it) as they were."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from assessments.records import Answer
from framework.__main__ import main
from framework.loader import DEFINITIONS, load
from framework.model import BRIEF_MAX
from tests.own_words import copied_runs, runs
from tests.unit.framework_files import REVISION

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
V2010, V2018, ADAPTED = (
    "imroc-challenges@2010",
    "imroc-challenges@2018",
    "imroc-challenges@2018-adapted",
)
DEFS = load()
FW2010, FW2018, FWA = (DEFS.framework(v) for v in (V2010, V2018, ADAPTED))
OWN_STAGES = {3: "c03-recovery-college", 6: "c06-safety", 9: "c09-staff-wellbeing",
              10: "c10-life-goals"}  # fmt: skip
FILE = DEFINITIONS / "imroc-challenges-2018-adapted.yaml"


def test_a_round_on_the_new_version_rates_3_6_9_and_10_on_adapted_descriptors(service, actor):
    org = service.providers.create_organisation(actor, "Adapted Demo Trust (fictional)", "trust")
    made = service.workshop.create_round(
        actor,
        org.id,
        framework=ADAPTED,
        held_on=date(2026, 11, 2),
        facilitator="Sam Okafor",
        status="agreed",
        answers={cid: Answer(agreed_stage=2) for cid in OWN_STAGES.values()},
        completers={"recovery_lead": "Recovery lead"},
    )
    fw = service.definitions.framework(service.rounds.round(made.id).framework)
    rated = service.workshop.challenge_records(made.id)

    for number, cid in OWN_STAGES.items():
        assert rated[cid].answer.agreed_stage == 2
        challenge, base = fw.challenge(cid), FW2010.challenge(FW2018.challenge(cid).maps_to)
        assert challenge.number == number
        assert challenge.adapted is not None and challenge.adapted.source == "slade-2018"
        assert f"challenge {number}:" in challenge.adapted.passage
        for stage in (1, 2, 3):
            assert challenge.descriptor(stage) != base.descriptor(stage), (cid, stage)
            assert challenge.in_brief(stage) != base.in_brief(stage), (cid, stage)
        # What the 2018 version rated the same challenge on is untouched: 2010's descriptors.
        assert FW2018.challenge(cid).stages == base.stages
        assert FW2018.challenge(cid).adapted is None


def test_the_other_six_keep_the_2010_descriptors_unmarked():
    for c in FWA.challenges:
        if c.id in OWN_STAGES.values():
            continue
        assert c.adapted is None, c.id
        assert c.stages == FW2010.challenge(c.maps_to).stages, c.id
        assert c.inherited_from == V2010


def test_it_keeps_the_2018_ids_titles_and_mapping():
    assert [c.id for c in FWA.challenges] == [c.id for c in FW2018.challenges]
    assert [c.title for c in FWA.challenges] == [c.title for c in FW2018.challenges]
    assert [c.maps_to for c in FWA.challenges] == [c.maps_to for c in FW2018.challenges]
    assert FWA.maps_onto == V2010 and FWA.stages == FW2010.stages
    assert [FWA.challenge(c).number for c in FWA.priorities.consider_early] == [3, 4]
    assert DEFS.counterpart("c06-safety", ADAPTED) == "c06-safety"
    assert DEFS.counterpart("c06-risk", ADAPTED) == "c06-safety"
    assert DEFS.counterpart("c10-life-goals", V2010) == "c10-beyond-illness"


@pytest.mark.parametrize(
    ("cid", "stage", "facts"),
    [
        ("c03-recovery-college", 3, ["families", "local community", "co-produced"]),
        ("c06-safety", 2, ["de-escalation", "trauma-informed", "debriefed", "peer workers"]),
        ("c06-safety", 3, ["safety and wellbeing plan", "No Force First", "Board"]),
        ("c09-staff-wellbeing", 1, ["presenteeism", "lived experience"]),
        ("c09-staff-wellbeing", 3, ["sickness", "turnover", "return"]),
        ("c10-life-goals", 2, ["IPS", "debt advice", "housing"]),
        ("c10-life-goals", 3, ["life goals", "IPS", "Housing First", "employment"]),
    ],
)
def test_adapted_descriptors_carry_the_2018_papers_facts(cid, stage, facts):
    text = FWA.challenge(cid).descriptor(stage)
    for fact in facts:
        assert fact.lower() in text.lower(), f"{cid} {stage}: {fact!r} missing"


@pytest.mark.parametrize("cid", OWN_STAGES.values())
def test_adapted_briefs_follow_the_rules_of_the_2010_briefs(cid):
    c = FWA.challenge(cid)
    assert len({c.in_brief(n) for n in (1, 2, 3)}) == 3
    for s in c.stages:
        assert s.in_brief and len(s.in_brief) <= BRIEF_MAX < len(s.descriptor)
        assert s.in_brief.endswith(".") and len(re.findall(r"[.!?](?:\s|$)", s.in_brief)) <= 2
        assert runs(s.in_brief, 6) & runs(s.descriptor, 6) == set(), (cid, s.stage)


def test_the_2018_papers_areas_for_future_focus_are_part_of_the_framework():
    focus = FWA.future_focus
    assert focus is not None and focus.source == "slade-2018"
    assert [a.name for a in focus.areas] == [
        "Experiences of family",
        "Physical health",
        "Ethnicity",
        "Community partnerships",
    ]
    assert "SHINE" in focus.areas[1].note and "IMPARTS" in focus.areas[1].note
    assert "not rated" in focus.summary
    assert FW2018.future_focus is None and FW2010.future_focus is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are in ../shared/seeds")
def test_the_adapted_wording_is_the_projects_own():
    assert copied_runs(FILE, sorted(SEEDS.glob("*.txt"))) == []


def test_the_portfolio_compares_the_2018_wording_with_and_without_adapted_stages(service):
    assert set(service.portfolio.compared_versions(V2018)) == {V2010, ADAPTED}
    assert set(service.portfolio.compared_versions(ADAPTED)) == {V2010, V2018}
    assert set(service.portfolio.compared_versions(V2010)) == {V2018, ADAPTED}


def test_the_shipped_files_pass_the_check_and_2018_is_as_it_was(capsys):
    files = [str(DEFINITIONS / "imroc-challenges-2018.yaml"), str(FILE)]
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert "framework imroc-challenges@2018-adapted: 10 challenges" in out
    assert "adapted" not in (DEFINITIONS / "imroc-challenges-2018.yaml").read_text("utf-8")


ADAPTED_STAGES = textwrap.indent(
    textwrap.dedent(
        """\
        adapted: {source: local, passage: Section 6}
        stages:
          - {stage: 1, descriptor: Few do it., in_brief: Few.}
          - {stage: 2, descriptor: Half do it., in_brief: Half.}
          - {stage: 3, descriptor: All do it., in_brief: All.}
        """
    ),
    "    ",
)


def with_own_stages(extra: str = ADAPTED_STAGES) -> str:
    line = "  - {id: c06-risk, number: 6, maps_to: c06-risk, title: T6}\n"
    assert line in REVISION
    return REVISION.replace(line, "  - id: c06-risk\n    number: 6\n    maps_to: c06-risk\n"
                            "    title: T6\n" + extra)  # fmt: skip


def test_a_revision_with_adapted_stages_passes_and_resolves(tmp_path, capsys):
    path = tmp_path / "local.yaml"
    path.write_text(with_own_stages(), encoding="utf-8")
    assert main(["check", str(path)]) == 0, capsys.readouterr().out
    fw = load([*sorted(DEFINITIONS.glob("imroc-challenges-2010.yaml")), path]).framework(
        "imroc-challenges@2030"
    )
    c6 = fw.challenge("c06-risk")
    assert c6.adapted.passage == "Section 6" and c6.in_brief(2) == "Half."
    assert c6.indicators == FW2010.challenge("c06-risk").indicators  # the rest still inherited


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            with_own_stages(ADAPTED_STAGES.replace("source: local", "source: nowhere")),
            "challenges[5].adapted.source: source 'nowhere' is not listed "
            "(expected one of the file's sources: local)",
        ),
        (
            with_own_stages("    adapted: {source: local, passage: Section 6}\n"),
            "challenges[5].adapted: adapted is set but the challenge has no stages of its own",
        ),
        (
            with_own_stages("    adapted: {source: local}\n"),
            "challenges[5].adapted: missing key 'passage'",
        ),
        (
            REVISION.replace(
                "challenges:\n",
                "future_focus: {source: nowhere, summary: Later., areas: [{id: a, name: A}]}\n"
                "challenges:\n",
            ),
            "future_focus.source: source 'nowhere' is not listed",
        ),
    ],
    ids=["unknown source", "no stages of its own", "no passage", "future focus source"],
)
def test_a_broken_adaptation_is_refused_with_its_path(tmp_path, capsys, text, expected):
    path = tmp_path / "local.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert expected in capsys.readouterr().out
