"""The fictional demo: what it creates, that it never mixes with real records, that a seed
repeats it, and the command line that loads it."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from assessments import store
from assessments.__main__ import main
from assessments.demo import load_demo
from assessments.service import Service
from assessments.writes import ServiceError

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)  # the `service` fixture's today: no agreed round may come after it


@pytest.fixture
def demo(service):
    return load_demo(service, today=TODAY)


def scopes(service) -> dict[str, list]:
    """Each provider's and each team's rounds, oldest first, practice rounds apart."""
    names = {t.id: t.name for t in service.teams()}
    found: dict[str, list] = {}
    for r in sorted(service.rounds(), key=lambda r: r.held_on):
        scope = "practice" if r.practice else names.get(r.team_id, f"provider {r.organisation_id}")
        found.setdefault(scope, []).append(r)
    return found


def snapshot(service) -> list:
    """Everything the demo wrote, by name rather than by id."""
    teams = {t.id: (t.name, t.team_type, t.locality) for t in service.teams()}
    rounds = [
        (
            r.held_on,
            teams.get(r.team_id),
            r.facilitator,
            r.status,
            r.participants,
            [(cid, rec.answer) for cid, rec in service.challenge_records(r.id).items()],
        )
        for r in service.rounds()
    ]
    return [[o.name for o in service.organisations()], sorted(teams.values()), rounds]


def test_the_default_demo_is_one_fictional_provider_with_a_dozen_teams_of_mixed_types(
    service, demo
):
    (provider,) = service.organisations()
    assert "fictional" in provider.name.lower()
    teams = service.teams()
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
    (practice,) = [r for r in service.rounds() if r.practice]
    assert practice.team_id is None and practice.held_on < min(
        r.held_on for r in service.rounds() if not r.practice
    )


def test_every_round_records_all_ten_challenges_as_a_room_would(service, definitions, demo):
    challenges = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    answers = []
    rating: dict[str, Counter] = {"people-using-services": Counter(), "clinical-staff": Counter()}
    for r in service.rounds():
        assert r.framework == "imroc-challenges@2010"
        records = service.challenge_records(r.id)
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
        stages = [rec.answer.agreed_stage for rec in service.challenge_records(r.id).values()]
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
    service.create_organisation(actor, "A real provider")
    with pytest.raises(ServiceError, match="never mixes with real records"):
        load_demo(service, today=TODAY)
    assert [o.name for o in service.organisations()] == ["A real provider"]


@pytest.mark.parametrize("size", [{"teams": 0}, {"rounds": 0}, {"teams": 10**6}, {"rounds": 99}])
def test_a_size_out_of_range_is_refused(service, size):
    with pytest.raises(ServiceError, match="The demo takes from 1 to"):
        load_demo(service, today=TODAY, **size)
    assert service.is_empty()


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
    providers = service.organisations()
    assert len(providers) == summary.providers == 3
    assert all("(fictional)" in o.name for o in providers)
    assert sorted(len(service.teams(o.id)) for o in providers) == [20, 20, 20]
    assert summary.rounds == 60 * 2 + 3 * (2 + 1) and summary.practice == 3
    found = scopes(service)
    found.pop("practice")
    for rounds in found.values():
        assert len(rounds) == 2
        assert 70 <= (rounds[1].held_on - rounds[0].held_on).days <= 110  # about three months


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
        f"Created 1 fictional provider, 12 teams and 40 rounds (1 practice) in {url}"
    )


def test_the_command_line_refuses_a_second_load_and_says_what_the_store_holds(
    tmp_path, definitions
):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = store.open_store(url)
    load_demo(Service(engine, definitions))
    engine.dispose()

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
