"""The fictional demo's Template B plans: signed for each scope's first rounds' top priorities,
reviewed with plausible figures, a few things overdue, all written through the service."""

from __future__ import annotations

import itertools
from collections import Counter
from statistics import fmean

import pytest

from assessments.analytics.progress import measure_frame
from assessments.records.plans import PlanContent
from assessments.rules.smart import sign_off_gaps, smart_gaps
from demo import load_demo
from tests.unit.demo_helpers import TODAY, TRIP_PRIORITIES, plans_by_scope

# The demo's plans' shape; the default demo's writes run on PostgreSQL in test_demo_load.py.
pytestmark = pytest.mark.sqlite_only


def every_plan(service) -> list:
    return [p for found in plans_by_scope(service).values() for p in found]


def agreed_rounds(service, org_id: int, team_id: int | None) -> list:
    """One scope's agreed rounds, oldest first."""
    found = [
        r for r in service.rounds.rounds(org_id, team_id) if r.team_id == team_id and not r.practice
    ]
    return sorted(found, key=lambda r: r.held_on)


def test_the_provider_and_each_team_have_two_signed_plans_for_their_first_rounds_top_two(
    service, definitions, demo
):
    indicators = {i.id: i for i in definitions.indicators}
    trust, voluntary = service.providers.organisations()
    scopes = [(trust, None), (voluntary, None)]
    scopes += [(trust, t.id) for t in service.providers.teams(trust.id)]
    for org, team_id in scopes:
        first = agreed_rounds(service, org.id, team_id)[0]
        records = service.workshop.challenge_records(first.id)
        ranked = sorted(
            (rec.answer.priority, cid) for cid, rec in records.items() if rec.answer.priority
        )
        plans = service.plans.plans(org.id, team_id)
        assert sorted(p.challenge_id for p in plans) == sorted(cid for _, cid in ranked[:2])
        assert service.plans.open_plan_count(org.id, team_id) == 2  # three places left for the room
        for plan in plans:
            assert plan.open and plan.round_id == first.id and plan.opened_on == first.held_on
            versions = service.plans.plan_versions(plan.id)
            assert all(v.signed and not sign_off_gaps(v.content) for v in versions)
            signed_on, content = versions[0].signed_on, versions[0].content
            assert 10 <= (signed_on - first.held_on).days <= 21  # two or three weeks later
            assert content.current_stage == records[plan.challenge_id].answer.agreed_stage
            assert content.description and content.evidence_sources
            assert 1 <= len(content.goals) <= 2 and 2 <= len(content.actions) <= 3
            for lead in (content.commissioner_lead, content.provider_lead):
                assert lead.name.endswith("(fictional)") and lead.role
            assert versions[0].signed_by_commissioner == content.commissioner_lead.name
            for goal in content.goals:
                assert not smart_gaps(goal)
                assert goal.baseline_on == first.held_on
                assert 500 <= (goal.target_on - goal.baseline_on).days <= 600  # about 18 months
                if goal.measure.indicator:
                    assert plan.challenge_id in indicators[goal.measure.indicator].challenges
                assert "(fictional)" not in goal.owner  # owners are roles, not people
            assert all(a.what and a.who and a.by_when for a in content.actions)
    assert demo.plans == 2 * len(scopes) and demo.versions == demo.plans + 1


