"""Progress of a plan, each chart beside its table: the challenge's stage over time, every goal's
measure against its baseline and target (with process limits once there are enough points),
and the actions' status at sign-off and at each review. Then every version of the plan, and
what changed between any two."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.analytics.progress import (
    XMR_MIN_POINTS,
    action_status_frame,
    goal_progress,
    measure_frame,
    stage_timeline,
)
from assessments.charts.progress import (
    action_status_figure,
    measure_figure,
    stage_timeline_figure,
)
from assessments.records.plans import Plan, PlanVersion
from assessments.rules.plan_content import content_differences
from pages.kit import chart, printable, terms, ui
from pages.template_b.plan_view import show_content


def _chart_and_table(figure, table: pd.DataFrame, key: str) -> None:
    left, right = st.columns([3, 2])
    chart.show(figure, key, {"displaylogo": False}, left)
    with right:
        printable.dataframe(table, hide_index=True, width="stretch")


def progress(svc, plan: Plan, in_force: PlanVersion | None) -> None:
    if not plan.trip:  # a TRIP priority has no stage: the team reruns its benchmarks instead
        fw = svc.definitions.framework(plan.framework)
        challenge = fw.challenge(plan.challenge_id)
        names = {s.number: s.name for s in fw.stages}
        timeline = stage_timeline(svc.reviews.stage_history(plan), names)
        st.header("Stage over time")
        _chart_and_table(
            stage_timeline_figure(timeline, f"Challenge {challenge.number}: stage over time"),
            timeline.drop(columns=["Stage number"]),
            f"stage:{plan.id}",
        )
    content = (in_force or plan.latest).content
    measurements = svc.reviews.measurements(plan.id)
    for number, goal in enumerate(content.goals, start=1):
        if goal.measure is None:
            continue
        frame = measure_frame(goal, measurements)
        points = len(frame)
        st.header(f"Goal {number}: {ui.as_text(goal.measure.name)}")
        st.markdown(
            f"**{goal_progress(goal, measurements, svc.today())}** · {points} point(s); process "
            f"limits are drawn from {XMR_MIN_POINTS} points on.",
            help=terms.explain("spc"),
        )
        table = frame.dropna(axis=1, how="all").round(2)  # the chart's own precision
        _chart_and_table(
            measure_figure(frame, goal.statement, goal.measure.unit), table, f"goal:{goal.key}"
        )
    if in_force is not None and content.actions:
        word = plan.signed_word.capitalize()
        snapshots = [(in_force.signed_on, word, {a.key: a.status for a in content.actions})]
        statuses = dict(snapshots[0][2])
        for review in svc.reviews.reviews(plan.id):
            statuses.update(review.action_statuses)
            snapshots.append((review.held_on, "Review", dict(statuses)))
        when = "when agreed" if plan.trip else "at sign-off"
        st.header(f"Actions {when} and at each review")
        frame = action_status_frame(snapshots)
        _chart_and_table(
            action_status_figure(frame, "Status of the actions"),
            frame,
            f"actions:{plan.id}",
        )


def versions(svc, plan: Plan) -> None:
    found = svc.plans.plan_versions(plan.id)
    statuses = svc.reviews.action_statuses(plan)
    ui.table(
        pd.DataFrame(
            [
                {
                    "Version": v.number,
                    "Written by": v.created_by,
                    "Started": f"{v.created_at:%d %b %Y}",
                    "Why": v.reason or "First version",
                    "Signed or agreed": _signed_by(plan, v),
                }
                for v in found
            ]
        ),
        hide_index=True,
    )
    numbers = [v.number for v in found]
    if len(found) > 1:
        left, right = st.columns(2)
        old = left.selectbox("Compare version", numbers, index=len(numbers) - 2, key="v_old")
        new = right.selectbox("with version", numbers, index=len(numbers) - 1, key="v_new")
        by_number = {v.number: v for v in found}
        changes = content_differences(by_number[new].content, by_number[old].content)
        if changes:
            ui.table(
                pd.DataFrame(
                    [(d.field, d.stored, d.yours) for d in changes],
                    columns=["What", f"Version {old}", f"Version {new}"],
                ),
                hide_index=True,
            )
        else:
            st.caption("The two versions say the same.")
    for version in reversed(found):
        state = plan.signed_word if version.signed else "draft"
        with st.expander(f"Version {version.number} ({state}), as written"):
            show_content(svc, plan, version.content, statuses)


def _signed_by(plan: Plan, version: PlanVersion) -> str:
    if not version.signed:
        return f"Not {plan.signed_word} (draft)"
    if plan.trip:  # its co-leads, as the version names them
        content = version.content
        return (
            f"Agreed {ui.day(version.signed_on)} by {content.staff_lead.name} and "
            f"{content.person_lead_initials}"
        )
    return (
        f"{ui.day(version.signed_on)} by {version.signed_by_commissioner} and "
        f"{version.signed_by_provider}"
    )
