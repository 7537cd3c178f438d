"""A team's TRIP priorities: the open ones with their co-leads and what is overdue, a reminder
below three, and choosing new ones from a round's statements, the room's own ideas first. A
sixth open priority is refused. Each opens on the Template B page, which writes, agrees and
reviews it the same way."""

from __future__ import annotations

import streamlit as st

from assessments.records import Actor, Team
from assessments.records.plans import PLAN_STATUSES, Plan
from assessments.service import Service
from pages.kit import context, page_script, round_parts, routes, ui


def priorities(svc: Service, actor: Actor, team: Team) -> None:
    limits = svc.definitions.trip.priorities
    plans = svc.trip.trip_priorities(team.id)
    open_plans = [p for p in plans if p.open]
    st.header(
        f"Co-led priorities: {len(open_plans)} open "
        f"(a TRIP works on {limits.at_least} to {limits.at_most_open})",
        anchor=False,
    )
    if len(open_plans) < limits.at_least:
        st.info(
            f"Choose {limits.at_least - len(open_plans)} more: a TRIP works on at least "
            f"{limits.at_least} priorities at once, some quick wins and some longer term.",
            icon=":material/lightbulb:",
        )
    due = svc.reviews.due_items(open_plans)
    if due:
        lines = [
            f"- **{ui.as_text(title(svc, p))}**: {ui.as_text(item)}"
            for p in open_plans
            for item in due.get(p.id, [])
        ]
        st.warning("**Overdue**\n\n" + "\n".join(lines), icon=":material/schedule:")
    for plan in open_plans:
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"### {ui.as_text(title(svc, plan))}")
            left.markdown(f"{ui.as_text(co_leads(plan))}  \n{ui.as_text(ui.plan_state(svc, plan))}")
            if right.button("Open", key=f"open:{plan.id}", type="primary"):
                st.switch_page(routes.PLAN.path, query_params={"plan": str(plan.id)})
    _choose(svc, actor, team, open_plans, limits.at_most_open)
    finished = [p for p in plans if not p.open]
    if finished:
        with st.expander(f"Completed or closed ({len(finished)})"):
            for plan in finished:
                left, right = st.columns([4, 1], vertical_alignment="center")
                left.markdown(
                    f"**{ui.as_text(title(svc, plan))}** · {PLAN_STATUSES[plan.status]}: "
                    f"{ui.as_text(plan.status_reason)}"
                )
                if right.button("Open", key=f"open:{plan.id}"):
                    st.switch_page(routes.PLAN.path, query_params={"plan": str(plan.id)})


def _choose(svc: Service, actor: Actor, team: Team, open_plans: list[Plan], limit: int) -> None:
    st.header("Choose priorities", anchor=False)
    rounds = [r for r in svc.trip.trip_rounds(team.id) if not r.practice]
    if not rounds:
        st.info(
            "There is no TRIP round to choose from (practice rounds make no priorities). Start "
            "one under Benchmarks."
        )
        return
    by_id = {r.id: r for r in rounds}
    ids = [str(i) for i in by_id]
    chosen = st.selectbox(
        "From the round",
        list(by_id),
        index=ids.index(context.url_choice("round", ids, ids[0])),
        format_func=lambda i: round_parts.label(svc, by_id[i], team.name),
        key=f"trip-choose-round:{team.id}",
    )
    st.query_params["round"] = str(chosen)
    _, bset = svc.trip.trip_round(chosen)
    ratings = svc.trip.trip_ratings(chosen)
    numbers = {s.id: n for n, s in enumerate(bset.statements, start=1)}
    taken = {p.challenge_id for p in open_plans}
    full = len(open_plans) >= limit
    if full:
        st.warning(
            f"{limit} priorities are open, the most at once. Complete or close one to choose "
            "another."
        )
    ideas = [s for s in bset.statements if ratings[s.id].rating.next_step]
    st.caption(
        "What the room said it could do next, statement by statement."
        if ideas
        else "The room wrote no ideas for what to do next in this round; choose a statement below."
    )
    for statement in ideas:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(
            f"**{numbers[statement.id]}. {ui.as_text(statement.text)}**  \n"
            f"Could do next: {ui.as_text(ratings[statement.id].rating.next_step)}"
        )
        _choose_button(svc, actor, chosen, statement.id, right, taken, full, limit)
    with st.expander("Make a priority of any other statement"):
        statement_id = st.selectbox(
            "Statement",
            [s.id for s in bset.statements],
            format_func=lambda sid: f"{numbers[sid]}. {bset.statement(sid).text}",
            key=f"trip-any:{chosen}",
        )
        _choose_button(svc, actor, chosen, statement_id, st, taken, full, limit, "any")


def _choose_button(svc, actor, round_id, statement_id, where, taken, full, limit, tag=""):
    if statement_id in taken:
        where.markdown(":material/task_alt: Has an open priority")
        return

    def make() -> None:
        made = svc.trip.create_trip_priority(actor, round_id, statement_id)
        st.session_state["trip-priority-made"] = made.id  # opened once the callback is over
        st.session_state[page_script.MOVED] = True  # the focus on the priority's title there

    ui.submit(
        "Make a priority",
        f"choose-trip:{round_id}:{statement_id}:{tag}",
        make,
        primary=False,
        where=where,
        disabled=full,
        help=f"At most {limit} open at once" if full else None,
    )
    if "trip-priority-made" in st.session_state:
        made = st.session_state.pop("trip-priority-made")
        st.switch_page(routes.PLAN.path, query_params={"plan": str(made)})


def title(svc: Service, plan: Plan) -> str:
    """A priority's title, or until it has one, the statement it grew from."""
    if plan.latest.content.title:
        return plan.latest.content.title
    statement = svc.definitions.benchmark_set(plan.framework).statement(plan.challenge_id)
    return f"Untitled, from: {statement.text}"


def co_leads(plan: Plan) -> str:
    content = plan.latest.content
    staff = content.staff_lead.name or "no staff co-lead yet"
    if content.staff_lead.name and content.staff_lead.role:
        staff += f" ({content.staff_lead.role})"
    person = content.person_lead_initials or "no co-lead who uses the service yet"
    if content.person_lead_initials:
        person += " (uses the service)"
    return f"Co-led by {staff} and {person}"
