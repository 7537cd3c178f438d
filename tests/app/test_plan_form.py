"""Template B, driven as the room drives it: write SMART goals, sign off, review, and see the
progress and the versions; what is refused, and two people saving one draft."""

from __future__ import annotations

from datetime import date

from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY
from tests.app.plan_helpers import choose, fill_goal, fill_rest, page, save, signed_plan, texts


def test_a_goal_with_text_for_a_number_is_refused_and_what_was_typed_stays(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id, baseline="about twenty")
    save(at, plan_id)

    assert ui.as_text("Goal 1: the baseline: 'about twenty' is not a number") in texts(at)
    assert at.text_input(key=f"plan:{plan_id}:goal:new:statement").value.startswith("Half of")
    assert ui.service().plans.plan(plan_id).latest.content.goals == ()


def test_a_target_date_before_the_baseline_date_is_refused(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id, baseline_on=date(TODAY.year + 2, 1, 1))
    save(at, plan_id)

    assert "is before the baseline date" in texts(at)


def test_write_sign_review_and_see_progress_and_versions(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id)
    save(at, plan_id)
    assert "Saved version 1" in texts(at)
    assert "Not SMART yet" not in texts(at)
    assert at.text_input(key=f"plan:{plan_id}:goal:g1:statement").value.startswith("Half of")
    fill_rest(at, plan_id)
    save(at, plan_id)

    at = page(routes.PLAN.path, plan=str(plan_id), part="sign")
    assert "ready to sign" in texts(at)
    at.checkbox(key=f"sign:{plan_id}:c").check()
    at.checkbox(key=f"sign:{plan_id}:p").check()
    next(b for b in at.button if b.label == "Sign off version 1").click().run()
    assert "Version 1 was signed on" in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="reviews")
    assert "The review was due on" in texts(at)  # the next review date has passed
    reviews = ((date(TODAY.year - 1, 4, 2), "31", "on-track"), (TODAY, "44", "done"))
    for count, (held, value, status) in enumerate(reviews):
        key = f"review:{plan_id}:{count}:{{}}".format
        at.date_input(key=key("held_on")).set_value(held)
        at.text_input(key=key("m:g1")).input(value)
        at.selectbox(key=key("a:a1")).set_value(status)
        at.date_input(key=key("next")).set_value(date(TODAY.year + 1, 1, 1))
        if status == "done":
            at.radio(key=key("stage")).set_value(2)
            at.text_input(key=key("evidence")).input("Peer trainers co-deliver every course")
        next(b for b in at.button if b.label == "Save the review").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert "Review saved." in texts(at), texts(at)
        # A fresh, empty form for the next review.
        assert at.text_input(key=f"review:{plan_id}:{count + 1}:m:g1").value == ""
    assert "2 review(s) so far" in texts(at)
    assert "The review was due on" not in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="progress")
    assert [s.value for s in at.header][:3] == [
        "Stage over time",
        "Goal 1: " + ui.as_text("Staff trained in recovery-oriented practice"),
        "Actions at sign-off and at each review",
    ]
    assert "3 point(s)" in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="plan")
    at.toggle(key=f"plan:{plan_id}:changing").set_value(True).run()
    at.text_area(key=f"plan:{plan_id}:description").input("Changed after the review")
    save(at, plan_id, "Save as version 2")
    assert ui.as_text("Version 1 of this plan is signed. Say why it changes") in texts(at)
    at.text_input(key=f"plan:{plan_id}:reason").input("Second review")
    save(at, plan_id, "Save as version 2")
    assert "Saved version 2" in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="versions")
    tables = [t.value for t in at.table]
    assert list(tables[0]["Why"]) == ["First version", "Second review"]
    assert list(tables[1]["What"]) == ["Description"]


def test_the_plan_header_gives_the_stage_a_review_re_rated_it_to(round_id):
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id))
    assert "current stage: Stage 2 Development" in texts(at)  # what the round agreed

    ui.service().reviews.record_review(
        LEAD, plan.id, held_on=date(TODAY.year - 1, 5, 2), measurements={"g1": "2"},
        goal_outcomes={"g1": "carry-on"}, action_statuses={"a1": "done"}, stage=3,
        stage_evidence="Every board now hears a story", learned="",
        next_review_on=date(TODAY.year + 1, 1, 1),
    )  # fmt: skip
    at = page(routes.PLAN.path, plan=str(plan.id))
    assert "current stage: Stage 3 Transformation" in texts(at)


def test_two_people_saving_one_draft_the_second_sees_both_and_chooses(round_id):
    at, plan_id = choose(round_id, "c02-education")
    other = page(routes.PLAN.path, plan=str(plan_id))
    at.text_area(key=f"plan:{plan_id}:description").input("Mine: few peer trainers")
    save(at, plan_id)
    other.text_area(key=f"plan:{plan_id}:description").input("Theirs: no peer trainers")
    save(other, plan_id)

    assert ui.as_text("Not saved: Sam Okafor (Recovery lead) saved this plan") in texts(other)
    table = other.table[0].value
    assert list(table["What"]) == ["Description"]
    assert list(table[ui.as_text("Yours (not saved)")]) == [ui.as_text("Theirs: no peer trainers")]
    next(b for b in other.button if b.label == "Save mine over it").click().run()
    assert ui.service().plans.plan(plan_id).latest.content.description == "Theirs: no peer trainers"
