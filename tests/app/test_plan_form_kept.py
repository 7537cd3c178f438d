"""Template B's form across its parts: the saved plan, a review, sign-off ticks and a figure typed
and not saved survive a visit to another part; ticks on a plan changed since are refused."""

from __future__ import annotations

from datetime import date

from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY
from tests.app.plan_helpers import choose, fill_goal, fill_rest, page, save, signed_plan, texts


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
    assert "Record a review" not in [s.value for s in at.header]
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

    assert ui.as_text("Not saved: Sam Okafor (Recovery lead) saved this plan") in texts(at)
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
