"""Template B's current stage set by hand when the round agreed none: ticked in the form,
stored with its marker, shown as set by hand, and kept through visits to other parts and back;
a stage the room agreed is shown, never offered to change."""

from __future__ import annotations

from datetime import date

from assessments.records import Answer
from assessments.records.plans import STAGE_BY_HAND
from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY
from tests.app.plan_helpers import page, save, texts

UNAGREED = "c03-education-centre"


def _plan():
    """A plan of a challenge the room could not agree on, from a draft round."""
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    round_ = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=date(TODAY.year - 1, 1, 15),
        facilitator="Sam Okafor", status="draft",
        answers={
            "c02-education": Answer(agreed_stage=2, priority=1),
            UNAGREED: Answer(not_agreed=True, dissent="Staff said 2, people using services 1"),
        },
    )  # fmt: skip
    return svc, svc.plans.create_plan(LEAD, round_.id, UNAGREED), round_


def _stored(svc, plan_id: int):
    content = svc.plans.plan(plan_id).latest.content
    return content.current_stage, content.current_stage_by_hand


def _part(at, plan_id: int, part: str):
    at.segmented_control(key=f"part:{plan_id}").set_value(part).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_stage_set_by_hand_is_stored_marked_and_kept_forward_back_and_forward(own_store):
    svc, plan, _ = _plan()
    at = page(routes.PLAN.path, plan=str(plan.id))
    stage = at.radio(key=f"plan:{plan.id}:stage")
    assert stage.value == 0 and "the round did not agree one" in stage.label

    stage.set_value(2)
    save(at, plan.id)
    assert _stored(svc, plan.id) == (2, True)
    assert f"current stage: Stage 2 Development {STAGE_BY_HAND}" in texts(at)

    # Forward to another part, back to the plan, and forward again: nothing moves or is written.
    for part in ("versions", "plan", "progress", "plan"):
        at = _part(at, plan.id, part)
    assert at.radio(key=f"plan:{plan.id}:stage").value == 2
    assert svc.plans.plan(plan.id).version == plan.version + 1  # written once, by the save
    assert _stored(svc, plan.id) == (2, True)

    at = _part(at, plan.id, "plan")
    at.radio(key=f"plan:{plan.id}:stage").set_value(0)
    save(at, plan.id)
    assert _stored(svc, plan.id) == (None, False)
    at = _part(_part(at, plan.id, "progress"), plan.id, "plan")
    assert at.radio(key=f"plan:{plan.id}:stage").value == 0
    assert "current stage: not agreed" in texts(at)


def test_the_stage_the_room_agreed_is_shown_and_not_offered(own_store):
    svc, _, round_ = _plan()
    agreed = svc.plans.create_plan(LEAD, round_.id, "c02-education")

    at = page(routes.PLAN.path, plan=str(agreed.id))

    assert "Current stage (from Template A):** Stage 2 Development" in texts(at)
    assert not [r for r in at.radio if r.key == f"plan:{agreed.id}:stage"]
    assert STAGE_BY_HAND not in texts(at)
