"""Action plans and Template B, driven as the room drives them: choose priorities, write SMART
goals, sign off, review, and see the progress and the versions."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor, Answer
from pages.kit import routes, ui
from tests.app.conftest import open_page

LEAD = Actor("Sam Okafor", "Recovery lead")
TODAY = date.today()


@pytest.fixture
def round_id(own_store, definitions):
    """An agreed round of the fictional provider with every challenge rated and ranked."""
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    answers = {cid: Answer(agreed_stage=1 + n % 2, priority=n + 1) for n, cid in enumerate(ids)}
    made = svc.workshop.create_round(
        LEAD,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(TODAY.year - 1, 1, 15),
        facilitator="Sam Okafor",
        status="agreed",
        answers=answers,
    )
    return made.id


def page(path: str, **query: str):
    at = open_page(None, **query)
    at.session_state["actor"] = LEAD
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [m.value for m in at.warning]
        + [m.value for m in at.info]
        + [m.value for m in at.error]
        + [m.value for m in at.success]
        + [c.value for c in at.caption]
    )


def choose(round_id: int, challenge: str):
    """Make a priority on the Action plans page; it opens the plan's Template B."""
    at = page(routes.PLANS.path)
    at.button(key=f"choose:{round_id}:{challenge}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Challenge ")
    plan_id = next(p.id for p in ui.service().plans.plans(1) if p.challenge_id == challenge)
    # AppTest reruns the page it was switched to, not one a script switched to: open it.
    return page(routes.PLAN.path, plan=str(plan_id)), plan_id


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


def fill_goal(at, plan_id: int, slot: str = "new", **values) -> None:
    key = f"plan:{plan_id}:goal:{slot}:{{}}".format
    at.text_input(key=key("statement")).input(
        values.get("statement", "Half of all staff trained by peer trainers")
    )
    at.selectbox(key=key("measure")).set_value("staff-trained-recovery")
    at.text_input(key=key("baseline")).input(values.get("baseline", "20"))
    at.date_input(key=key("baseline_on")).set_value(
        values.get("baseline_on", date(TODAY.year - 1, 1, 10))
    )
    at.text_input(key=key("target")).input("50")
    at.date_input(key=key("target_on")).set_value(date(TODAY.year + 1, 1, 10))
    at.text_input(key=key("owner")).input("Head of learning")


def fill_rest(at, plan_id: int) -> None:
    key = f"plan:{plan_id}:action:new:{{}}".format
    at.text_input(key=key("what")).input("Recruit four peer trainers")
    at.text_input(key=key("who")).input("Recovery college lead")
    at.date_input(key=key("by_when")).set_value(date(TODAY.year - 1, 6, 30))
    at.text_input(key=f"plan:{plan_id}:c_name").input("A. Commissioner")
    at.text_input(key=f"plan:{plan_id}:p_name").input("B. Provider")
    at.date_input(key=f"plan:{plan_id}:next_review").set_value(date(TODAY.year - 1, 4, 1))


def save(at, plan_id: int, label: str = "Save draft"):
    button = next(b for b in at.button if b.label == label)
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_goal_with_text_for_a_number_is_refused_and_what_was_typed_stays(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id, baseline="about twenty")
    save(at, plan_id)

    assert "Goal 1: the baseline: 'about twenty' is not a number" in texts(at)
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
    assert [s.value for s in at.subheader][:3] == [
        "Stage over time",
        "Goal 1: Staff trained in recovery-oriented practice",
        "Actions at sign-off and at each review",
    ]
    assert "3 point(s)" in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="plan")
    at.toggle(key=f"plan:{plan_id}:changing").set_value(True).run()
    at.text_area(key=f"plan:{plan_id}:description").input("Changed after the review")
    save(at, plan_id, "Save as version 2")
    assert "Version 1 of this plan is signed. Say why it changes" in texts(at)
    at.text_input(key=f"plan:{plan_id}:reason").input("Second review")
    save(at, plan_id, "Save as version 2")
    assert "Saved version 2" in texts(at)

    at = page(routes.PLAN.path, plan=str(plan_id), part="versions")
    tables = [t.value for t in at.table]
    assert list(tables[0]["Why"]) == ["First version", "Second review"]
    assert list(tables[1]["What"]) == ["Description"]