def test_reviews_come_after_sign_off_and_not_after_today_with_plausible_figures(service, demo):
    statuses: Counter = Counter()
    rerated = 0
    for plan in every_plan(service):
        versions = service.plans.plan_versions(plan.id)
        reviews = service.reviews.reviews(plan.id)
        assert reviews
        rounds = agreed_rounds(service, plan.organisation_id, plan.team_id)
        for review in reviews:
            in_force = versions[review.plan_version - 1]
            assert versions[0].signed_on < review.held_on <= TODAY
            assert in_force.signed_on <= review.held_on < review.next_review_on
            assert set(review.goal_outcomes) == {g.key for g in in_force.content.goals}
            assert set(review.action_statuses) == {a.key for a in in_force.content.actions}
            statuses.update(review.action_statuses.values())
            if review.stage is not None:  # re-rated as the latest Template A round agreed
                latest = [r for r in rounds if r.held_on <= review.held_on][-1]
                record = service.workshop.challenge_record(latest.id, plan.challenge_id)
                assert review.stage == record.answer.agreed_stage
                assert f"{latest.held_on:%d %B %Y}" in review.stage_evidence
                rerated += 1
        gaps = [(b.held_on - a.held_on).days for a, b in itertools.pairwise(reviews)]
        assert all(70 <= gap <= 110 for gap in gaps), gaps  # about every three months
        goals = {g.key: g for v in versions for g in v.content.goals}
        for m in service.reviews.measurements(plan.id):
            assert plan.opened_on < m.measured_on <= TODAY
            unit = goals[m.goal_key].measure.unit
            if unit.startswith("%"):
                assert 0 <= m.value <= 100
            if unit.startswith("number") and "WTE" not in unit:
                assert m.value == int(m.value)  # counts are whole numbers
    assert rerated
    assert {"done", "on-track", "at-risk"} <= set(statuses)


def test_the_provider_plans_have_monthly_figures_enough_for_process_limits_and_improve(
    service, demo
):
    for org in service.providers.organisations():
        for plan in service.plans.plans(org.id):
            measurements = service.reviews.measurements(plan.id)
            assert any(m.review_id is None for m in measurements)  # between the reviews
            for goal in plan.latest.content.goals:
                mine = [m for m in measurements if m.goal_key == goal.key]
                assert len(mine) >= 15
                frame = measure_frame(goal, measurements)
                assert frame["Upper limit"].notna().all()  # XmR limits, from 12 points on
                values = frame["Value"].tolist()
                better = 1 if goal.measure.direction == "higher" else -1
                assert better * (fmean(values[-4:]) - fmean(values[:4])) > 0


def test_a_few_things_are_overdue_today_so_the_flags_show(service, demo):
    due = service.reviews.due_items(every_plan(service))
    items = [item for found in due.values() for item in found]
    assert any(item.startswith("The review was due on") for item in items)
    assert any(item.startswith("Action ") and "it is ⚠ at risk" in item for item in items)
    assert len(due) == 2  # a few, on purpose: not the whole demo


def test_a_reset_target_makes_a_second_signed_version_and_the_first_stays_as_signed(service, demo):
    (plan,) = [p for p in every_plan(service) if p.latest.number > 1]
    first, second = service.plans.plan_versions(plan.id)
    assert first.signed and second.signed and first.signed_on < second.signed_on
    reviews = service.reviews.reviews(plan.id)
    (reset,) = [r for r in reviews if "reset" in r.goal_outcomes.values()]
    assert reset.plan_version == 1 and reset.held_on < second.signed_on
    assert second.reason.startswith(f"Target reset at the review of {reset.held_on:%d %B %Y}")
    key = next(k for k, outcome in reset.goal_outcomes.items() if outcome == "reset")
    old, new = first.content.goal(key), second.content.goal(key)
    assert new.target != old.target and new.target_on > old.target_on
    assert len(second.content.actions) == len(first.content.actions) + 1
    assert {r.plan_version for r in reviews if r.held_on > second.signed_on} == {2}
    assert service.plans.plan_in_force(plan.id).number == 2
    # Version 1 reads back exactly as it was saved before it was signed.
    saved = [e for e in service.history("plan", plan.id) if e.action == "save"]
    as_saved = next(e.after for e in saved if e.after["version"] == 1)
    fields = {k: v for k, v in as_saved.items() if k not in ("version", "reason")}
    assert PlanContent.model_validate(fields) == first.content


