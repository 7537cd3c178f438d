"""The shipped methodology: it loads, it is complete, every published fact sits in the right
challenge and stage, and no sentence is copied from the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.loader import DEFINITIONS, load
from tests.own_words import copied_runs

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DEFS = load()
FW2010 = DEFS.framework("imroc-challenges@2010")
FW2018 = DEFS.framework("imroc-challenges@2018")

IDS_2010 = [
    "c01-interactions",
    "c02-education",
    "c03-education-centre",
    "c04-leadership",
    "c05-personalisation",
    "c06-risk",
    "c07-involvement",
    "c08-workforce",
    "c09-staff-support",
    "c10-beyond-illness",
]


def test_every_shipped_file_loads():
    assert sorted(p.name for p in DEFINITIONS.glob("*.yaml")) == [
        "glossary.yaml",
        "imroc-challenges-2010.yaml",
        "imroc-challenges-2018-adapted.yaml",
        "imroc-challenges-2018.yaml",
        "indicators.yaml",
        "scales.yaml",
        "stakeholder-groups.yaml",
        "team-types.yaml",
        "trip-community.yaml",
        "trip-corporate.yaml",
        "trip-inpatient.yaml",
        "trip-method.yaml",
    ]
    assert set(DEFS.frameworks) == {
        "imroc-challenges@2010",
        "imroc-challenges@2018",
        "imroc-challenges@2018-adapted",
    }


def test_the_three_stages_are_engagement_development_transformation():
    assert [(s.number, s.name) for s in FW2010.stages] == [
        (1, "Engagement"),
        (2, "Development"),
        (3, "Transformation"),
    ]
    assert "most trusts" in FW2010.stages[0].definition.lower()
    assert "aspiration" in FW2010.stages[2].definition.lower()


def test_ten_challenges_each_with_three_stages_indicators_and_sources():
    assert [c.id for c in FW2010.challenges] == IDS_2010
    assert [c.number for c in FW2010.challenges] == list(range(1, 11))
    for c in FW2010.challenges:
        assert [s.stage for s in c.stages] == [1, 2, 3], c.id
        assert c.indicators and c.data_sources and c.quotation, c.id


def test_template_a_short_titles_are_as_printed():
    assert [c.short_title for c in FW2010.challenges] == [
        "Changing day-to-day interactions",
        "Comprehensive user-led education and training",
        "Establishing a Recovery Education Unit",
        "Ensuring organisational commitment",
        "Increasing choice and ‘personalisation’",
        "Changing approaches to risk assessment and management",
        "Redefining user involvement",
        "Transforming the workforce",
        "Supporting staff in their recovery journey",
        "Building a life ‘beyond illness’",
    ]


# (challenge, stage or "evidence" for indicators and data sources, facts that must be there)
FACTS = [
    ("c01-interactions", 3, ["National Patient Survey", "selecting staff", "progression"]),
    ("c01-interactions", "evidence", ["Ten Top Tips for Recovery-Oriented Practice"]),
    ("c02-education", 1, ["less than 25%"]),
    ("c02-education", 2, ["50%", "Board"]),
    ("c02-education", 3, ["more than 75%", "champions of change"]),
    ("c03-education-centre", 3, ["Recovery Education Centre", "peer professionals"]),
    ("c03-education-centre", "evidence", ["3-4 user trainers", "50 service users"]),
    ("c04-leadership", 1, ["strengths-based", "CPA", "discharge planning"]),
    ("c04-leadership", 2, ["Recovery Strategy", "recovery forums"]),
    ("c05-personalisation", 1, ["Wellness Recovery Action Plan", "personal budgets"]),
    ("c05-personalisation", 2, ["more than 50%", "direct payments", "joint crisis plans"]),
    ("c05-personalisation", 3, ["more than 75%", "WRAP", "joint crisis plans", "advocacy"]),
    ("c06-risk", 1, ["less than 25%"]),
    ("c06-risk", 2, ["50%", "their own risk"]),
    ("c06-risk", 3, ["positive", "blame"]),
    ("c07-involvement", 2, ["50%", "coaches", "mentors"]),
    ("c07-involvement", 3, ["experts by experience", "on tap, not on top"]),
    ("c08-workforce", 1, ["Support Time and Recovery"]),
    ("c08-workforce", 2, ["5-10", "at least two", "peer specialist"]),
    ("c08-workforce", 3, ["equal", "Disability Discrimination Act", "(PSA) 16"]),
    ("c09-staff-support", 3, ["occupational health"]),
    ("c09-staff-support", "evidence", ["Mindful Employer"]),
    ("c10-beyond-illness", 1, ["Individual Placement and Support", "IPS"]),
    ("c10-beyond-illness", 2, ["IPS", "employment specialists"]),
    ("c10-beyond-illness", 3, ["IPS", "every team", "settled accommodation"]),
    ("c10-beyond-illness", "evidence", ["PSA 16", "8, 15 and 21", "National Social Inclusion"]),
]


@pytest.mark.parametrize(("challenge", "where", "facts"), FACTS)
def test_published_facts_are_in_the_right_challenge_and_stage(challenge, where, facts):
    c = FW2010.challenge(challenge)
    text = (
        " ".join([*c.indicators, *c.data_sources]) if where == "evidence" else c.descriptor(where)
    )
    for fact in facts:
        assert fact.lower() in text.lower(), f"{challenge} {where}: {fact!r} missing"


def test_thresholds_appear_only_at_their_own_stage():
    # The proportion of staff trained is what separates the stages of challenge 2.
    c2 = FW2010.challenge("c02-education")
    assert "75%" not in c2.descriptor(1) + c2.descriptor(2)
    assert "25%" not in c2.descriptor(2) + c2.descriptor(3)


def test_2018_rewords_exactly_challenges_2_3_4_6_7_9_and_10():
    assert [c.number for c in FW2018.challenges if c.reworded] == [2, 3, 4, 6, 7, 9, 10]
    assert [c.maps_to for c in FW2018.challenges] == IDS_2010
    unchanged = [c for c in FW2018.challenges if not c.reworded]
    assert all(c.id == c.maps_to for c in unchanged)
    assert FW2018.challenge("c06-safety").title.startswith("Reducing restrictive practice")


def test_2018_takes_descriptors_from_2010_and_says_so():
    c6 = FW2018.challenge("c06-safety")
    assert c6.inherited_from == "imroc-challenges@2010"
    assert c6.stages == FW2010.challenge("c06-risk").stages
    assert FW2018.stages == FW2010.stages


def test_at_most_five_priorities_with_challenges_3_and_4_early_in_both_wordings():
    assert FW2010.priorities.at_most_open == 5
    assert FW2010.priorities.consider_early == ("c03-education-centre", "c04-leadership")
    assert FW2018.priorities.at_most_open == 5
    assert [FW2018.challenge(c).number for c in FW2018.priorities.consider_early] == [3, 4]


def test_trip_sets_cover_every_challenge_with_three_to_six_statements():
    assert set(DEFS.benchmark_sets) == {"trip-community", "trip-inpatient", "trip-corporate"}
    for bset in DEFS.benchmark_sets.values():
        assert [g.challenge for g in bset.groups] == IDS_2010, bset.id
        for group in bset.groups:
            assert 3 <= len(group.statements) <= 6, (bset.id, group.challenge)


def test_trip_method_holds_its_four_parts_three_asset_kinds_and_three_to_five_priorities():
    method = DEFS.trip
    assert [c.name for c in method.components] == ["Assets", "Benchmarks", "Priorities", "Review"]
    assert [k.name for k in method.asset_kinds] == [
        "Lived experience",
        "Hidden talents",
        "Community contacts and networks",
    ]
    assert (method.priorities.at_least, method.priorities.at_most_open) == (3, 5)
    assert [t.name for t in method.timescales] == ["Quick win", "Longer term"]


def test_trip_scale_is_ordered_with_answers_outside_the_order():
    scale = DEFS.scales["trip-progress"]
    ranked = [v.label for v in sorted(scale.values, key=lambda v: v.rank or 99) if v.rank]
    assert ranked == ["Not yet", "Started", "Partly", "Mostly", "Fully"]
    assert {v.label for v in scale.values if v.rank is None} == {"Not applicable", "Don't know"}


def test_stakeholder_groups_and_team_types():
    assert [g.id for g in DEFS.stakeholder_groups] == [
        "people-using-services",
        "carers-family",
        "peer-workers",
        "clinical-staff",
        "managers-leaders",
        "commissioners",
        "partners",
    ]
    assert {t.id for t in DEFS.team_types} >= {
        "cmht",
        "early-intervention",
        "assertive-outreach",
        "crisis-home-treatment",
        "community-rehab",
        "inpatient-rehab",
        "acute-ward",
        "forensic-secure",
        "recovery-college",
        "vcfse-service",
        "corporate",
        "other",
    }
    assert DEFS.team_type("acute-ward").benchmark_set == "trip-inpatient"
    assert DEFS.team_type("corporate").benchmark_set == "trip-corporate"


def test_indicator_library_holds_the_commissioning_measures():
    by_id = {i.id: i for i in DEFS.indicators}
    for measure in (
        "dialog",
        "reqol-10",
        "gbo",
        "employment-rate",
        "settled-accommodation",
        "peer-posts",
        "staff-trained-recovery",
        "sickness-absence",
    ):
        assert measure in by_id, measure
    assert by_id["sickness-absence"].direction == "lower"
    assert set(IDS_2010) == {c for i in DEFS.indicators for c in i.challenges}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are in ../shared/seeds")
@pytest.mark.parametrize("definition", sorted(DEFINITIONS.glob("*.yaml")), ids=lambda p: p.name)
def test_no_sentence_is_copied_from_the_sources(definition):
    assert copied_runs(definition, sorted(SEEDS.glob("*.txt"))) == []


def test_counterpart_finds_the_same_challenge_in_another_version():
    assert DEFS.counterpart("c06-risk", "imroc-challenges@2018") == "c06-safety"
    assert DEFS.counterpart("c06-safety", "imroc-challenges@2010") == "c06-risk"
    assert DEFS.counterpart("c01-interactions", "imroc-challenges@2018") == "c01-interactions"
    assert DEFS.counterpart("c99-nothing", "imroc-challenges@2010") is None