def test_template_b_without_a_plan_points_to_the_action_plans(own_store):
    at = page(routes.PLAN.path, plan="999")

    assert "Open a plan from the Action plans page." in texts(at)
    assert not at.exception


def signed_plan(round_id: int, challenge: str = "c04-leadership"):
    """A signed plan whose review and first action are overdue, made through the service."""
    from assessments.plan_records import Action, Goal, Lead, Measure, PlanContent

    svc = ui.service()
    plan = svc.plans.create_plan(LEAD, round_id, challenge)
    content = PlanContent(
        current_stage=1,
        goals=(
            Goal(
                key="",
                statement="Every board meeting hears a story of recovery",
                measure=Measure(
                    name="Board meetings with a story", unit="meetings", direction="higher"
                ),
                baseline=0,
                baseline_on=date(TODAY.year - 1, 1, 15),
                target=6,
                target_on=date(TODAY.year + 1, 1, 15),
                owner="Chief executive",
            ),
        ),
        actions=(
            Action(
                key="",
                what="Invite a peer trainer to each board",
                who="Board secretary",
                by_when=date(TODAY.year - 1, 3, 1),
            ),
        ),
        commissioner_lead=Lead(name="A. Commissioner"),
        provider_lead=Lead(name="B. Provider"),
        next_review_on=date(TODAY.year - 1, 5, 1),
    )
    saved = svc.versions.save_plan(LEAD, plan.id, plan.version, content)
    return svc.versions.sign_plan(
        LEAD,
        plan.id,
        saved.version,
        signed_on=date(TODAY.year - 1, 2, 1),
        commissioner_agrees=True,
        provider_agrees=True,
    )


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


def test_the_plans_page_flags_what_is_overdue_where_the_scope_opens(round_id):
    signed_plan(round_id)
    at = page(routes.PLANS.path)

    overdue = at.warning[0].value
    assert "**Challenge 4**: The review was due on 01 May" in overdue
    assert "Action 1 (Invite a peer trainer to each board) was due on 01 Mar" in overdue
    assert "○ not started" in overdue  # the status in words and its symbol, never colour alone
    assert "Version 1, signed on 01 Feb" in texts(at)


def test_completing_a_priority_frees_its_place(round_id):
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id))
    at.radio[-1].set_value("completed")
    next(
        b for b in at.button if b.label == "Save" and b.form_id == f"status:{plan.id}"
    ).click().run()
    assert "Say in a few words why" in texts(at)
    at.text_input[-1].input("Board hears a story every month")
    next(
        b for b in at.button if b.label == "Save" and b.form_id == f"status:{plan.id}"
    ).click().run()

    assert "Completed: Board hears a story every month" in texts(at)
    assert ui.service().plans.open_plan_count(1) == 0


def test_two_people_saving_one_draft_the_second_sees_both_and_chooses(round_id):
    at, plan_id = choose(round_id, "c02-education")
    other = page(routes.PLAN.path, plan=str(plan_id))
    at.text_area(key=f"plan:{plan_id}:description").input("Mine: few peer trainers")
    save(at, plan_id)
    other.text_area(key=f"plan:{plan_id}:description").input("Theirs: no peer trainers")
    save(other, plan_id)

    assert "Not saved: Sam Okafor (Recovery lead) saved this plan" in texts(other)
    table = other.table[0].value
    assert list(table["What"]) == ["Description"]
    assert list(table["Yours (not saved)"]) == ["Theirs: no peer trainers"]
    next(b for b in other.button if b.label == "Save mine over it").click().run()
    assert ui.service().plans.plan(plan_id).latest.content.description == "Theirs: no peer trainers"


