"""One priority's Template B: the plan, its sign-off, its reviews, its progress and its versions.
The plan and the part shown live in the URL, so a refresh resumes in place."""

from __future__ import annotations

import streamlit as st

from assessments.records.plans import PLAN_STATUSES
from assessments.rules.errors import ServiceError
from assessments.rules.permissions import Do
from pages.kit import context, recorder, routes, ui
from pages.kit.stored_form import StoredForm
from pages.template_b import (
    plan_form,
    plan_progress,
    plan_reviews,
    plan_sign_off,
    plan_stories,
    plan_view,
)
from pages.trip import priorities as trip_priorities

ui.start_page()
svc = ui.service()
raw = st.query_params.get("plan", "")
try:
    plan = svc.plans.plan(int(raw)) if raw.isdigit() else None
except ServiceError:
    plan = None
if plan is None:
    st.title("Template B")
    st.info("Open a plan from the Action plans page.")
    st.page_link(routes.PLANS.path, label="Action plans", icon=":material/flag:")
    st.stop()

round_ = svc.rounds.round(plan.round_id)
scope_name = svc.rounds.scope_name(round_)
scope = ui.as_text(scope_name)
if plan.trip:
    ui.page_title("TRIP priority", scope_name)
    bset = svc.definitions.benchmark_set(plan.framework)
    number = [s.id for s in bset.statements].index(plan.challenge_id) + 1
    st.caption(f"TRIP priority · {scope} · chosen at the TRIP round of {ui.day(round_.held_on)}")
    st.title(ui.as_text(trip_priorities.title(svc, plan)))
    st.markdown(
        f"From statement {number}: *{ui.as_text(bset.statement(plan.challenge_id).text)}*  \n"
        f"{ui.as_text(trip_priorities.co_leads(plan))}"
    )
else:
    challenge = svc.definitions.framework(plan.framework).challenge(plan.challenge_id)
    ui.page_title("Template B", f"challenge {challenge.number}", scope_name)
    st.caption(f"Template B · {scope} · chosen at the Template A round of {ui.day(round_.held_on)}")
    st.title(f"Challenge {challenge.number}: {ui.as_text(challenge.short_title)}")
# The stage now: the latest rating of the challenge in this scope, a review's re-rating included.
history = [] if plan.trip else svc.reviews.stage_history(plan)
stage_now = history[-1][1] if history else None
st.markdown(ui.as_text(ui.plan_state(svc, plan, stage=stage_now)))
if not plan.open:
    st.info(f"{PLAN_STATUSES[plan.status]}: {ui.as_text(plan.status_reason)}")
for item in svc.reviews.due_items([plan]).get(plan.id, []):
    st.warning(f"Overdue: {ui.as_text(item)}", icon=":material/schedule:")
actor = recorder.who_is_recording()
if actor is None:
    st.stop()

PARTS = {
    "plan": "Plan",
    "sign": plan.sign_verb,
    "reviews": "Reviews",
    "progress": "Progress",
    "stories": "Stories",
    "versions": "Versions",
}
part = context.url_segments("Part of the plan", PARTS, "part", key=f"part:{plan.id}")
in_force = svc.plans.plan_in_force(plan.id)
# A TRIP priority is the team's to write, a Template B plan a provider lead's (or the
# facilitator drafting it); anyone else reads it, and reviews are theirs too.
writes = svc.may(Do.TRIP if plan.trip else Do.PLAN)
if not writes:
    st.caption(
        "You read this "
        + ("priority here: the team and its facilitator write it and review it."
           if plan.trip else "plan here: its provider lead and facilitator write and review it.")
    )  # fmt: skip

if part == "plan":
    statuses = svc.reviews.action_statuses(plan)
    if writes and not plan.latest.signed and plan.open:
        plan_form.plan_form(svc, actor, plan, reason_needed=False)
    else:
        plan_view.show_content(svc, plan, plan.latest.content, statuses)
        changing = writes and plan.open
        if changing and st.toggle("Change this plan", key=f"plan:{plan.id}:changing"):
            plan_form.plan_form(svc, actor, plan, reason_needed=True)
elif part == "sign":
    plan_sign_off.sign_off(svc, actor, plan)
elif part == "reviews":
    plan_reviews.reviews(svc, actor, plan, in_force, writes)
elif part == "progress":
    plan_progress.progress(svc, plan, in_force)
elif part == "stories":
    plan_stories.stories(svc, actor, plan, writes)
else:
    plan_progress.versions(svc, plan)

if writes:
    with st.expander("Complete, close or reopen this priority"):
        status_form = StoredForm(f"status:{plan.id}", ("status", "reason"))
        stored_status = {"status": plan.status, "reason": ""}

        def set_status(version: int) -> tuple[int, dict]:
            changed = svc.plans.set_plan_status(actor, plan.id, version, **status_form.typed())
            return changed.version, {"status": changed.status, "reason": ""}

        def status_now() -> tuple[int, dict]:
            now = svc.plans.plan(plan.id)
            return now.version, {"status": now.status, "reason": ""}

        with status_form.showing(plan.id, plan.version, stored_status):
            st.radio(
                "This priority is",
                list(PLAN_STATUSES),
                format_func=PLAN_STATUSES.get,
                horizontal=True,
                **status_form.bind("status"),
            )
            st.text_input(
                "Why (needed to complete or close)", help=ui.NO_NAMES, **status_form.bind("reason")
            )
            ui.save_button(
                status_form, "Save the status", f"status:{plan.id}:save", set_status, status_now
            )
if plan.trip:
    st.page_link(
        routes.TRIP.path,
        label="All the team's TRIP priorities",
        icon=":material/groups:",
        query_params={
            "org": str(plan.organisation_id),
            "team": str(plan.team_id),
            "part": "priorities",
        },
    )
else:
    st.page_link(
        routes.PLANS.path,
        label="All action plans here",
        icon=":material/flag:",
        query_params={"org": str(plan.organisation_id), "round": str(plan.round_id)}
        | ({"team": str(plan.team_id)} if plan.team_id else {}),
    )
