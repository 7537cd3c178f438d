"""Sign-off of a Template B, and its Plan-Do-Study-Act reviews: a measurement per goal, what
the room decided about each goal and action, a re-rating when the stage moved, what was
learned, and when to meet next. Figures between reviews can be added for the run charts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.plan_records import (
    ACTION_STATUSES,
    GOAL_OUTCOMES,
    Plan,
    PlanVersion,
    Review,
    status_text,
)
from assessments.smart import agreement_gaps, sign_off_gaps
from assessments.writes import ServiceError
from pages import ui
from pages.plan_form import DATE_FORMAT

UNCHANGED = "unchanged"


def sign_off(svc, actor, plan: Plan) -> None:
    if plan.trip:
        agree(svc, actor, plan)
        return
    draft = plan.latest
    if draft.signed:
        st.success(
            f"Version {draft.number} was signed on {ui.day(draft.signed_on)} by "
            f"{draft.signed_by_commissioner} (commissioner lead) and "
            f"{draft.signed_by_provider} (provider lead). It is frozen: a change makes a new "
            "version, with a reason.",
            icon=":material/verified:",
        )
        return
    gaps = sign_off_gaps(draft.content)
    if gaps:
        st.warning(
            "**Before the leads can sign, fill in:**\n\n" + "\n".join(f"- {g}" for g in gaps),
            icon=":material/checklist:",
        )
    else:
        st.info("Every goal is SMART and the plan is complete: it is ready to sign.")
    commissioner = draft.content.commissioner_lead.name or "The commissioner lead"
    provider = draft.content.provider_lead.name or "The provider lead"
    with st.form(f"sign:{plan.id}"):
        st.checkbox(f"{commissioner} (commissioner lead) agrees this plan", key=f"sign:{plan.id}:c")
        st.checkbox(f"{provider} (provider lead) agrees this plan", key=f"sign:{plan.id}:p")
        st.date_input(
            "Date signed", value=svc.today(), key=f"sign:{plan.id}:on", format=DATE_FORMAT
        )
        state = st.session_state
        st.form_submit_button(
            f"Sign off version {draft.number}",
            type="primary",
            icon=":material/draw:",
            on_click=ui.act,
            args=(
                f"sign:{plan.id}:error",
                lambda: svc.sign_plan(
                    actor,
                    plan.id,
                    plan.version,
                    signed_on=state[f"sign:{plan.id}:on"],
                    commissioner_agrees=state[f"sign:{plan.id}:c"],
                    provider_agrees=state[f"sign:{plan.id}:p"],
                ),
            ),
        )
    ui.show_refusal(f"sign:{plan.id}:error")


def agree(svc, actor, plan: Plan) -> None:
    """A TRIP priority is agreed by its two co-leads, one from the staff and one who uses the
    service; both are needed."""
    draft = plan.latest
    content = draft.content
    if draft.signed:
        st.success(
            f"Version {draft.number} was agreed on {ui.day(draft.signed_on)} by its co-leads, "
            f"{content.staff_lead.name} (staff) and {content.person_lead_initials} (uses the "
            "service). It is frozen: a change makes a new version, with a reason.",
            icon=":material/verified:",
        )
        return
    gaps = agreement_gaps(content)
    if gaps:
        st.warning(
            "**Before the co-leads can agree it, fill in:**\n\n"
            + "\n".join(f"- {g}" for g in gaps),
            icon=":material/checklist:",
        )
    else:
        st.info("The priority is complete: its co-leads can agree it.")
    staff = content.staff_lead.name or "The staff co-lead"
    person = content.person_lead_initials or "The co-lead who uses the service"
    key = f"agree:{plan.id}:{{}}".format
    with st.form(key("form")):
        st.checkbox(f"{staff} (staff co-lead) agrees this priority", key=key("staff"))
        st.checkbox(
            f"{person} (co-lead who uses the service) agrees this priority", key=key("person")
        )
        st.date_input("Date agreed", value=svc.today(), key=key("on"), format=DATE_FORMAT)
        state = st.session_state
        st.form_submit_button(
            f"Agree version {draft.number}",
            type="primary",
            icon=":material/handshake:",
            on_click=ui.act,
            args=(
                key("error"),
                lambda: svc.agree_trip_priority(
                    actor,
                    plan.id,
                    plan.version,
                    agreed_on=state[key("on")],
                    staff_lead_agrees=state[key("staff")],
                    person_lead_agrees=state[key("person")],
                ),
            ),
        )
    ui.show_refusal(key("error"))


def reviews(svc, actor, plan: Plan, in_force: PlanVersion | None) -> None:
    if in_force is None:
        st.info(
            "Reviews start once the co-leads have agreed the priority."
            if plan.trip
            else "Reviews start once the plan is signed off."
        )
        return
    if st.session_state.pop(f"review:{plan.id}:saved", False):
        st.success("Review saved.", icon=":material/check_circle:")
    found = svc.reviews(plan.id)
    statuses = svc.action_statuses(plan)
    st.markdown(
        f"**{len(found)} review(s) so far.** Next due: {ui.day(svc.next_review_due(plan))}."
    )
    for review in reversed(found):
        with st.expander(f"Review on {ui.day(review.held_on)}"):
            _show_review(svc, plan, review, in_force)
    if plan.open:
        _review_form(svc, actor, plan, in_force, statuses)
        _measurement_form(svc, actor, plan, in_force)


def _show_review(svc, plan: Plan, review: Review, in_force: PlanVersion) -> None:
    values = {m.goal_key: m.value for m in svc.measurements(plan.id) if m.review_id == review.id}
    content = in_force.content
    rows = [
        {
            "Goal": f"{n}. {goal.statement}",
            "Measured": "—" if goal.key not in values else f"{values[goal.key]:g}",
            "Decided": GOAL_OUTCOMES.get(review.goal_outcomes.get(goal.key, ""), "—"),
        }
        for n, goal in enumerate(content.goals, start=1)
    ]
    st.table(pd.DataFrame(rows), hide_index=True)
    actions = [
        {"Action": f"{n}. {a.what}", "Status": status_text(review.action_statuses[a.key])}
        for n, a in enumerate(content.actions, start=1)
        if a.key in review.action_statuses
    ]
    if actions:
        st.table(pd.DataFrame(actions), hide_index=True)
    if review.stage is not None:
        stage = ui.stage_words(svc, plan.framework, review.stage)
        st.markdown(f"**Stage re-rated:** {stage}. {review.stage_evidence}")
    st.markdown(f"**What we learned:** {review.learned or '—'}")
    st.markdown(f"**Next review:** {ui.day(review.next_review_on)}")


def _review_form(svc, actor, plan: Plan, in_force: PlanVersion, statuses) -> None:
    content = in_force.content
    # A saved review starts a fresh, empty form: new keys, since the browser would send the
    # old widgets' values back. A refused one keeps everything typed.
    count = st.session_state.setdefault(f"review:{plan.id}:count", 0)
    key = f"review:{plan.id}:{count}:{{}}".format
    with st.form(key("form"), clear_on_submit=False, enter_to_submit=False):
        st.subheader("Record a review")
        st.date_input(
            "Date of the review", value=svc.today(), key=key("held_on"), format=DATE_FORMAT
        )
        for n, goal in enumerate(content.goals, start=1):
            unit = goal.measure.unit if goal.measure else ""
            left, right = st.columns([3, 2])
            left.text_input(
                f"Goal {n}: {goal.statement} — measured now ({unit})", key=key(f"m:{goal.key}")
            )
            right.selectbox(
                f"Goal {n}: decided",
                list(GOAL_OUTCOMES),
                format_func=GOAL_OUTCOMES.get,
                key=key(f"o:{goal.key}"),
            )
        for n, action in enumerate(content.actions, start=1):
            options = list(ACTION_STATUSES)
            st.selectbox(
                f"Action {n}: {action.what}",
                options,
                index=options.index(statuses.get(action.key, action.status)),
                format_func=status_text,
                key=key(f"a:{action.key}"),
            )
        if not plan.trip:  # a TRIP priority has no stage: the benchmarks are rerun instead
            names = {s.number: s.name for s in svc.definitions.framework(plan.framework).stages}
            st.radio(
                "Has the challenge's stage moved?",
                [UNCHANGED, 1, 2, 3],
                format_func=lambda s: (
                    "No, it has not moved" if s == UNCHANGED else f"Now Stage {s} {names[s]}"
                ),
                horizontal=True,
                key=key("stage"),
            )
            st.text_input(
                "What shows it moved (needed when it did)", key=key("evidence"), help=ui.NO_NAMES
            )
        st.text_area("What we learned", key=key("learned"), help=ui.NO_NAMES)
        st.date_input("Next review", value=None, key=key("next"), format=DATE_FORMAT)
        state = st.session_state

        def record() -> None:
            stage = state.get(key("stage"), UNCHANGED)
            svc.record_review(
                actor,
                plan.id,
                held_on=state[key("held_on")],
                measurements={g.key: state[key(f"m:{g.key}")] for g in content.goals},
                goal_outcomes={g.key: state[key(f"o:{g.key}")] for g in content.goals},
                action_statuses={a.key: state[key(f"a:{a.key}")] for a in content.actions},
                stage=None if stage == UNCHANGED else stage,
                stage_evidence=state.get(key("evidence"), ""),
                learned=state[key("learned")],
                next_review_on=state[key("next")],
            )

        def saved() -> None:
            state[f"review:{plan.id}:count"] = count + 1
            state[f"review:{plan.id}:saved"] = True

        st.form_submit_button(
            "Save the review",
            type="primary",
            icon=":material/save:",
            on_click=ui.act,
            args=(f"review:{plan.id}:error", record, saved),
        )
    ui.show_refusal(f"review:{plan.id}:error")


def _measurement_form(svc, actor, plan: Plan, in_force: PlanVersion) -> None:
    goals = {g.key: f"Goal {n}: {g.statement}" for n, g in enumerate(in_force.content.goals, 1)}
    if not goals:
        return
    key = f"measure:{plan.id}:{{}}".format
    with st.expander(
        "Add a figure between reviews (monthly figures give the run chart its limits)"
    ):
        with st.form(key("form"), enter_to_submit=False):
            st.selectbox("Goal", list(goals), format_func=goals.get, key=key("goal"))
            left, right = st.columns(2)
            left.date_input("Date", value=svc.today(), key=key("on"), format=DATE_FORMAT)
            right.text_input("Value", key=key("value"))
            pressed = st.form_submit_button("Add the figure", icon=":material/add:")
        if pressed:
            state = st.session_state
            try:
                svc.add_measurement(
                    actor, plan.id, state[key("goal")], state[key("on")], state[key("value")]
                )
            except ServiceError as error:
                ui.show_error(error)
            else:
                st.success(f"Added {state[key('value')]} on {ui.day(state[key('on')])}.")