def test_every_plan_write_went_through_the_service_and_its_audit_log(service, demo):
    actors = {(e.actor_name, e.actor_role) for e in service.history()}
    # Everything by the demo's generator, but the moderation its fictional commissioner wrote.
    assert actors == {("Demo generator", "system"), ("A. Placeholder (fictional)", "Commissioner")}
    moderated = {e.actor_name for e in service.history() if e.action == "moderate"}
    assert moderated == {"A. Placeholder (fictional)"}
    # TRIP priorities are plans too: created, saved, agreed and reviewed the same way.
    trip = {p.id for t in service.providers.teams() for p in service.trip.trip_priorities(t.id)}
    done = Counter(e.action for e in service.history("plan") if e.entity_id in trip)
    assert done["create"] == done["save"] == done["sign"] == demo.trip_priorities
    assert done["review"] == demo.trip_reviews
    assert len(service.history("asset")) == demo.assets

    template_b = {p.id for p in every_plan(service)}
    entries = [e for e in service.history("plan") if e.entity_id in template_b]
    done = Counter(e.action for e in entries)
    measurements = [m for p in every_plan(service) for m in service.reviews.measurements(p.id)]
    assert done["create"] == demo.plans
    assert done["save"] == done["sign"] == demo.versions
    assert (
        done["review"]
        == demo.reviews
        == sum(len(service.reviews.reviews(p.id)) for p in every_plan(service))
    )
    assert done["measure"] == sum(m.review_id is None for m in measurements)
    assert demo.measurements == len(measurements)


@pytest.mark.parametrize(("teams", "rounds"), [(1, 1), (2, 2)])
def test_a_small_showcase_still_has_signed_plans_and_nothing_after_today(service, teams, rounds):
    summary = load_demo(service, teams=teams, rounds=rounds, today=TODAY)
    plans = every_plan(service)
    assert summary.plans == len(plans) == 2 * (2 + teams)  # two providers, and each team
    # A lone team has a TRIP; of two, the second has none yet.
    first = min(service.providers.teams(), key=lambda t: t.id)
    assert [t.id for t in service.providers.teams() if service.trip.trip_rounds(t.id)] == [first.id]
    assert summary.trip_rounds == 2 and summary.trip_priorities == TRIP_PRIORITIES
    for plan in plans:
        assert plan.latest.signed and plan.latest.signed_on <= TODAY
        assert all(r.held_on <= TODAY for r in service.reviews.reviews(plan.id))
        assert all(m.measured_on <= TODAY for m in service.reviews.measurements(plan.id))


def test_a_large_portfolio_has_one_light_plan_per_team_and_two_per_provider(service):
    summary = load_demo(service, teams=30, rounds=3, today=TODAY)
    providers = service.providers.organisations()
    assert summary.plans == 30 + 2 * len(providers) == len(every_plan(service))
    for org in providers:
        assert len(service.plans.plans(org.id)) == 2
        for plan in service.plans.plans(org.id):  # reviewed quarterly, without monthly figures
            assert plan.latest.signed and service.reviews.reviews(plan.id)
            assert all(m.review_id is not None for m in service.reviews.measurements(plan.id))
        for team in service.providers.teams(org.id):
            (plan,) = service.plans.plans(org.id, team.id)
            assert (
                plan.latest.signed
                and plan.round_id == agreed_rounds(service, org.id, team.id)[0].id
            )
            (review,) = service.reviews.reviews(plan.id)  # the latest: the next is not due yet
            assert plan.opened_on < review.held_on <= TODAY < review.next_review_on
            goals = len(plan.latest.content.goals)
            assert (
                len(service.reviews.measurements(plan.id)) == goals
            )  # the review's, no monthly ones
    team_plans = [p for p in every_plan(service) if p.team_id is not None]
    assert not service.reviews.due_items(team_plans)
    # No TRIP at scale: it would only slow the demo down.
    assert (summary.trip_rounds, summary.assets, summary.trip_priorities) == (0, 0, 0)
    for team in service.providers.teams():
        assert not service.trip.trip_rounds(team.id) and not service.trip.assets(team.id)
        assert not service.trip.trip_priorities(team.id)