def test_the_form_shows_the_saved_plan_after_visiting_another_part(round_id):
    """Widget values vanish while another part is shown; coming back must show the stored
    plan, not empty fields on an old version (which a save would then refuse as stale)."""
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id)
    fill_rest(at, plan_id)
    save(at, plan_id)
    at.segmented_control(key=f"part:{plan_id}").set_value("sign").run()
    at.checkbox(key=f"sign:{plan_id}:c").check()
    at.checkbox(key=f"sign:{plan_id}:p").check()
    next(b for b in at.button if b.label == "Sign off version 1").click().run()
    at.segmented_control(key=f"part:{plan_id}").set_value("plan").run()
    at.toggle(key=f"plan:{plan_id}:changing").set_value(True).run()

    assert at.text_input(key=f"plan:{plan_id}:c_name").value == "A. Commissioner"
    at.text_input(key=f"plan:{plan_id}:reason").input("The review date moved")
    at.date_input(key=f"plan:{plan_id}:next_review").set_value(date(TODAY.year, 1, 2))
    save(at, plan_id, "Save as version 2")
    assert "Saved version 2" in texts(at)


def test_a_review_typed_and_not_saved_survives_a_visit_to_another_part(round_id):
    """The review form is a cache of the store, not an st.form: what was typed comes back after
    another part of the plan, is said to be not saved, and once saved the form is empty."""
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id), part="reviews")
    key = f"review:{plan.id}:0:{{}}".format
    at.text_input(key=key("m:g1")).input("2")
    at.selectbox(key=key("a:a1")).set_value("done")
    at.text_area(key=key("learned")).input("Stories land best early on the agenda")
    at.date_input(key=key("next")).set_value(date(TODAY.year + 1, 1, 1))
    assert "Not saved yet" not in texts(at)

    at.segmented_control(key=f"part:{plan.id}").set_value("progress").run()
    assert "Record a review" not in [s.value for s in at.subheader]
    at.segmented_control(key=f"part:{plan.id}").set_value("reviews").run()

    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key=key("m:g1")).value == "2"
    assert at.selectbox(key=key("a:a1")).value == "done"
    assert at.text_area(key=key("learned")).value == "Stories land best early on the agenda"
    assert at.date_input(key=key("next")).value == date(TODAY.year + 1, 1, 1)
    assert "Not saved yet: this review was typed earlier" in texts(at)
    assert ui.service().reviews.reviews(plan.id) == []

    next(b for b in at.button if b.label == "Save the review").click().run()

    assert not at.exception, [e.value for e in at.exception]
    assert "Review saved." in texts(at)
    assert "Not saved yet" not in texts(at)
    (review,) = ui.service().reviews.reviews(plan.id)
    assert review.learned == "Stories land best early on the agenda"
    assert review.action_statuses == {"a1": "done"}
    measured = [
        m.value for m in ui.service().reviews.measurements(plan.id) if m.review_id == review.id
    ]
    assert measured == [2]
    fresh = f"review:{plan.id}:1:{{}}".format  # the next review: empty, the action as it stands
    assert at.text_input(key=fresh("m:g1")).value == ""
    assert at.text_area(key=fresh("learned")).value == ""
    assert at.date_input(key=fresh("next")).value is None
    assert at.selectbox(key=fresh("a:a1")).value == "done"


def test_a_refused_review_keeps_what_was_typed_across_parts(round_id):
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id), part="reviews")
    key = f"review:{plan.id}:0:{{}}".format
    at.text_input(key=key("m:g1")).input("about two")
    at.text_area(key=key("learned")).input("Ask the board secretary first")
    next(b for b in at.button if b.label == "Save the review").click().run()
    assert "'about two' is not a number" in texts(at)

    at.segmented_control(key=f"part:{plan.id}").set_value("versions").run()
    at.segmented_control(key=f"part:{plan.id}").set_value("reviews").run()

    assert at.text_input(key=key("m:g1")).value == "about two"
    assert at.text_area(key=key("learned")).value == "Ask the board secretary first"
    assert "Not saved yet" in texts(at)
    assert ui.service().reviews.reviews(plan.id) == []


