"""Team files: a team's whole record written as readable YAML, read back whole, and imported
through the service so the commissioner sees the team."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from assessments.records.portfolio import PortfolioFilters
from exports.team_file import import_team_file, read_team_file, team_file
from tests.unit.team_file_helpers import (
    PROVIDER_LEAD,
    SHOWN_TEAM,
    TODAY,
    VALID,
    fresh_store,
    realistic_team,
)

NEVER_IN_A_FILE = {"id", "team_id", "round_id", "plan_id", "created_at", "updated_at", "created_by"}


@pytest.fixture(scope="module")
def demo_text(tmp_path_factory, definitions) -> str:
    """The realistic team's file, written once from a SQLite store of its own."""
    source = fresh_store(tmp_path_factory.mktemp("provider") / "provider.db", definitions)
    text = team_file(source, realistic_team(source, PROVIDER_LEAD))
    source.engine.dispose()
    return text


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


def test_a_team_exported_imported_and_exported_again_gives_the_same_text(
    service, actor, definitions, tmp_path
):
    text = team_file(service, realistic_team(service, actor))
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    result = import_team_file(target, actor, text)

    assert team_file(target, result.team_id) == text
    assert result.created.template_a_rounds == 4 and result.created.trip_rounds == 2
    assert result.created.template_b_plans == 3 and result.created.trip_priorities == 4
    team = target.providers.team(result.team_id)
    plans = {p.challenge_id: p for p in target.plans.plans(team.organisation_id, team.id)}
    assert [v.number for v in target.plans.plan_versions(plans["c04-leadership"].id)] == [1, 2]
    assert plans["c07-involvement"].status == "open"
    assert any(r.practice for r in target.rounds.rounds(team_id=team.id))
    assert sum(a.archived for a in target.trip.assets(team.id, include_archived=True)) == 1
    target.engine.dispose()


def test_a_team_file_reads_as_a_person_would_write_it(demo_text):
    data = yaml.safe_load(demo_text)
    assert list(data) == [
        "format",
        "format_version",
        "provider",
        "team",
        "rounds",
        "assets",
        "plans",
    ]
    assert data["team"] == {
        "name": SHOWN_TEAM,
        "type": "cmht",
        "locality": "Northfield East",
        "archived": False,
    }
    assert not keys_in(data) & NEVER_IN_A_FILE  # no database ids, no times of writing
    assert (
        PROVIDER_LEAD.name not in demo_text and "Demo generator" not in demo_text
    )  # nor who typed
    held = [r["held_on"] for r in data["rounds"]]
    assert held == sorted(held) and all(isinstance(d, date) for d in held)
    keys = {r["key"] for r in data["rounds"]}
    assert {p["round"] for p in data["plans"]} <= keys
    note = "            note: |-\n              Line one.\n              Line two: 'quoted'.\n"
    assert note in demo_text  # a note of two lines reads as two lines


def test_importing_twice_creates_nothing_the_second_time(service, actor, demo_text):
    first = import_team_file(service, actor, demo_text)
    written = len(service.history())

    again = import_team_file(service, actor, demo_text)

    assert len(service.history()) == written
    assert "Created nothing" in again.summary()
    assert again.already.template_a_rounds == first.created.template_a_rounds == 4
    assert again.already.trip_priorities == first.created.trip_priorities == 4
    assert team_file(service, first.team_id) == demo_text


def test_the_summary_says_what_was_created_in_words(service, actor):
    result = import_team_file(service, actor, VALID.read_bytes(), "valid.yaml")
    assert result.summary() == (
        "Harbour Lane Community Team (fictional) (Brookvale Demo Partnership Trust "
        "(fictional)): Created the provider, the team, 1 Template A round, 1 TRIP round, "
        "2 assets, 1 Template B plan, 1 TRIP priority, 2 plan versions, 1 review and 2 "
        "measurements. Already there: nothing."
    )


def test_the_commissioner_sees_the_imported_team_in_the_portfolio(
    actor, definitions, demo_text, tmp_path
):
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    import_team_file(target, actor, demo_text)

    records = target.portfolio.portfolio(PortfolioFilters(framework="imroc-challenges@2010"))

    assert list(records.teams["Team"]) == [SHOWN_TEAM]
    assert len(records.priorities) > 0
    target.engine.dispose()


def test_a_new_round_in_a_later_file_is_added_beside_the_ones_already_there(service, actor):
    import_team_file(service, actor, VALID.read_bytes())
    later = VALID.read_text().replace(
        "  - key: trip-2026-03-05",
        "  - key: template-a-2026-09-01\n"
        "    kind: template-a\n    framework: imroc-challenges@2010\n    held_on: 2026-09-01\n"
        "    facilitator: Recovery lead\n    status: agreed\n  - key: trip-2026-03-05",
    )

    result = import_team_file(service, actor, later)

    assert (result.created.template_a_rounds, result.already.template_a_rounds) == (1, 1)
    assert result.already.template_b_plans == 1 and result.created.template_b_plans == 0


def test_figures_of_a_goal_a_later_version_dropped_are_kept(service, actor, definitions, tmp_path):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    team = service.providers.team(team_id)
    plan = service.plans.plans(team.organisation_id, team.id)[0]
    v1 = plan.latest.content
    extra = v1.goals[0].model_copy(
        update={"key": "", "statement": "Halve the safety plans written without the person"}
    )
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, v1.model_copy(update={"goals": (*v1.goals, extra)}), "Add"
    )
    plan = service.versions.sign_plan(
        actor,
        plan.id,
        plan.version,
        signed_on=date(2026, 7, 1),
        commissioner_agrees=True,
        provider_agrees=True,
    )
    service.reviews.add_measurement(actor, plan.id, "g2", date(2026, 7, 31), 41)
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, v1, "The second goal was dropped."
    )
    text = team_file(service, team_id)
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    copied = import_team_file(target, actor, text).team_id

    assert team_file(target, copied) == text
    copy = target.plans.plans(team.organisation_id, copied)[0]
    assert [(m.goal_key, m.value) for m in target.reviews.measurements(copy.id)][-1] == ("g2", 41.0)
    assert [v.number for v in target.plans.plan_versions(copy.id)] == [1, 2, 3]
    target.engine.dispose()


def test_an_archived_team_is_archived_once_its_records_are_in(service, actor):
    text = VALID.read_text().replace("  archived: false\nrounds:", "  archived: true\nrounds:")
    result = import_team_file(service, actor, text)
    assert service.providers.team(result.team_id).archived
    assert len(service.rounds.rounds(team_id=result.team_id)) == 1


def test_a_team_the_provider_archived_since_is_archived_here_too(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    text = VALID.read_text().replace("  archived: false\nrounds:", "  archived: true\nrounds:")

    result = import_team_file(service, actor, text)

    assert service.providers.team(team_id).archived
    assert result.updated.teams == 1 and "Brought up to date: the team." in result.summary()
    assert "Already there: the provider, 1 Template A round" in result.summary()


def test_text_and_bytes_read_alike(definitions):
    as_text = read_team_file(VALID.read_text(), definitions=definitions, today=TODAY)
    assert as_text == read_team_file(VALID.read_bytes(), definitions=definitions, today=TODAY)
    assert [r.key for r in as_text.rounds] == ["template-a-2026-02-10", "trip-2026-03-05"]
