"""Action plans of one scope (a provider's own, or one team's): the open priorities with what is
overdue, and the choice of new priorities from a Template A round, never more than the
methodology's limit open at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.analytics.template_a import early_attention, template_a_table
from assessments.records.plans import PLAN_STATUSES
from pages.kit import context, page_script, recorder, round_parts, routes, terms, ui

ui.start_page()
svc = ui.service()
st.title("Action plans", help=terms.explain("template-b", "priority", "smart-goal"))
st.caption(
    "Choose the priorities from a Template A round, write a SMART Template B for each, have "
    "both leads sign it, and review it until the change has happened."
)
provider = context.current_provider(svc)
team = context.current_team(svc, provider)
actor = recorder.who_is_recording()
if actor is None:
    st.stop()

plans = svc.plans.plans(provider.id, team.id if team else None)
open_plans = [p for p in plans if p.open]
rounds = [
    r
    for r in svc.rounds.rounds(provider.id)
    if r.team_id == (team.id if team else None) and not r.practice
]
# The newest round's framework sets the limit; with none, the plans' own or the first loaded.
references = [r.framework for r in rounds] + [p.framework for p in plans]
limit = svc.plans.priority_limit((references or list(svc.definitions.frameworks))[0])


def made(plan) -> None:
    st.session_state["plan-made"] = plan.id  # opened once the callback is over
    st.session_state[page_script.MOVED] = True  # the focus on the plan's title there


def open_plan(plan_id: int) -> None:
    st.switch_page(routes.PLAN.path, query_params={"plan": str(plan_id)})


st.header(f"Open priorities: {len(open_plans)} of at most {limit}")
due = svc.reviews.due_items(open_plans)
if due:
    lines = []
    for plan in open_plans:
        challenge = svc.definitions.framework(plan.framework).challenge(plan.challenge_id)
        lines += [
            f"- **Challenge {challenge.number}**: {ui.as_text(item)}"
            for item in due.get(plan.id, [])
        ]
    st.warning("**Overdue**\n\n" + "\n".join(lines), icon=":material/schedule:")
if not open_plans:
    st.info("No priority is open here yet. Choose some from a round below.")
for plan in open_plans:
    challenge = svc.definitions.framework(plan.framework).challenge(plan.challenge_id)
    with st.container(border=True):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f"### Challenge {challenge.number}: {ui.as_text(challenge.short_title)}")
        left.markdown(ui.as_text(ui.plan_state(svc, plan)))
        if right.button("Open Template B", key=f"open:{plan.id}", type="primary"):
            open_plan(plan.id)

st.header("Choose priorities")
if not rounds:
    st.info(
        "There is no Template A round here to choose from (practice rounds make no plans). "
        "Start one on the Rounds page."
    )
    st.stop()
by_id = {r.id: r for r in rounds}
ids = [str(i) for i in by_id]
chosen_round = st.selectbox(
    "From the round",
    list(by_id),
    index=ids.index(context.url_choice("round", ids, ids[0])),
    format_func=lambda i: round_parts.label(svc, by_id[i]),
    key="plans_round",
)
st.query_params["round"] = str(chosen_round)
round_ = by_id[chosen_round]
fw = svc.definitions.framework(round_.framework)
records = svc.workshop.challenge_records(round_.id)
table = template_a_table(fw, records)
advice = early_attention(fw, records)
if advice is not None:
    names = ", ".join(f"{c.number} ({ui.as_text(c.short_title)})" for c in advice.missing)
    st.info(
        f"The methodology advises considering challenges {names} early. "
        f"{ui.as_text(advice.why or '')}"
    )
opened = {p.challenge_id for p in open_plans}
full = len(open_plans) >= limit
if full:
    st.warning(
        f"{limit} priorities are open, the most at once. Complete or close one to choose another."
    )
# Ranked challenges first, in the room's order, then the rest in framework order.
order = table.sort_values("Priority", na_position="last", kind="stable").index
st.caption("Stage and priority as the room recorded them in Template A.")
for cid in order:
    row = table.loc[cid]
    rank = "—" if pd.isna(row["Priority"]) else int(row["Priority"])
    left, middle, right = st.columns([5, 2, 2], vertical_alignment="center")
    left.markdown(f"**{row['No.']}. {ui.as_text(row['Challenge'])}**")
    middle.markdown(f"{ui.as_text(row['Stage'])} · priority {rank}")
    if cid in opened:
        right.markdown(":material/task_alt: Has an open plan")
    else:
        ui.submit(
            "Make a priority",
            f"choose:{round_.id}:{cid}",
            lambda cid=cid: made(svc.plans.create_plan(actor, round_.id, cid)),
            primary=False,
            where=right,
            disabled=full,
            help=f"At most {limit} open at once" if full else None,
        )
if "plan-made" in st.session_state:
    open_plan(st.session_state.pop("plan-made"))

finished = [p for p in plans if not p.open]
if finished:
    with st.expander(f"Completed or closed ({len(finished)})"):
        for plan in finished:
            challenge = svc.definitions.framework(plan.framework).challenge(plan.challenge_id)
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                f"**Challenge {challenge.number}: {ui.as_text(challenge.short_title)}** · "
                f"{PLAN_STATUSES[plan.status]}: {ui.as_text(plan.status_reason)}"
            )
            if right.button("Open", key=f"open:{plan.id}"):
                open_plan(plan.id)
