"""Team files refused: a broken file with every problem at once and nothing written, and a
file that clashes with what the store holds; and a team that changed type since, which is not."""

from __future__ import annotations

import pytest

from exports.team_file import TeamFileRefused, import_team_file, team_file
from tests.unit.team_file_helpers import FILES, VALID, expected_problems, fresh_store

# What a file is refused for: decided before anything is written.
pytestmark = pytest.mark.sqlite_only

BROKEN = sorted(p for p in FILES.glob("*.yaml") if p != VALID)


def test_the_corpus_has_a_broken_file_for_each_kind_of_slip():
    assert len(BROKEN) >= 12
    assert all(expected_problems(p) for p in BROKEN), "each broken file says what it expects"


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_a_broken_file_is_refused_with_every_problem_and_nothing_is_written(service, actor, path):
    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, path.read_bytes(), path.name)

    assert [str(p) for p in refused.value.problems] == expected_problems(path)
    assert refused.value.message.startswith("Nothing was imported")
    assert service.providers.is_empty() and service.history() == []


def test_a_team_given_another_type_and_locality_since_takes_the_files(service, actor):
    org = service.providers.create_organisation(
        actor, "Brookvale Demo Partnership Trust (fictional)"
    )
    service.providers.create_team(
        actor, org.id, "Harbour Lane Community Team (fictional)", "acute-ward"
    )

    result = import_team_file(service, actor, VALID.read_bytes(), "valid.yaml")

    team = service.providers.team(result.team_id)
    assert (team.team_type, team.locality) == ("cmht", "Brookvale South")
    assert result.updated.teams == 1
    assert "Brought up to date: the team." in result.summary()


def test_a_plan_on_a_challenge_with_an_open_plan_in_the_store_is_refused(service, actor):
    import_team_file(service, actor, VALID.read_bytes())
    written = len(service.history())
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")  # another round, same plan

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")

    assert [str(p) for p in refused.value.problems] == [
        "later.yaml:84: plans[0].challenge: the team already has an open plan on 'c06-risk' in "
        "this store (expected that plan completed or closed first)"
    ]
    assert len(service.history()) == written


def test_more_open_plans_than_the_method_allows_with_the_stores_is_refused(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    round_id = service.rounds.rounds(team_id=team_id)[0].id
    for challenge in (
        "c01-interactions",
        "c02-education",
        "c03-education-centre",
        "c04-leadership",
    ):
        service.plans.create_plan(actor, round_id, challenge)
    written = len(service.history())
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")
    later = later.replace("challenge: c06-risk", "challenge: c05-personalisation")

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")

    assert [str(p) for p in refused.value.problems] == [
        "later.yaml:81: plans: with the 5 open Template B plans the team has in this store, "
        "there would be too many open at once (expected at most 5 open at once: complete or "
        "close some there first)"
    ]
    assert len(service.history()) == written


def test_an_archived_team_in_the_store_takes_no_new_records(service, actor):
    result = import_team_file(service, actor, VALID.read_bytes())
    team = service.providers.team(result.team_id)
    service.providers.set_team_archived(actor, team.id, team.version, True)
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")
    assert "is archived in this store" in str(refused.value.problems[0])

    again = import_team_file(service, actor, VALID.read_bytes())  # nothing new: nothing refused
    assert again.created.words() == "nothing"


def test_a_team_that_changed_type_since_its_trip_round_moves_whole(
    service, actor, definitions, tmp_path
):
    """A community team become a ward keeps its past round on the community statements."""
    team = service.providers.team(import_team_file(service, actor, VALID.read_bytes()).team_id)
    service.providers.update_team(
        actor, team.id, team.version, name=team.name, team_type="acute-ward",
        locality=team.locality,
    )  # fmt: skip
    text = team_file(service, team.id)
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    moved = import_team_file(target, actor, text).team_id

    assert team_file(target, moved) == text
    assert [r.framework for r in target.trip.trip_rounds(moved)] == ["trip-community@1"]
    target.engine.dispose()
