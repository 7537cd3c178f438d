"""The Action plans page, driven as the room drives it: the round's priorities ranked, a priority
made into a plan and a sixth refused, what is overdue flagged, a completed one freeing its place."""

from __future__ import annotations

from pages.kit import routes, ui
from tests.app.conftest import LEAD
from tests.app.plan_helpers import choose, page, signed_plan, texts


def test_the_plans_page_lists_the_round_ranked_and_advises_challenges_3_and_4(round_id):
    at = page(routes.PLANS.path)

    assert at.header[0].value == "Open priorities: 0 of at most 5"
    assert "No priority is open here yet" in texts(at)
    shown = [m.value for m in at.markdown if m.value.startswith("**")]
    assert shown[0].startswith("**1. ") and shown[1].startswith("**2. ")


def test_making_a_priority_opens_its_template_b_at_the_stage_the_room_agreed(round_id):
    at, _ = choose(round_id, "c03-education-centre")

    assert at.title[0].value.startswith("Challenge 3: ")
    assert "Draft, not signed yet" in texts(at)
    assert "Current stage (from Template A):** Stage 1 Engagement" in texts(at)


def test_a_sixth_priority_cannot_be_chosen(round_id, definitions):
    svc = ui.service()
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    for cid in ids[:5]:
        svc.plans.create_plan(LEAD, round_id, cid)
    at = page(routes.PLANS.path)

    assert at.header[0].value == "Open priorities: 5 of at most 5"
    assert at.button(key=f"choose:{round_id}:{ids[5]}").disabled
    assert "Complete or close one to choose another" in texts(at)


def test_template_b_without_a_plan_points_to_the_action_plans(own_store):
    at = page(routes.PLAN.path, plan="999")

    assert "Open a plan from the Action plans page." in texts(at)
    assert not at.exception


def test_the_plans_page_flags_what_is_overdue_where_the_scope_opens(round_id):
    signed_plan(round_id)
    at = page(routes.PLANS.path)

    overdue = at.warning[0].value
    assert "**Challenge 4**: The review was due on 01 May" in overdue
    assert ui.as_text("Action 1 (Invite a peer trainer to each board) was due on 01 Mar") in overdue
    assert "○ not started" in overdue  # the status in words and its symbol, never colour alone
    assert "Version 1, signed on 01 Feb" in texts(at)


def test_completing_a_priority_frees_its_place(round_id):
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id))
    at.radio[-1].set_value("completed")
    at.button(key=f"status:{plan.id}:save").click().run()
    assert "Say in a few words why" in texts(at)
    at.text_input[-1].input("Board hears a story every month")
    at.button(key=f"status:{plan.id}:save").click().run()

    assert "Completed: Board hears a story every month" in texts(at)
    assert ui.service().plans.open_plan_count(1) == 0
