"""A plan's Plan-Do-Study-Act reviews: a measurement per goal, what
the room decided about each goal and action, a re-rating when the stage moved, what was
learned, and when to meet next. Figures between reviews can be added for the run charts."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from assessments.records.plans import (
    ACTION_STATUSES,
    GOAL_OUTCOMES,
    Plan,
    PlanContent,
    PlanVersion,
    Review,
    status_text,
)
from pages.kit import terms, ui
from pages.kit.stored_form import StoredForm
from pages.template_b.plan_form import DATE_FORMAT

UNCHANGED = "unchanged"


def reviews(svc, actor, plan: Plan, in_force: PlanVersion | None, writes: bool) -> None:
    """The reviews so far; and, for whoever may review the plan while it is open, a new one
    and figures between reviews."""
    if in_force is None:
        st.info(
            "Reviews start once the co-leads have agreed the priority."
            if plan.trip
            else "Reviews start once the plan is signed off."
        )
        return
    if st.session_state.pop(f"review:{plan.id}:saved", False):
        st.success("Review saved.", icon=":material/check_circle:")
    found = svc.reviews.reviews(plan.id)
    statuses = svc.reviews.action_statuses(plan)
    st.markdown(
        f"**{len(found)} review(s) so far.** Next due: {ui.day(svc.reviews.next_review_due(plan))}."
    )
    for review in reversed(found):
        with st.expander(f"Review on {ui.day(review.held_on)}"):
            _show_review(svc, plan, review, in_force)
    if plan.open and writes:
        _review_form(svc, actor, plan, in_force, statuses, len(found))
        _measurement_form(svc, actor, plan, in_force)


def _show_review(svc, plan: Plan, review: Review, in_force: PlanVersion) -> None:
    values = {
        m.goal_key: m.value for m in svc.reviews.measurements(plan.id) if m.review_id == review.id
    }
    content = in_force.content
    rows = [
        {
            "Goal": f"{n}. {goal.statement}",
            "Measured": "—" if goal.key not in values else f"{values[goal.key]:g}",
            "Decided": GOAL_OUTCOMES.get(review.goal_outcomes.get(goal.key, ""), "—"),
        }
        for n, goal in enumerate(content.goals, start=1)
    ]
    ui.table(pd.DataFrame(rows), hide_index=True)
    actions = [
        {"Action": f"{n}. {a.what}", "Status": status_text(review.action_statuses[a.key])}
        for n, a in enumerate(content.actions, start=1)
        if a.key in review.action_statuses
    ]
    if actions:
        ui.table(pd.DataFrame(actions), hide_index=True)
    if review.stage is not None:
        stage = ui.as_text(ui.stage_words(svc, plan.framework, review.stage))
        st.markdown(f"**Stage re-rated:** {stage}. {ui.as_text(review.stage_evidence)}")
    st.markdown(f"**What we learned:** {ui.as_text(review.learned) or '—'}")
    st.markdown(f"**Next review:** {ui.day(review.next_review_on)}")


def _review_form(svc, actor, plan: Plan, in_force: PlanVersion, statuses, done: int) -> None:
    """The next review's form: a cache of the store (`kit.stored_form`) like the plan's, so
    what was typed and not saved survives a visit to another part of the plan or another page.
    Its record is the next review of the version in force (its goals and actions are the
    fields), and it starts from what a new review starts from: the actions as they stand."""
    content = in_force.content
    # A saved review starts a fresh, empty form under new keys; a refused one keeps
    # everything typed.
    count = st.session_state.setdefault(f"review:{plan.id}:count", 0)
    empty = _review_values(svc, plan, content, statuses)
    form = StoredForm(f"review:{plan.id}:{count}", tuple(empty))
    bind = form.bind
    error_key = f"review:{plan.id}:error"
    state = st.session_state
    with form.showing(in_force.number, done, empty):
        st.header("Record a review", help=terms.explain("review"))
        st.date_input("Date of the review", format=DATE_FORMAT, **bind("held_on"))
        for n, goal in enumerate(content.goals, start=1):
            unit = goal.measure.unit if goal.measure else ""
            left, right = st.columns([3, 2])
            left.text_input(
                f"Goal {n}: {ui.as_text(goal.statement)} — measured now ({ui.as_text(unit)})",
                **bind(f"m:{goal.key}"),
            )
            right.selectbox(
                f"Goal {n}: decided",
                list(GOAL_OUTCOMES),
                format_func=GOAL_OUTCOMES.get,
                **bind(f"o:{goal.key}"),
            )
        for n, action in enumerate(content.actions, start=1):
            st.selectbox(
                f"Action {n}: {ui.as_text(action.what)}",
                list(ACTION_STATUSES),
                format_func=status_text,
                **bind(f"a:{action.key}"),
            )
        if not plan.trip:  # a TRIP priority has no stage: the benchmarks are rerun instead
            names = {s.number: s.name for s in svc.definitions.framework(plan.framework).stages}
            st.radio(
                "Has the challenge's stage moved?",
                [UNCHANGED, 1, 2, 3],
                format_func=lambda s: (
                    "No, it has not moved"
                    if s == UNCHANGED
                    else f"Now Stage {s} {ui.as_text(names[s])}"
                ),
                horizontal=True,
                **bind("stage"),
            )
            st.text_input(
                "What shows it moved (needed when it did)", help=ui.NO_NAMES, **bind("evidence")
            )
        st.text_area("What we learned", help=ui.NO_NAMES, **bind("learned"))
        st.date_input("Next review", format=DATE_FORMAT, **bind("next"))

        def record() -> None:
            typed = form.typed()
            stage = typed.get("stage", UNCHANGED)
            svc.reviews.record_review(
                actor,
                plan.id,
                held_on=typed["held_on"],
                measurements={g.key: typed[f"m:{g.key}"] for g in content.goals},
                goal_outcomes={g.key: typed[f"o:{g.key}"] for g in content.goals},
                action_statuses={a.key: typed[f"a:{a.key}"] for a in content.actions},
                stage=None if stage == UNCHANGED else stage,
                stage_evidence=typed.get("evidence", ""),
                learned=typed["learned"],
                next_review_on=typed["next"],
            )

        def saved() -> None:
            form.saved(done + 1, empty)  # forgets the draft; the next review has new keys
            state[f"review:{plan.id}:count"] = count + 1
            state[f"review:{plan.id}:saved"] = True

        st.button(
            "Save the review",
            # The next review's button is a new one too: the focus, with this one gone, goes to
            # "Review saved." at the top (kit.page_script), where the new review begins.
            key=f"review:{plan.id}:{count}:submit",
            type="primary",
            icon=":material/save:",
            on_click=ui.act,
            args=(error_key, record, saved),
        )
    error = state.pop(error_key, None)
    if error is not None:
        ui.show_error(error)
    elif form.unsaved():
        st.info(
            "Not saved yet: this review was typed earlier. Save it to keep it.",
            icon=":material/edit_note:",
        )


def _review_values(svc, plan: Plan, content: PlanContent, statuses) -> dict[str, Any]:
    """A new review's fields as the form starts them: today, nothing measured, the goals
    carried on, the actions as they stand, the stage unchanged, no next date."""
    values: dict[str, Any] = {"held_on": svc.today()}
    for goal in content.goals:
        values[f"m:{goal.key}"] = ""
        values[f"o:{goal.key}"] = next(iter(GOAL_OUTCOMES))
    for action in content.actions:
        values[f"a:{action.key}"] = statuses.get(action.key, action.status)
    if not plan.trip:
        values |= {"stage": UNCHANGED, "evidence": ""}
    return values | {"learned": "", "next": None}


def _measurement_form(svc, actor, plan: Plan, in_force: PlanVersion) -> None:
    """One figure between reviews; like the review's form, a cache of the store, so a figure
    typed and not added survives a visit to another part. Once added, the goal and the date
    stay for the next figure."""
    goals = {g.key: f"Goal {n}: {g.statement}" for n, g in enumerate(in_force.content.goals, 1)}
    if not goals:
        return
    name = f"measure:{plan.id}"
    form = StoredForm(name, ("goal", "on", "value"))
    state = st.session_state
    last = state.get(f"{name}:last", {})  # the goal and date of the figure added last
    empty = {"goal": next(iter(goals)), "on": svc.today()} | last | {"value": ""}
    if empty["goal"] not in goals:
        empty["goal"] = next(iter(goals))

    def add() -> None:
        typed = form.typed()
        svc.reviews.add_measurement(actor, plan.id, typed["goal"], typed["on"], typed["value"])
        state[f"{name}:added"] = f"Added {typed['value']} on {ui.day(typed['on'])}."
        state[f"{name}:last"] = {"goal": typed["goal"], "on": typed["on"]}
        form.saved(None, {**typed, "value": ""})

    with st.expander(
        "Add a figure between reviews (monthly figures give the run chart its limits)"
    ):
        with form.showing(in_force.number, None, empty):
            st.selectbox("Goal", list(goals), format_func=goals.get, **form.bind("goal"))
            left, right = st.columns(2)
            left.date_input("Date", format=DATE_FORMAT, **form.bind("on"))
            right.text_input("Value", **form.bind("value"))
            ui.submit("Add the figure", f"{name}:submit", add, icon=":material/add:", primary=False)
        added = state.pop(f"{name}:added", None)
        if added:
            st.success(added)
        elif form.unsaved():
            st.info("Not added yet: a figure typed here earlier.", icon=":material/edit_note:")
