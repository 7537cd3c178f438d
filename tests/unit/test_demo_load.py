"""The fictional demo: the provider, teams and rounds it creates, that it never mixes with real
records, and that a seed repeats it."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from assessments import store
from assessments.rules.errors import ServiceError
from assessments.service import Service
from demo import load_demo
from tests.demo_store import demo_file, load_demo_copy
from tests.unit.demo_helpers import TODAY, plans_by_scope


def scopes(service) -> dict[str, list]:
    """Each provider's and each team's rounds, oldest first, practice rounds apart."""
    names = {t.id: t.name for t in service.providers.teams()}
    found: dict[str, list] = {}
    for r in sorted(service.rounds.rounds(), key=lambda r: r.held_on):
        scope = "practice" if r.practice else names.get(r.team_id, f"provider {r.organisation_id}")
        found.setdefault(scope, []).append(r)
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


def test_the_default_demo_is_two_fictional_providers_one_with_a_dozen_teams_of_mixed_types(
    service, demo
):
    trust, voluntary = service.providers.organisations()
    assert all("fictional" in p.name.lower() for p in (trust, voluntary))
    assert (trust.kind, voluntary.kind) == ("trust", "vcfse")
    teams = service.providers.teams()
    assert 10 <= len(teams) <= 14 and {t.organisation_id for t in teams} == {trust.id}
    assert len({t.team_type for t in teams}) >= 5
    assert (demo.providers, demo.teams, demo.rounds, demo.practice) == (
        2,
        len(teams),
        (3 + 1) * 2 + 3 * len(teams),
        2,
    )


def test_the_first_providers_latest_round_is_completed_by_its_leads_and_moderated(service, demo):
    rounds = [r for r in service.rounds.rounds() if r.team_id is None and not r.practice]
    assert all(r.recovery_lead and r.commissioner_lead and r.co_facilitator for r in rounds)
    trust = service.providers.organisations()[0]
    latest = next(r for r in rounds if r.organisation_id == trust.id)  # newest first
    moderated = [
        record
        for record in service.workshop.challenge_records(latest.id).values()
        if record.moderation is not None
    ]
    assert len(moderated) == demo.moderated >= 2
    assert any(record.moderation.differs_from(record.answer) for record in moderated)
    assert {record.moderation.moderated_as for record in moderated} == {"Commissioner"}


def test_each_provider_and_team_have_three_agreed_rounds_over_about_18_months(service, demo):
    found = scopes(service)
    assert len(found.pop("practice")) == 2
    assert len(found) == 2 + demo.teams  # each provider as a whole, and each team
    for scope, rounds in found.items():
        assert [r.status for r in rounds] == ["agreed"] * 3, scope
        gaps = [(b.held_on - a.held_on).days for a, b in itertools.pairwise(rounds)]
        assert all(230 <= gap <= 320 for gap in gaps), (scope, gaps)  # about nine months
        assert rounds[-1].held_on < TODAY
        assert all(r.held_on.weekday() < 5 for r in rounds)  # workshops on working days
    for practice in [r for r in service.rounds.rounds() if r.practice]:
        assert practice.team_id is None and practice.held_on < min(
            r.held_on
            for r in service.rounds.rounds()
            if not r.practice and r.organisation_id == practice.organisation_id
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


def test_the_same_seed_gives_the_same_records(service, definitions, tmp_path, sqlite):
    """A small demo (every kind of record, in seconds) copied in was built once this run by
    `load_demo` on SQLite. On SQLite it is built again here; on PostgreSQL the copy is compared
    with that SQLite build. Another seed, built once this run, gives other records."""
    small = {"teams": 3, "rounds": 2, "today": TODAY}
    load_demo_copy(service, **small)
    again, other = tmp_path / "again.db", tmp_path / "other.db"
    if service.engine.url.get_backend_name() == "sqlite":
        load_demo(Service(sqlite(again), definitions, today=lambda: TODAY), **small)
    else:
        demo_file(again, definitions, **small)
    demo_file(other, definitions, seed=7, **small)
    for path, same in ((again, True), (other, False)):
        built = Service(sqlite(path), definitions, today=lambda: TODAY)
        assert (snapshot(built) == snapshot(service)) is same


@pytest.fixture
def sqlite():
    """Stores opened on SQLite files, each closed after the test."""
    opened = []

    def open_file(path):
        opened.append(store.open_store(f"sqlite:///{path}"))
        return opened[-1]

    yield open_file
    for engine in opened:
        engine.dispose()


# The large demos' shape is the same on either database, whose writes the default demo covers.
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
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
