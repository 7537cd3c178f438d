"""The fictional demo's TRIPs: two rounds per team about six months apart, ratings that move up
a little, assets held by a role or initials, and co-led priorities."""

from __future__ import annotations

import re
from collections import Counter
from statistics import fmean

from assessments.rules.smart import agreement_gaps
from tests.unit.demo_helpers import TODAY, TRIP_PRIORITIES, trips

INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
ROLE = re.compile(r"[A-Z][a-z-]+(?: [a-z-]+)*")  # "Peer support worker": never "Jo Reyes"


def lapsed(found: dict) -> list[str]:
    """The teams whose TRIP is over a year old with nothing since: its second round too."""
    return [
        name for name, (_, rounds, _) in found.items() if (TODAY - rounds[1].held_on).days > 365
    ]


def test_every_showcase_team_but_one_has_two_agreed_trip_rounds_about_six_months_apart(
    service, definitions, demo
):
    found = trips(service)
    assert len(lapsed(found)) == 1  # one TRIP has lapsed, so the portfolio shows one
    teams = service.providers.teams()
    (without,) = [t for t in teams if t.name not in found]  # "start a TRIP" shows for it
    assert not service.trip.assets(without.id) and not service.trip.trip_priorities(without.id)
    assert demo.trip_rounds == 2 * len(found) == 2 * (len(teams) - 1)
    for name, (team, rounds, ratings) in found.items():
        bset = service.trip.benchmark_set_for(team)
        values = {v.value for v in definitions.scales[bset.scale].values}
        assert [r.status for r in rounds] == ["agreed", "agreed"], name
        assert all(r.framework == bset.ref and not r.practice for r in rounds)
        first = (TODAY - rounds[0].held_on).days
        if name in lapsed(found):  # eighteen and a half months ago
            assert 555 <= first <= 575, name
        else:
            assert 365 <= first <= 460, name  # twelve to fifteen months ago
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
    stopped = lapsed(trips(service))
    for name, (team, rounds, (first, second)) in trips(service).items():
        priorities = service.trip.trip_priorities(team.id)
        if name in stopped:  # no priority was kept up
            assert priorities == [], name
            continue
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
    assert demo.trip_priorities == TRIP_PRIORITIES * (len(trips(service)) - len(stopped))
    assert timescales["quick-win"] and timescales["longer-term"]


def test_one_trip_review_is_overdue_on_purpose_and_nothing_else(service, demo):
    priorities = [p for t in service.providers.teams() for p in service.trip.trip_priorities(t.id)]
    (items,) = service.reviews.due_items(priorities).values()
    assert len(items) == 1 and items[0].startswith("The review was due on")
