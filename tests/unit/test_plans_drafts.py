"""Template B through the service: choosing priorities, SMART drafts and sign-off, and versions."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records.plans import Goal, Measure, PlanContent
from assessments.rules.errors import StaleSave
from assessments.rules.plan_content import content_differences, number_from_text
from assessments.rules.smart import sign_off_gaps, smart_gaps
from tests.unit.plan_helpers import HELD, full_content, smart_goal
from tests.unit.service_helpers import OTHER, refused

# --- choosing priorities --------------------------------------------------------------------


def test_a_priority_starts_as_a_draft_at_the_stage_the_room_agreed(service, plan):
    assert plan.open and plan.opened_on == HELD
    assert plan.latest.number == 1 and not plan.latest.signed
    assert plan.latest.content.current_stage == 2  # the fixture's challenge 2 is at stage 2


def test_a_sixth_open_priority_is_refused_until_one_is_closed(service, actor, round_, definitions):
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    plans = [service.plans.create_plan(actor, round_.id, cid) for cid in ids[:5]]
    message = refused(lambda: service.plans.create_plan(actor, round_.id, ids[5]), "challenge")
    assert "already 5 open priorities" in message
    assert "Complete or close one" in message
    assert "why this priority is completed" in refused(
        lambda: service.plans.set_plan_status(actor, plans[0].id, plans[0].version, "completed"),
        "status_reason",
    )
    service.plans.set_plan_status(actor, plans[0].id, plans[0].version, "completed", "Goals met")
    assert service.plans.create_plan(actor, round_.id, ids[5]).open
    assert service.plans.open_plan_count(round_.organisation_id) == 5


def test_one_open_plan_per_challenge_and_none_from_a_practice_round(
    service, actor, org, round_, plan
):
    assert "already has an open plan" in refused(
        lambda: service.plans.create_plan(actor, round_.id, "c02-education"), "challenge"
    )
    practice = service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=HELD,
        facilitator="Sam",
        status="practice",
    )
    assert "practice round" in refused(
        lambda: service.plans.create_plan(actor, practice.id, "c03-education-centre"), "round"
    )


# --- SMART and sign-off ---------------------------------------------------------------------


def test_the_smart_check_names_each_missing_element_in_plain_english():
    assert smart_gaps(smart_goal()) == []
    gaps = [str(g) for g in smart_gaps(Goal(key="g1", statement="More peer trainers"))]
    assert gaps == [
        "the statement is too short to say what will change (Specific)",
        "no measure (Measurable)",
        "no baseline with its date (Measurable)",
        "no target (Measurable)",
        "no owner (Agreed-upon)",
        "no target date (Time-based)",
    ]
    backwards = smart_goal(
        measure=Measure(name="Waiting days", unit="days", direction="lower"), target=40
    )
    assert [str(g) for g in smart_gaps(backwards)] == [
        "the target is not below the baseline (Realistic)"
    ]


def test_a_draft_may_be_incomplete_but_sign_off_may_not(service, actor, plan):
    draft = service.versions.save_plan(
        actor,
        plan.id,
        plan.version,
        PlanContent(goals=(Goal(key="", statement="More peer trainers in every course"),)),
    )
    assert draft.latest.content.goals[0].key == "g1"
    message = refused(
        lambda: service.versions.sign_plan(
            actor,
            plan.id,
            draft.version,
            signed_on=date(2026, 3, 20),
            commissioner_agrees=True,
            provider_agrees=True,
        ),
        "content",
    )
    assert "Goal 1: no measure (Measurable)." in message
    assert "Goal 1: no target date (Time-based)." in message
    assert "No commissioner lead is named." in message
    assert "No evidence sources" in message  # Template B: agreed with the targets and dates
    assert not service.plans.plan(plan.id).latest.signed
    assert "No evidence sources" in " ".join(sign_off_gaps(full_content(evidence_sources=" ")))


def test_both_leads_must_agree_and_the_date_must_be_real(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content())
    assert sign_off_gaps(saved.latest.content) == []

    def sign(when, commissioner=True, provider=True):
        return service.versions.sign_plan(
            actor,
            plan.id,
            saved.version,
            signed_on=when,
            commissioner_agrees=commissioner,
            provider_agrees=provider,
        )

    assert "Both" in refused(lambda: sign(date(2026, 3, 20), provider=False), "leads")
    assert "future" in refused(lambda: sign(date(2027, 1, 1)), "signed_on")
    assert "before the round" in refused(lambda: sign(date(2026, 1, 1)), "signed_on")
    done = sign(date(2026, 3, 20))
    assert done.latest.signed_by_commissioner == "A. Commissioner"
    assert done.latest.signed_on == date(2026, 3, 20)


def test_bad_goal_input_is_refused_with_its_place_and_nothing_is_lost(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content())
    backwards = full_content(goals=(smart_goal(target_on=date(2025, 1, 1)),))
    message = refused(
        lambda: service.versions.save_plan(actor, plan.id, saved.version, backwards),
        "goals.1.target_on",
    )
    assert "Goal 1: the target date (01 Jan 2025) is before the baseline date" in message
    assert service.plans.plan(plan.id).latest.content == saved.latest.content
    assert "'about forty' is not a number" in refused(
        lambda: number_from_text("about forty", "Goal 1 baseline", "goals.1.baseline"),
        "goals.1.baseline",
    )
    assert number_from_text(" 40% ", "x", "x") == 40.0
    assert number_from_text("1,200", "x", "x") == 1200.0
    assert number_from_text("", "x", "x") is None


def test_a_measure_from_the_library_takes_its_name_unit_and_direction(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content())
    measure = saved.latest.content.goals[0].measure
    assert (measure.name, measure.unit, measure.direction) == (
        "Staff trained in recovery-oriented practice",
        "% of staff",
        "higher",
    )
    custom = smart_goal(measure=Measure(name="Courses co-delivered", unit="", direction="higher"))
    assert "needs a name and a unit" in refused(
        lambda: service.versions.save_plan(
            actor, plan.id, saved.version, full_content(goals=(custom,))
        ),
        "measure",
    )


# --- versions -------------------------------------------------------------------------------


def test_a_signed_plan_is_frozen_and_a_change_makes_a_new_version_with_a_reason(
    service, actor, signed
):
    changed = full_content(next_review_on=date(2026, 7, 1))
    changed = changed.model_copy(
        update={"goals": signed.latest.content.goals, "actions": signed.latest.content.actions}
    )
    message = refused(
        lambda: service.versions.save_plan(actor, signed.id, signed.version, changed), "reason"
    )
    assert "Version 1 of this plan is signed" in message
    v2 = service.versions.save_plan(
        actor, signed.id, signed.version, changed, reason="Review moved"
    )
    versions = service.plans.plan_versions(signed.id)
    assert [(v.number, v.signed) for v in versions] == [(1, True), (2, False)]
    assert versions[0].content.next_review_on == date(2026, 6, 1)  # the signed one is intact
    assert versions[1].reason == "Review moved"
    assert service.plans.plan_in_force(signed.id).number == 1
    diff = content_differences(versions[1].content, versions[0].content)
    assert [(d.field, d.yours, d.stored) for d in diff] == [
        ("Next review", "01 Jul 2026", "01 Jun 2026")
    ]
    # A draft of version 2 is edited in place: still two versions.
    service.versions.save_plan(
        actor, signed.id, v2.version, changed.model_copy(update={"description": "x"})
    )
    assert len(service.plans.plan_versions(signed.id)) == 2


def test_a_removed_goal_key_is_never_given_to_a_new_goal(service, actor, plan):
    two = full_content(goals=(smart_goal(), smart_goal(statement="Another goal for the year")))
    saved = service.versions.save_plan(actor, plan.id, plan.version, two)
    assert [g.key for g in saved.latest.content.goals] == ["g1", "g2"]
    kept = (*saved.latest.content.goals[:1], smart_goal(statement="A new goal for the year"))
    again = service.versions.save_plan(actor, plan.id, saved.version, full_content(goals=kept))
    assert [g.key for g in again.latest.content.goals] == ["g1", "g3"]


def test_a_stale_save_is_refused_with_the_differences(service, actor, plan):
    service.versions.save_plan(actor, plan.id, plan.version, full_content())
    with pytest.raises(StaleSave) as caught:
        service.versions.save_plan(OTHER, plan.id, plan.version, PlanContent(description="Mine"))
    assert caught.value.last.actor_name == "Sam Okafor"
    assert ("Description", "Mine") in [(d.field, d.yours) for d in caught.value.differences]
    assert service.plans.plan(plan.id).latest.content.description.startswith("Training is run")


def test_saving_what_is_stored_writes_nothing(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content())
    same = service.versions.save_plan(actor, plan.id, saved.version, saved.latest.content)
    assert same.version == saved.version
