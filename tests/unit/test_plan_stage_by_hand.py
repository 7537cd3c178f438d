"""A Template B's current stage set by hand when the Template A round agreed none: marked as
set by hand (never on the caller's word), shown so in the plan's differences, the board report
and the team file; a stage the room agreed is never marked."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from assessments.records import Answer
from assessments.records.plans import STAGE_BY_HAND
from assessments.rules.plan_content import content_differences
from exports.board_report import ReportScope, build_report
from exports.team_file import import_team_file, team_file
from tests.unit.plan_helpers import HELD
from tests.unit.team_file_helpers import fresh_store

UNAGREED = "c03-education-centre"


def _round(service, actor, org_id: int, team_id: int | None = None):
    """A round whose challenge 3 the room could not agree on (a draft: plans may come from
    one)."""
    answers = {
        "c02-education": Answer(agreed_stage=2, priority=1),
        UNAGREED: Answer(not_agreed=True, dissent="Staff said 2, people using services 1"),
    }
    return service.workshop.create_round(
        actor, org_id, framework="imroc-challenges@2010", held_on=HELD,
        facilitator="Sam Okafor", status="draft",
        team_id=team_id, answers=answers,
    )  # fmt: skip


def _by_hand(service, actor, plan, stage):
    content = plan.latest.content.model_copy(update={"current_stage": stage})
    return service.versions.save_plan(actor, plan.id, plan.version, content)


def test_a_stage_the_round_did_not_agree_can_be_set_by_hand_and_is_marked(service, actor, org):
    plan = service.plans.create_plan(actor, _round(service, actor, org.id).id, UNAGREED)
    assert plan.latest.content.current_stage is None

    saved = _by_hand(service, actor, plan, 2)

    stored = service.plans.plan(plan.id).latest.content
    assert (stored.current_stage, stored.current_stage_by_hand) == (2, True)
    [change] = content_differences(stored, plan.latest.content)
    assert change.yours == f"Stage 2 {STAGE_BY_HAND}"

    cleared = _by_hand(service, actor, saved, None)  # taken back: no stage, no marker
    assert cleared.latest.content.current_stage is None
    assert not cleared.latest.content.current_stage_by_hand


def test_a_stage_the_room_agreed_is_never_marked_whatever_the_caller_says(service, actor, org):
    plan = service.plans.create_plan(actor, _round(service, actor, org.id).id, "c02-education")
    claimed = plan.latest.content.model_copy(update={"current_stage_by_hand": True})

    saved = service.versions.save_plan(actor, plan.id, plan.version, claimed)

    assert saved.latest.content.current_stage == 2
    assert not saved.latest.content.current_stage_by_hand
    assert saved.version == plan.version  # nothing changed, so nothing was written


def test_a_marker_claimed_with_no_stage_is_dropped(service, actor, org):
    plan = service.plans.create_plan(actor, _round(service, actor, org.id).id, UNAGREED)
    claimed = plan.latest.content.model_copy(update={"current_stage_by_hand": True})

    saved = service.versions.save_plan(actor, plan.id, plan.version, claimed)

    assert not saved.latest.content.current_stage_by_hand


def test_the_board_report_says_the_stage_was_set_by_hand(service, actor, org):
    plan = service.plans.create_plan(actor, _round(service, actor, org.id).id, UNAGREED)
    _by_hand(service, actor, plan, 2)

    book = load_workbook(io.BytesIO(build_report(service, ReportScope.parse(f"org:{org.id}"))))
    cells = [
        c.value for ws in book if ws.title.startswith("B ") for row in ws.iter_rows() for c in row
    ]

    assert f"2 Development {STAGE_BY_HAND}" in cells


def test_the_team_file_carries_the_marker_there_and_back(
    service, actor, org, definitions, tmp_path
):
    team = service.providers.create_team(actor, org.id, "Alder CMHT", "cmht")
    round_ = _round(service, actor, org.id, team.id)
    _by_hand(service, actor, service.plans.create_plan(actor, round_.id, UNAGREED), 3)
    text = team_file(service, team.id)
    assert "current_stage_by_hand: true" in text
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    result = import_team_file(target, actor, text)

    org_id = target.providers.team(result.team_id).organisation_id
    [plan] = [p for p in target.plans.plans(org_id, result.team_id) if p.challenge_id == UNAGREED]
    content = plan.latest.content
    assert (content.current_stage, content.current_stage_by_hand) == (3, True)
    assert team_file(target, result.team_id) == text
    target.engine.dispose()
