"""A later team file from the same team: what happened since is brought in, and what this
store changed itself is kept beside it or left as it was and named."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assessments.records import Answer
from exports.team_file import import_team_file, team_file
from tests.unit.team_file_helpers import (
    SHOWN_TEAM,
    TODAY,
    VALID,
    fresh_store,
    realistic_team,
    sign_a_version_here,
)

# What a later file brings; its writes are the round trip's, run on PostgreSQL there.
pytestmark = pytest.mark.sqlite_only


def test_a_later_file_brings_what_happened_since_the_last_one(
    service, actor, definitions, tmp_path
):
    """The provider sends a file each quarter: the commissioner's store takes the new version,
    review, figure and closure, and the draft round the room has since agreed."""
    team_id = realistic_team(service, actor)
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    imported = import_team_file(target, actor, team_file(service, team_id)).team_id
    team = service.providers.team(team_id)
    plans = {p.challenge_id: p for p in service.plans.plans(team.organisation_id, team.id)}
    plan = plans["c04-leadership"]
    goal = plan.latest.content.goals[0]
    service.reviews.add_measurement(actor, plan.id, goal.key, TODAY - timedelta(days=1), 150)
    tighter = plan.latest.content.model_copy(update={"description": "Now every team."})
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, tighter, "Spread to every team."
    )
    plan = service.versions.sign_plan(
        actor, plan.id, plan.version, signed_on=TODAY,
        commissioner_agrees=True, provider_agrees=True,
    )  # fmt: skip
    service.reviews.record_review(
        actor, plan.id, held_on=TODAY, measurements={goal.key: 155}, goal_outcomes={},
        action_statuses={}, stage=None, stage_evidence="", learned="Two more teams asked.",
        next_review_on=TODAY + timedelta(days=60),
    )  # fmt: skip
    trip = next(p for p in service.trip.trip_priorities(team_id) if p.open)
    service.plans.set_plan_status(actor, trip.id, trip.version, "completed", "Done together.")
    draft = next(r for r in service.rounds.rounds(team_id=team_id) if r.status == "draft")
    record = service.workshop.challenge_record(draft.id, "c06-risk")
    agreed = Answer(views=record.answer.views, agreed_stage=2, priority=1)
    service.workshop.save_challenge(actor, draft.id, "c06-risk", agreed, record.version)
    service.rounds.update_round(
        actor, draft.id, draft.version, held_on=draft.held_on, facilitator=draft.facilitator,
        status="agreed", participants={"clinical-staff": 7},
    )  # fmt: skip
    later = team_file(service, team_id)

    result = import_team_file(target, actor, later)

    assert team_file(target, imported) == later
    assert result.summary().startswith(
        f"{SHOWN_TEAM} (Northfield Demo NHS Foundation Trust (fictional)): Created 1 plan "
        "version, 1 review and 2 measurements. Brought up to date: 1 Template A round, "
        "1 Template B plan and 1 TRIP priority. Already there:"
    )
    assert not result.left
    again = import_team_file(target, actor, later)
    assert (again.created.words(), again.updated.words()) == ("nothing", "nothing")
    target.engine.dispose()


def test_a_reworded_or_restored_asset_is_brought_up_to_date_not_added(
    service, actor, definitions, tmp_path
):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    imported = import_team_file(target, actor, team_file(service, team_id)).team_id
    assets = service.trip.assets(team_id, include_archived=True)
    used = next(a for a in assets if not a.archived)
    archived = next(a for a in assets if a.archived)
    service.trip.update_asset(
        actor, used.id, used.version, kind=used.kind, holder=used.holder,
        held_by=used.held_by, what="Designs posters, leaflets and the team's web page",
    )  # fmt: skip
    service.trip.set_asset_archived(actor, archived.id, archived.version, False)
    later = team_file(service, team_id)

    result = import_team_file(target, actor, later)

    assert team_file(target, imported) == later
    assert result.updated.assets == 2 and result.created.assets == 0
    assert not result.left  # the TRIP priority that uses the reworded asset is the same
    assert len(target.trip.assets(imported, include_archived=True)) == 2
    target.engine.dispose()


FIGURE = "        note: From the monthly audit.\n"


def with_figure(text: str, measured_on: str, value: float) -> str:
    """The valid file with one more monthly figure for its Template B plan's goal."""
    more = f"      - goal: g1\n        measured_on: {measured_on}\n        value: {value}\n"
    return text.replace(FIGURE, FIGURE + more)


def test_a_review_the_store_added_itself_stays_beside_the_files_new_figures(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    plan = service.plans.plans(service.providers.team(team_id).organisation_id, team_id)[0]
    service.reviews.record_review(  # the commissioner's store reviews the plan itself
        actor, plan.id, held_on=date(2026, 10, 1), measurements={}, goal_outcomes={},
        action_statuses={}, stage=None, stage_evidence="", learned="Seen at the ICB.",
        next_review_on=None,
    )  # fmt: skip

    result = import_team_file(service, actor, with_figure(VALID.read_text(), "2026-07-31", 40))

    assert result.updated.template_b_plans == 1 and result.created.measurements == 1
    assert [r.learned for r in service.reviews.reviews(plan.id)] == [
        "The training was booked out within a week.",
        "Seen at the ICB.",
    ]
    assert not result.left


def test_a_plan_signed_another_way_here_is_left_as_it_was_and_named(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    plan = service.plans.plans(service.providers.team(team_id).organisation_id, team_id)[0]
    sign_a_version_here(service, actor, plan.id)
    figures = len(service.reviews.measurements(plan.id))

    result = import_team_file(service, actor, with_figure(VALID.read_text(), "2026-07-31", 40))

    assert result.left == (
        "the Template B plan on 6. Changing approaches to risk assessment and management, "
        "from the round template-a-2026-02-10",
    )
    assert "Left as they were, because this store's copy went another way" in result.summary()
    assert len(service.reviews.measurements(plan.id)) == figures
    assert service.plans.plan(plan.id).latest.content.description == "Changed at the ICB."


def test_an_agreed_round_the_provider_corrected_since_takes_the_correction(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    corrected = VALID.read_text().replace(
        "Staff see more change than the people they support.",
        "Staff see more change than the people they support; carers agree with staff.",
    )

    result = import_team_file(service, actor, corrected)

    assert result.updated.template_a_rounds == 1 and not result.left
    (round_,) = service.rounds.rounds(team_id=team_id)
    answer = service.workshop.challenge_record(round_.id, "c01-interactions").answer
    assert answer.comments.endswith("carers agree with staff.")
    assert round_.status == "agreed"


def test_a_draft_round_takes_the_agreement_and_the_priorities_swapped_since(service, actor):
    draft = VALID.read_text().replace("    status: agreed\n", "    status: draft\n", 1)
    team_id = import_team_file(service, actor, draft).team_id
    swapped = (
        VALID.read_text()
        .replace("        priority: 2\n", "        priority: X\n")
        .replace("        priority: 1\n", "        priority: 2\n")
        .replace("        priority: X\n", "        priority: 1\n")
    )

    result = import_team_file(service, actor, swapped)

    assert result.updated.template_a_rounds == 1
    (round_,) = service.rounds.rounds(team_id=team_id)
    records = service.workshop.challenge_records(round_.id)
    assert round_.status == "agreed"
    assert (records["c01-interactions"].answer.priority, records["c06-risk"].answer.priority) == (
        1,
        2,
    )