def test_sign_off_ticks_survive_a_visit_to_another_part(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id)
    fill_rest(at, plan_id)
    save(at, plan_id)
    at.segmented_control(key=f"part:{plan_id}").set_value("sign").run()
    at.checkbox(key=f"sign:{plan_id}:c").check()
    at.date_input(key=f"sign:{plan_id}:on").set_value(date(TODAY.year - 1, 2, 1))

    at.segmented_control(key=f"part:{plan_id}").set_value("plan").run()
    at.segmented_control(key=f"part:{plan_id}").set_value("sign").run()

    assert at.checkbox(key=f"sign:{plan_id}:c").value is True
    assert at.checkbox(key=f"sign:{plan_id}:p").value is False
    assert at.date_input(key=f"sign:{plan_id}:on").value == date(TODAY.year - 1, 2, 1)
    assert "Not submitted yet" in texts(at)
    at.checkbox(key=f"sign:{plan_id}:p").check()
    next(b for b in at.button if b.label == "Sign off version 1").click().run()
    assert "Version 1 was signed on 01 Feb" in texts(at)


def test_ticks_given_on_a_plan_changed_since_are_refused_and_cleared(round_id):
    at, plan_id = choose(round_id, "c02-education")
    fill_goal(at, plan_id)
    fill_rest(at, plan_id)
    save(at, plan_id)
    at.segmented_control(key=f"part:{plan_id}").set_value("sign").run()
    at.checkbox(key=f"sign:{plan_id}:c").check()
    at.checkbox(key=f"sign:{plan_id}:p").check()
    svc = ui.service()  # meanwhile, someone else changes the draft
    plan = svc.plans.plan(plan_id)
    changed = plan.latest.content.model_copy(update={"description": "Changed elsewhere"})
    svc.versions.save_plan(LEAD, plan_id, plan.version, changed)

    next(b for b in at.button if b.label == "Sign off version 1").click().run()

    assert "Not saved: Sam Okafor (Recovery lead) saved this plan" in texts(at)
    assert "so they were cleared" in texts(at)
    assert at.checkbox(key=f"sign:{plan_id}:c").value is False
    assert not svc.plans.plan(plan_id).latest.signed


def test_a_figure_between_reviews_survives_a_visit_to_another_part_and_is_added(round_id):
    plan = signed_plan(round_id)
    at = page(routes.PLAN.path, plan=str(plan.id), part="reviews")
    key = f"measure:{plan.id}:{{}}".format
    at.date_input(key=key("on")).set_value(date(TODAY.year - 1, 3, 1))
    at.text_input(key=key("value")).input("1")

    at.segmented_control(key=f"part:{plan.id}").set_value("sign").run()
    at.segmented_control(key=f"part:{plan.id}").set_value("reviews").run()
    assert at.text_input(key=key("value")).value == "1"
    assert "Not added yet" in texts(at)
    next(b for b in at.button if b.label == "Add the figure").click().run()

    assert not at.exception, [e.value for e in at.exception]
    assert f"Added 1 on {ui.day(date(TODAY.year - 1, 3, 1))}." in texts(at)
    (figure,) = ui.service().reviews.measurements(plan.id)
    assert (figure.measured_on, figure.value, figure.review_id) == (
        date(TODAY.year - 1, 3, 1), 1, None,
    )  # fmt: skip
    assert at.text_input(key=key("value")).value == ""
    assert at.date_input(key=key("on")).value == date(TODAY.year - 1, 3, 1)  # kept for the next
