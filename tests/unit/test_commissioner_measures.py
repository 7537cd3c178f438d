"""The indicator library holds every measure NHS England's commissioning guidance for community
mental health rehabilitation names, each with its direction of good and the guidance as its
source; measures only watched for change never become a Template B goal's measure.

The list below was drawn by hand from ../shared/seeds/community-rehab-commissioning-guidance.txt
(section 5 on PROMs, section 11 on quality), not from the YAML: a measure dropped from the
library, or given the wrong direction, fails here."""

from __future__ import annotations

import pytest

from assessments.rules.errors import ServiceError
from assessments.rules.plan_content import clean_content
from framework.loader import DEFINITIONS, load
from framework.model import Direction, IndicatorLibrary
from framework.validate import validate
from framework.yamlfile import read
from tests.unit.plan_helpers import full_content, smart_goal

# The library and the framework it refers to, apart from any other file being worked on.
LIBRARY = DEFINITIONS / "indicators.yaml"
DEFS = load([DEFINITIONS / "imroc-challenges-2010.yaml", LIBRARY])
BY_ID = {i.id: i for i in DEFS.indicators}
GUIDANCE = "nhse-rehab-guidance"

# (what the guidance names, in a few of its words; the library's id; the direction of good)
NAMED = [
    # Section 11: KPIs "relating to workforce, such as staff wellbeing, vacancies and sickness".
    ("workforce: staff wellbeing", "staff-wellbeing", "higher"),
    ("workforce: vacancies", "vacancy-rate", "lower"),
    ("workforce: sickness absence", "sickness-absence", "lower"),
    # Section 5: DIALOG, ReQoL-10 and GBOs, the recommended PROM suite; section 11: PROMs
    # embedded in routine care.
    ("PROM: DIALOG", "dialog", "higher"),
    ("PROM: ReQoL-10", "reqol-10", "higher"),
    ("PROM: goal-based outcomes", "gbo", "higher"),
    ("PROMs used in routine care", "prom-completion", "higher"),
    # Section 11: people asked whether their experience tallies with the 'I' statements.
    ("'I' statements: people asked", "i-statements-asked", "higher"),
    ("'I' statements: experience matches", "i-statements-matched", "higher"),
    # Section 11: reported alongside the feedback.
    ("compliments", "compliments", "higher"),
    ("complaints", "complaints", "neither"),
    ("incidents", "incidents-reported", "neither"),
    ("any quality concerns", "quality-concerns", "neither"),
    # Section 11: what good community service data shows.
    ("people receiving rehabilitation in the community", "people-in-community-rehab", "higher"),
    ("people moving to more independent living", "moves-to-independent-living", "higher"),
    ("people having to move home after an admission", "moved-home-after-admission", "lower"),
    ("identified purpose of intervention achieved", "purpose-of-intervention-achieved", "higher"),
    # Section 11: read against inpatient data.
    ("reliance on inpatient care", "inpatient-bed-days", "lower"),
    ("fewer admissions", "admissions-rehab-needs", "lower"),
    ("shorter length of stay", "length-of-stay", "lower"),
    ("outdated models of inpatient care", "outdated-inpatient-placements", "lower"),
    ("inpatient services outside the local pathway", "out-of-area-placements", "lower"),
    ("over-represented groups, protected characteristic", "inpatient-over-representation", "lower"),
]

# Every id of the library's version 1, with its direction: plans and team files name these.
VERSION_1 = {
    "staff-trained-recovery": "higher",
    "experience-of-staff": "higher",
    "interview-panels-lived-experience": "higher",
    "supervision-recovery-practice": "higher",
    "lived-experience-trainers": "higher",
    "training-co-delivered": "higher",
    "user-trainers-employed": "higher",
    "peer-professionals-trained": "higher",
    "recovery-college-students": "higher",
    "board-recovery-strategy": "higher",
    "pathways-coproduced": "higher",
    "prom-completion": "higher",
    "personal-budgets": "higher",
    "advocacy-uptake": "higher",
    "crisis-wrap-plans": "higher",
    "involved-in-care-plan": "higher",
    "involved-in-risk-assessment": "higher",
    "staff-trained-positive-risk": "higher",
    "signed-care-plans": "higher",
    "lived-experience-in-governance": "higher",
    "trip-priorities-co-led": "higher",
    "peer-posts": "higher",
    "teams-with-peer-workers": "higher",
    "lived-experience-workforce": "higher",
    "sickness-absence": "lower",
    "staff-turnover": "lower",
    "vacancy-rate": "lower",
    "staff-wellbeing": "higher",
    "employment-rate": "higher",
    "settled-accommodation": "higher",
    "ips-specialists": "higher",
    "employment-assessment-care-plans": "higher",
    "citizenship-outcomes": "higher",
    "out-of-area-placements": "lower",
    "moves-to-independent-living": "higher",
    "dialog": "higher",
    "reqol-10": "higher",
    "gbo": "higher",
}


@pytest.mark.parametrize(("named", "indicator_id", "direction"), NAMED, ids=[n[1] for n in NAMED])
def test_every_measure_the_guidance_names_is_in_the_library(named, indicator_id, direction):
    indicator = BY_ID.get(indicator_id)
    assert indicator is not None, f"the guidance names {named}; the library lacks it"
    assert indicator.direction == direction, named
    assert indicator.source == GUIDANCE, named
    assert indicator.description and indicator.data_source and indicator.challenges


def test_the_guidance_is_cited_as_nhs_englands():
    model = validate(read(LIBRARY))
    assert isinstance(model, IndicatorLibrary) and model.version != "1"  # content changed
    (cited,) = [s for s in model.sources if s.id == GUIDANCE]
    assert cited.authors == ("NHS England",)
    assert "community mental health rehabilitation" in cited.title


def test_every_id_of_version_1_keeps_its_direction():
    assert {i: BY_ID[i].direction.value for i in VERSION_1 if i in BY_ID} == VERSION_1


def test_watched_measures_are_not_offered_to_goals():
    watched = {i.id for i in DEFS.indicators if i.direction is Direction.neither}
    assert watched == {"complaints", "incidents-reported", "quality-concerns"}
    assert not watched & {i.id for i in DEFS.goal_indicators}
    assert len(DEFS.goal_indicators) == len(DEFS.indicators) - len(watched)


def test_a_goal_measured_by_a_watched_indicator_is_refused_in_words():
    goal = smart_goal(
        measure=smart_goal().measure.model_copy(update={"indicator": "complaints"}),
    )
    with pytest.raises(ServiceError) as refused:
        clean_content(DEFS, full_content(goals=(goal,)), set())
    assert refused.value.field == "measure"
    assert refused.value.message.startswith("Goal 1: 'Complaints received' is watched for change")


def test_a_goal_on_an_indicator_with_a_direction_takes_the_librarys():
    goal = smart_goal(
        measure=smart_goal().measure.model_copy(update={"indicator": "length-of-stay"}),
        baseline=60,
        target=45,
    )
    (cleaned,) = clean_content(DEFS, full_content(goals=(goal,)), set()).goals
    assert cleaned.measure.direction == "lower" and cleaned.measure.unit == "median days"
