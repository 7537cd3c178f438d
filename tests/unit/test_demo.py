"""The fictional demo: what it creates, that it never mixes with real records, that a seed
repeats it, and the command line that loads it."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from statistics import fmean

import pytest

from assessments import store
from assessments.__main__ import main
from assessments.plan_records import PlanContent
from assessments.progress import measure_frame
from assessments.service import Service
from assessments.service.errors import ServiceError
from assessments.smart import agreement_gaps, sign_off_gaps, smart_gaps
from demo import load_demo
from tests.demo_store import demo_file, load_demo_copy

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)  # the `service` fixture's today: no agreed round may come after it
TRIP_PRIORITIES = 4  # each team's open co-led priorities: the method advises three to five


@pytest.fixture
def demo(service):
    return load_demo_copy(service, today=TODAY)  # load_demo's, built once a session


def scopes(service) -> dict[str, list]:
    """Each provider's and each team's rounds, oldest first, practice rounds apart."""
    names = {t.id: t.name for t in service.providers.teams()}
    found: dict[str, list] = {}
    for r in sorted(service.rounds.rounds(), key=lambda r: r.held_on):
        scope = "practice" if r.practice else names.get(r.team_id, f"provider {r.organisation_id}")
        found.setdefault(scope, []).append(r)
    return found


def plans_by_scope(service) -> dict[str, list]:
    """Each provider's own plans and each team's, by name."""
    found = {}
    for org in service.providers.organisations():
        found[org.name] = service.plans.plans(org.id)
        for team in service.providers.teams(org.id):
            found[team.name] = service.plans.plans(org.id, team.id)
    return found


def snapshot(service) -> list:
    """Everything the demo wrote, by name rather than by id."""
    teams = {t.id: (t.name, t.team_type, t.locality) for t in service.providers.teams()}
    rounds = [
        (
            r.held_on,
            teams.get(r.team_id),
            r.facilitator,
            r.status,
            r.participants,
            [(cid, rec.answer) for cid, rec in service.workshop.challenge_records(r.id).items()],
        )
        for r in service.rounds.rounds()
    ]
    plans = [
        (
            scope,
            p.challenge_id,
            p.opened_on,
            p.status,
            [
                (v.number, v.content, v.reason, v.signed_on, v.signed_by_commissioner)
                for v in service.plans.plan_versions(p.id)
            ],
            [
                (
                    r.held_on,
                    r.plan_version,
                    r.stage,
                    r.stage_evidence,
                    r.learned,
                    r.goal_outcomes,
                    r.action_statuses,
                    r.next_review_on,
                )
                for r in service.reviews.reviews(p.id)
            ],
            [
                (m.goal_key, m.measured_on, m.value, m.review_id is None)
                for m in service.reviews.measurements(p.id)
            ],
        )
        for scope, found in sorted(plans_by_scope(service).items())
        for p in found
    ]
    trips = [
        (
            teams[team_id],
            [(a.kind, a.holder, a.held_by, a.what) for a in service.trip.assets(team_id)],
            [
                (
                    r.held_on,
                    r.facilitator,
                    r.status,
                    r.participants,
                    {sid: x.rating for sid, x in service.trip.trip_ratings(r.id).items()},
                )
                for r in service.trip.trip_rounds(team_id)
            ],
            [
                (
                    p.challenge_id,
                    [(v.content, v.signed_on) for v in service.plans.plan_versions(p.id)],
                    [
                        (r.held_on, r.learned, r.action_statuses, r.next_review_on)
                        for r in service.reviews.reviews(p.id)
                    ],
                )
                for p in service.trip.trip_priorities(team_id)
            ],
        )
        for team_id in sorted(teams)
    ]
    return [
        [o.name for o in service.providers.organisations()],
        sorted(teams.values()),
        rounds,
        plans,
        trips,
    ]


def test_the_default_demo_is_one_fictional_provider_with_a_dozen_teams_of_mixed_types(
    service, demo
):
    (provider,) = service.providers.organisations()
    assert "fictional" in provider.name.lower()
    teams = service.providers.teams()
    assert 10 <= len(teams) <= 14
    assert len({t.team_type for t in teams}) >= 5
    assert (demo.providers, demo.teams, demo.rounds, demo.practice) == (
        1,
        len(teams),
        3 + 3 * len(teams) + 1,
        1,
    )


def test_the_provider_and_each_team_have_three_agreed_rounds_over_about_18_months(service, demo):
    found = scopes(service)
    assert len(found.pop("practice")) == 1
    assert len(found) == 1 + demo.teams  # the provider as a whole, and each team
    for scope, rounds in found.items():
        assert [r.status for r in rounds] == ["agreed"] * 3, scope
        gaps = [(b.held_on - a.held_on).days for a, b in itertools.pairwise(rounds)]
        assert all(230 <= gap <= 320 for gap in gaps), (scope, gaps)  # about nine months
        assert rounds[-1].held_on < TODAY
        assert all(r.held_on.weekday() < 5 for r in rounds)  # workshops on working days
    (practice,) = [r for r in service.rounds.rounds() if r.practice]
    assert practice.team_id is None and practice.held_on < min(
        r.held_on for r in service.rounds.rounds() if not r.practice
    )


def test_every_round_records_all_ten_challenges_as_a_room_would(service, definitions, demo):
    challenges = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    answers = []
    rating: dict[str, Counter] = {"people-using-services": Counter(), "clinical-staff": Counter()}
    for r in service.rounds.rounds():
        assert r.framework == "imroc-challenges@2010"
        records = service.workshop.challenge_records(r.id)
        assert list(records) == challenges
        round_answers = [rec.answer for rec in records.values()]
        assert sorted(a.priority for a in round_answers if a.priority) == [1, 2, 3, 4, 5]
        for answer in round_answers:
            assert answer.decided
            for view in answer.views:
                assert sum(view.counts.values()) <= r.participants.get(view.group, 0)
                if view.group in rating:
                    rating[view.group].update({1: view.stage_1, 2: view.stage_2, 3: view.stage_3})
        answers += round_answers
    split = [a for a in answers if a.not_agreed]
    assert split and all(a.dissent and a.agreed_stage is None for a in split)
    assert len(split) < len(answers) / 5
    assert {a.agreed_stage for a in answers} == {None, 1, 2, 3}
    assert any(a.comments for a in answers) and any(a.evidence for a in answers)
    assert any(v.note for a in answers for v in a.views)

    def mean(c: Counter) -> float:
        return sum(stage * n for stage, n in c.items()) / c.total()

    # People using services see less change than the staff who made it.
    assert mean(rating["people-using-services"]) < mean(rating["clinical-staff"])


def test_stages_move_on_over_the_rounds(service, demo):
    def mean_stage(r) -> float:
        stages = [
            rec.answer.agreed_stage for rec in service.workshop.challenge_records(r.id).values()
        ]
        return sum(s for s in stages if s) / len([s for s in stages if s])

    found = scopes(service)
    found.pop("practice")
    first = sum(mean_stage(rounds[0]) for rounds in found.values())
    last = sum(mean_stage(rounds[-1]) for rounds in found.values())
    assert last > first + 0.2 * len(found)
    assert first < 1.6 * len(found)  # most challenges start at Stage 1


def test_a_second_load_is_refused_and_writes_nothing(service, demo):
    before = len(service.history())
    with pytest.raises(ServiceError, match="only into an empty store"):
        load_demo(service, today=TODAY)
    assert len(service.history()) == before


def test_a_store_with_real_records_is_refused(service, actor):
    service.providers.create_organisation(actor, "A real provider")
    with pytest.raises(ServiceError, match="never mixes with real records"):
        load_demo(service, today=TODAY)
    assert [o.name for o in service.providers.organisations()] == ["A real provider"]


@pytest.mark.parametrize("size", [{"teams": 0}, {"rounds": 0}, {"teams": 10**6}, {"rounds": 99}])
def test_a_size_out_of_range_is_refused(service, size):
    with pytest.raises(ServiceError, match="The demo takes from 1 to"):
        load_demo(service, today=TODAY, **size)
    assert service.providers.is_empty()


def test_the_same_seed_gives_the_same_records(service, definitions, tmp_path, demo):
    again = store.open_store(f"sqlite:///{tmp_path / 'again.db'}")
    other = store.open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        same = Service(again, definitions, today=lambda: TODAY)
        load_demo(same, today=TODAY)
        assert snapshot(same) == snapshot(service)
        different = Service(other, definitions, today=lambda: TODAY)
        load_demo(different, seed=7, today=TODAY)
        assert snapshot(different) != snapshot(service)
    finally:
        again.dispose()
        other.dispose()


def test_a_large_portfolio_spreads_over_providers_of_about_25_teams(service):
    summary = load_demo(service, teams=60, rounds=2, today=TODAY)
    providers = service.providers.organisations()
    assert len(providers) == summary.providers == 3
    assert all("(fictional)" in o.name for o in providers)
    assert sorted(len(service.providers.teams(o.id)) for o in providers) == [20, 20, 20]
    assert summary.rounds == 60 * 2 + 3 * (2 + 1) and summary.practice == 3
    found = scopes(service)
    found.pop("practice")
    for rounds in found.values():
        assert len(rounds) == 2
        assert 70 <= (rounds[1].held_on - rounds[0].held_on).days <= 110  # about three months


# --- Template B -------------------------------------------------------------------------------


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
    (org,) = service.providers.organisations()
    scope_ids = [None] + [t.id for t in service.providers.teams(org.id)]
    for team_id in scope_ids:
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
    assert demo.plans == 2 * len(scope_ids) and demo.versions == demo.plans + 1


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
    (org,) = service.providers.organisations()
    for plan in service.plans.plans(org.id):
        measurements = service.reviews.measurements(plan.id)
        assert any(m.review_id is None for m in measurements)  # figures between the reviews
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
    assert actors == {("Demo generator", "system")}
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
    assert summary.plans == len(plans) == 2 * (1 + teams)
    # A lone team has a TRIP; of two, the second has none yet.
    first = min(service.providers.teams(), key=lambda t: t.id)
    assert [t.id for t in service.providers.teams() if service.trip.trip_rounds(t.id)] == [first.id]
    assert summary.trip_rounds == 2 and summary.trip_priorities == TRIP_PRIORITIES
    for plan in plans:
        assert plan.latest.signed and plan.latest.signed_on <= TODAY
        assert all(r.held_on <= TODAY for r in service.reviews.reviews(plan.id))
        assert all(m.measured_on <= TODAY for m in service.reviews.measurements(plan.id))


def test_a_large_portfolio_has_one_light_plan_per_team_and_two_per_provider(service):
    started = time.perf_counter()
    summary = load_demo(service, teams=30, rounds=3, today=TODAY)
    assert time.perf_counter() - started < 30
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


# --- TRIP -------------------------------------------------------------------------------------

INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
ROLE = re.compile(r"[A-Z][a-z-]+(?: [a-z-]+)*")  # "Peer support worker": never "Jo Reyes"


def trips(service) -> dict[str, tuple]:
    """Each team with a TRIP, by name: the team, its TRIP rounds oldest first, and the
    ratings of each."""
    found = {}
    for team in service.providers.teams():
        rounds = sorted(service.trip.trip_rounds(team.id), key=lambda r: r.held_on)
        if rounds:
            found[team.name] = (team, rounds, [service.trip.trip_ratings(r.id) for r in rounds])
    return found


def test_every_showcase_team_but_one_has_two_agreed_trip_rounds_about_six_months_apart(
    service, definitions, demo
):
    found = trips(service)
    teams = service.providers.teams()
    (without,) = [t for t in teams if t.name not in found]  # "start a TRIP" shows for it
    assert not service.trip.assets(without.id) and not service.trip.trip_priorities(without.id)
    assert demo.trip_rounds == 2 * len(found) == 2 * (len(teams) - 1)
    for name, (team, rounds, ratings) in found.items():
        bset = service.trip.benchmark_set_for(team)
        values = {v.value for v in definitions.scales[bset.scale].values}
        assert [r.status for r in rounds] == ["agreed", "agreed"], name
        assert all(r.framework == bset.ref and not r.practice for r in rounds)
        assert 365 <= (TODAY - rounds[0].held_on).days <= 460  # twelve to fifteen months ago
        assert 150 <= (rounds[1].held_on - rounds[0].held_on).days <= 210  # six months on
        assert all(r.held_on.weekday() < 5 for r in rounds)
        for r in rounds:
            assert r.participants.get("people-using-services", 0) >= 3
            assert r.participants.get("clinical-staff", 0) >= 1 and r.facilitator
        for said in ratings:  # every statement talked through, on the set's scale
            assert list(said) == [s.id for s in bset.statements]
            assert all(x.rating.value in values for x in said.values()), name


def test_trip_ratings_move_up_a_little_with_words_on_some_statements(service, definitions, demo):
    moves: Counter = Counter()
    values: Counter = Counter()
    proud = next_step = total = 0
    for name, (team, _, (first, second)) in trips(service).items():
        scale = definitions.scales[service.trip.benchmark_set_for(team).scale].values
        rank = {v.value: v.rank for v in scale if v.rank}
        for sid, before in first.items():
            after = second[sid]
            if before.rating.value in rank and after.rating.value in rank:
                moves[rank[after.rating.value] - rank[before.rating.value]] += 1
        team_ranks = [
            [rank[x.rating.value] for x in said.values() if x.rating.value in rank]
            for said in (first, second)
        ]
        assert 0 < fmean(team_ranks[1]) - fmean(team_ranks[0]) < 1.2, name  # a little further
        for said in (first, second):
            texts = [x.rating.proud for x in said.values() if x.rating.proud]
            assert len(texts) == len(set(texts)), name  # no pride said twice in one round
            for x in said.values():
                values[x.rating.value] += 1
                proud += bool(x.rating.proud)
                next_step += bool(x.rating.next_step)
                total += 1
                if x.rating.value in ("not-yet", "not-applicable", "dont-know"):
                    assert not x.rating.proud
    assert moves[1] + moves[2] > 2 * (moves[-1] + moves[-2])  # mostly up, rarely down
    assert not any(abs(step) > 2 for step in moves)
    assert 0.25 <= proud / total <= 0.42  # about a third
    assert 0.18 <= next_step / total <= 0.33  # about a quarter
    assert 0 < values["not-applicable"] + values["dont-know"] < 0.08 * total  # occasionally
    assert {"not-yet", "started", "partly", "mostly", "fully"} <= set(values)


def test_each_trip_has_four_to_eight_assets_held_by_a_role_or_initials(service, definitions, demo):
    kinds = {k.id for k in definitions.trip.asset_kinds}
    holders: Counter = Counter()
    total = 0
    for name, (team, _, _) in trips(service).items():
        assets = service.trip.assets(team.id)
        assert 4 <= len(assets) <= 8, name
        assert {a.kind for a in assets} == kinds, name  # some of each kind
        assert len({a.holder for a in assets}) >= 2, name
        for a in assets:
            assert INITIALS.fullmatch(a.held_by) or ROLE.fullmatch(a.held_by), a.held_by
            assert a.what and not a.archived
        holders.update(a.holder for a in assets)
        total += len(assets)
    assert set(holders) == {h.id for h in definitions.trip.asset_holders}
    assert demo.assets == total


def test_each_trip_has_four_open_agreed_priorities_co_led_from_its_first_round(service, demo):
    timescales: Counter = Counter()
    for name, (team, rounds, (first, second)) in trips(service).items():
        priorities = service.trip.trip_priorities(team.id)
        assert len(priorities) == TRIP_PRIORITIES, name
        assets = {a.id for a in service.trip.assets(team.id)}
        for plan in priorities:
            versions = service.plans.plan_versions(plan.id)
            (agreed,) = versions  # agreed once, never changed
            content = agreed.content
            assert plan.trip and plan.open and plan.round_id == rounds[0].id
            assert 0 <= (agreed.signed_on - rounds[0].held_on).days <= 14
            assert not agreement_gaps(content)
            assert content.title and content.description
            assert content.staff_lead.name.endswith("(fictional)") and content.staff_lead.role
            assert INITIALS.fullmatch(content.person_lead_initials)
            assert 2 <= len(content.actions) <= 3
            assert all(a.what and a.who and a.by_when for a in content.actions)
            assert 1 <= len(content.assets) <= 2 and set(content.assets) <= assets
            timescales[content.timescale] += 1
            # The room rated the statement low and said what it could do next; it moved on.
            before, after = first[plan.challenge_id].rating, second[plan.challenge_id].rating
            assert before.value in ("not-yet", "started", "partly") and before.next_step
            assert after.value != before.value
            reviews = service.reviews.reviews(plan.id)
            assert 1 <= len(reviews) <= 2
            for review in reviews:
                assert agreed.signed_on < review.held_on <= TODAY and review.stage is None
                assert set(review.action_statuses) == {a.key for a in content.actions}
                assert review.learned and review.held_on < review.next_review_on
        assert {p.latest.content.timescale for p in priorities} == {"quick-win", "longer-term"}
    assert demo.trip_priorities == TRIP_PRIORITIES * len(trips(service))
    assert timescales["quick-win"] and timescales["longer-term"]


def test_one_trip_review_is_overdue_on_purpose_and_nothing_else(service, demo):
    priorities = [p for t in service.providers.teams() for p in service.trip.trip_priorities(t.id)]
    (items,) = service.reviews.due_items(priorities).values()
    assert len(items) == 1 and items[0].startswith("The review was due on")


# --- the command line ---------------------------------------------------------------------


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_")}
    env["RECOVERY_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_line_says_the_store_is_empty_and_loads_the_demo(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    empty = cli(url, "status")
    assert empty.returncode == 0
    assert f"The store at {url} is empty" in empty.stdout
    assert "python -m assessments demo" in empty.stdout

    loaded = cli(url, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == (
        "Created 1 fictional provider, 12 teams, 40 rounds (1 practice), 26 signed action "
        "plans, 22 TRIP rounds, 69 TRIP assets and 44 co-led TRIP priorities in "
        f"{url}"
    )


def test_the_command_line_refuses_a_second_load_and_says_what_the_store_holds(
    tmp_path, definitions
):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    demo_file(tmp_path / "cli.db", definitions)  # what `demo` loads, copied from the session's

    again = cli(url, "demo")
    assert again.returncode == 1
    assert "only into an empty store" in again.stderr
    assert "Traceback" not in again.stderr and not again.stdout

    full = cli(url, "status")
    assert full.returncode == 0
    assert f"The store at {url} holds 1 provider, 12 teams and 40 rounds." in full.stdout


@pytest.mark.parametrize(
    "args", [["demo", "--teams", "0"], ["demo", "--rounds", "many"], ["load"], []]
)
def test_the_command_line_refuses_bad_arguments_before_opening_the_store(
    args, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert not (tmp_path / "cli.db").exists()


def test_the_command_line_explains_an_unusable_store(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'missing' / 'cli.db'}"
    monkeypatch.setenv("RECOVERY_DATABASE_URL", url)
    assert main(["demo"]) == 1
    assert url in capsys.readouterr().err
