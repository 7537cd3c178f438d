"""Template B on screen: a plan shown as the paper lays it out, and the one form that writes it.

The form holds the stored goals and actions plus one empty goal and one empty action to fill
in, so adding is typing, and saving is one submit (one version check) for the whole plan."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from assessments.plan_records import (
    ACTION_STATUSES,
    DIRECTIONS,
    Action,
    Goal,
    Lead,
    Measure,
    Plan,
    PlanContent,
    status_text,
)
from assessments.plans import number_from_text
from assessments.smart import smart_gaps
from assessments.writes import ServiceError, StaleSave
from pages import ui

OWN_MEASURE = "own"
DATE_FORMAT = "DD/MM/YYYY"


def goals_table(content: PlanContent) -> pd.DataFrame:
    rows = []
    for number, goal in enumerate(content.goals, start=1):
        gaps = smart_gaps(goal)
        unit = f" {goal.measure.unit}" if goal.measure else ""
        rows.append(
            {
                "No.": number,
                "Goal": goal.statement,
                "Measure": goal.measure.name if goal.measure else "—",
                "Baseline": _amount(goal.baseline, unit, goal.baseline_on, "on"),
                "Target": _amount(goal.target, unit, goal.target_on, "by"),
                "Owner": goal.owner or "—",
                "SMART check": "✔ SMART" if not gaps else "✕ " + "; ".join(map(str, gaps)),
            }
        )
    return pd.DataFrame(rows)


def actions_table(content: PlanContent, statuses: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "No.": number,
                "Action": action.what,
                "Who": action.who or "—",
                "By when": ui.day(action.by_when),
                "Status": status_text(statuses.get(action.key, action.status)),
            }
            for number, action in enumerate(content.actions, start=1)
        ]
    )


def show_content(svc, plan: Plan, content: PlanContent, statuses: dict[str, str]) -> None:
    """A version of Template B, read-only, in the paper's order; a TRIP priority's with its
    own fields in place of the stage, evidence and leads."""
    if plan.trip:
        _show_trip_fields(svc, plan, content)
    else:
        st.markdown(
            f"**Current stage:** {ui.stage_words(svc, plan.framework, content.current_stage)}"
        )
        st.markdown(f"**Where things stand:** {content.description or '—'}")
    _show_goals_and_actions(content, statuses)
    if not plan.trip:
        st.markdown(f"**Evidence sources:** {content.evidence_sources or '—'}")
        for title, lead in (
            ("Commissioner lead", content.commissioner_lead),
            ("Provider lead", content.provider_lead),
        ):
            st.markdown(f"**{title}:** {_lead(lead)}")
    st.markdown(f"**Next review:** {ui.day(content.next_review_on)}")


def _show_trip_fields(svc, plan: Plan, content: PlanContent) -> None:
    timescales = {t.id: t.name for t in svc.definitions.trip.timescales}
    assets = {a.id: a for a in svc.assets(plan.team_id, include_archived=True)}
    st.markdown(f"**Title:** {content.title or '—'}")
    st.markdown(f"**Quick win or longer term:** {timescales.get(content.timescale, '—')}")
    st.markdown(f"**What we will do differently:** {content.description or '—'}")
    st.markdown(
        f"**Staff co-lead:** {_lead(content.staff_lead)} · **Co-lead who uses the service:** "
        f"{content.person_lead_initials or '—'}"
    )
    used = [assets[i] for i in content.assets if i in assets]
    st.markdown(
        "**Assets we will use:** "
        + ("; ".join(f"{a.what} ({a.held_by})" for a in used) if used else "—")
    )


def _show_goals_and_actions(content: PlanContent, statuses: dict[str, str]) -> None:
    st.markdown("**Local goals**")
    if content.goals:
        st.table(goals_table(content), hide_index=True)
    else:
        st.caption("No goals yet.")
    st.markdown("**Specific actions before the next review**")
    if content.actions:
        st.table(actions_table(content, statuses), hide_index=True)
    else:
        st.caption("No actions yet.")


def plan_form(svc, actor, plan: Plan, reason_needed: bool) -> None:
    """The form that writes the plan: the draft in place, or, after sign-off, a new version."""
    prefix = f"plan:{plan.id}"
    # Widget values vanish while another part of the plan is shown: then start from the
    # stored plan again. Typing kept on screen keeps the version it was based on.
    if f"{prefix}:description" not in st.session_state:
        _fill(prefix, plan.latest.content, plan.version, plan.trip)
    content = plan.latest.content
    indicators = _indicator_choices(svc, plan)
    goal_slots = [g.key for g in content.goals] + ["new"]
    action_slots = [a.key for a in content.actions] + ["new"]
    with st.form(f"{prefix}:form", enter_to_submit=False):
        if plan.trip:
            _trip_fields(svc, plan, prefix)
            st.subheader("Goals (optional)")
            st.caption(
                "A priority that changes practice may need no number. A goal you add must be "
                "SMART (Specific, Measurable, Agreed-upon, Realistic, Time-based) before the "
                "co-leads agree, so the reviews can measure it."
            )
        else:
            st.markdown(
                f"**Current stage (from Template A):** "
                f"{ui.stage_words(svc, plan.framework, content.current_stage)}"
            )
            st.text_area("Where things stand now", key=f"{prefix}:description", help=ui.NO_NAMES)
            st.subheader("Local goals (SMART)")
            st.caption(
                "Specific, Measurable, Agreed-upon, Realistic, Time-based. A draft may be "
                "incomplete; the leads can sign only when every goal is SMART."
            )
        for number, slot in enumerate(goal_slots, start=1):
            _goal_fields(prefix, slot, number, indicators, content.goal(slot))
        st.subheader("Specific actions before the next review")
        for number, slot in enumerate(action_slots, start=1):
            _action_fields(prefix, slot, number)
        if not plan.trip:
            st.text_area("Evidence sources", key=f"{prefix}:evidence", help=ui.NO_NAMES)
            left, right = st.columns(2)
            left.text_input("Commissioner lead: name", key=f"{prefix}:c_name", max_chars=200)
            left.text_input("Commissioner lead: role", key=f"{prefix}:c_role", max_chars=200)
            right.text_input("Provider lead: name", key=f"{prefix}:p_name", max_chars=200)
            right.text_input("Provider lead: role", key=f"{prefix}:p_role", max_chars=200)
        st.date_input("Next review", key=f"{prefix}:next_review", format=DATE_FORMAT)
        if reason_needed:
            st.text_input(
                "Why it changes (required: the signed version is kept as it was)",
                key=f"{prefix}:reason",
            )
        label = f"Save as version {plan.latest.number + 1}" if reason_needed else "Save draft"
        st.form_submit_button(
            label,
            type="primary",
            icon=":material/save:",
            on_click=_submit,
            args=(svc, actor, plan, goal_slots, action_slots, False),
        )
    error = st.session_state.get(f"{prefix}:error")
    if error is not None:
        ui.show_error(error)
        if isinstance(error, StaleSave):
            mine, theirs = st.columns(2)
            mine.button(
                "Save mine over it",
                key=f"{prefix}:overwrite",
                on_click=_submit,
                args=(svc, actor, plan, goal_slots, action_slots, True),
            )
            theirs.button(
                "Discard mine and show the saved plan",
                key=f"{prefix}:discard",
                on_click=_discard,
                args=(svc, plan.id, prefix),
            )
    saved = st.session_state.get(f"{prefix}:saved")
    if saved:
        st.success(saved, icon=":material/check_circle:")


def _trip_fields(svc, plan: Plan, prefix: str) -> None:
    """A TRIP priority's own fields: what it is, its timescale, its two co-leads, and the
    team's assets it will use."""
    timescales = {t.id: t.name for t in svc.definitions.trip.timescales}
    assets = {a.id: a for a in svc.assets(plan.team_id)}
    # An asset archived since it was linked stays linked until someone unticks it.
    assets |= {
        a.id: a
        for a in svc.assets(plan.team_id, include_archived=True)
        if a.id in st.session_state.get(f"{prefix}:assets", [])
    }
    st.text_input("Title: the change in a few words", key=f"{prefix}:title", help=ui.NO_NAMES)
    st.radio(
        "Quick win or longer term",
        list(timescales),
        format_func=timescales.get,
        horizontal=True,
        key=f"{prefix}:timescale",
    )
    st.text_area("What we will do differently", key=f"{prefix}:description", help=ui.NO_NAMES)
    st.markdown("**Co-leads** (both are needed before the priority is agreed)")
    left, middle, right = st.columns(3)
    left.text_input("Staff co-lead: name", key=f"{prefix}:s_name", max_chars=200)
    middle.text_input("Staff co-lead: role", key=f"{prefix}:s_role", max_chars=200)
    right.text_input(
        "Co-lead who uses the service: initials only",
        key=f"{prefix}:initials",
        max_chars=8,
        help="Such as J.K. The records never hold the name of a person who uses the service.",
    )
    st.multiselect(
        "Assets we will use",
        list(assets),
        format_func=lambda i: f"{i}. {assets[i].what[:70]} ({assets[i].held_by})",
        key=f"{prefix}:assets",
        placeholder="Choose from the team's assets register",
    )


def _goal_fields(prefix, slot, number, indicators, stored: Goal | None) -> None:
    key = f"{prefix}:goal:{slot}:{{}}".format
    with st.container(border=True):
        title = f"Goal {number}" if slot != "new" else "Add a goal"
        st.markdown(f"**{title}**")
        if stored is not None:
            gaps = smart_gaps(stored)
            st.caption(
                "✔ SMART" if not gaps else "Not SMART yet: " + "; ".join(map(str, gaps)) + "."
            )
        st.text_input("Goal", key=key("statement"), help=ui.NO_NAMES)
        st.selectbox(
            "Measure",
            [None, *indicators, OWN_MEASURE],
            format_func=lambda i: (
                "Choose a measure"
                if i is None
                else indicators.get(i, i)
                if i != OWN_MEASURE
                else "A measure of our own (name, unit and direction below)"
            ),
            key=key("measure"),
        )
        cols = st.columns(3)
        cols[0].text_input("Own measure: name", key=key("own_name"))
        cols[1].text_input("Own measure: unit", key=key("own_unit"))
        cols[2].selectbox(
            "Own measure: direction", list(DIRECTIONS), format_func=DIRECTIONS.get, key=key("dir")
        )
        cols = st.columns(5)
        cols[0].text_input("Baseline", key=key("baseline"))
        cols[1].date_input("Baseline date", key=key("baseline_on"), format=DATE_FORMAT)
        cols[2].text_input("Target", key=key("target"))
        cols[3].date_input("Target date", key=key("target_on"), format=DATE_FORMAT)
        cols[4].text_input("Owner", key=key("owner"), help="A role, such as 'Team manager'.")
        if stored is not None:
            st.checkbox("Remove this goal", key=key("remove"))


def _action_fields(prefix, slot, number) -> None:
    key = f"{prefix}:action:{slot}:{{}}".format
    with st.container(border=True):
        st.markdown(f"**Action {number}**" if slot != "new" else "**Add an action**")
        cols = st.columns([4, 2, 2, 2])
        cols[0].text_input("What", key=key("what"), help=ui.NO_NAMES)
        cols[1].text_input("Who", key=key("who"), help="A role or initials.")
        cols[2].date_input("By when", key=key("by_when"), format=DATE_FORMAT)
        cols[3].selectbox(
            "Status", list(ACTION_STATUSES), format_func=status_text, key=key("status")
        )
        if slot != "new":
            st.checkbox("Remove this action", key=key("remove"))


def _indicator_choices(svc, plan: Plan) -> dict[str, str]:
    """The library's indicators, those evidencing this challenge first."""
    own = [i for i in svc.definitions.indicators if plan.challenge_id in i.challenges]
    rest = [i for i in svc.definitions.indicators if plan.challenge_id not in i.challenges]
    return {i.id: f"{i.name} ({i.unit})" for i in own + rest}


def _fill(prefix: str, content: PlanContent, version: int, trip: bool) -> None:
    """Put a stored plan into the widgets, and remember which version they show."""
    state = st.session_state
    slots = (f"{prefix}:goal:", f"{prefix}:action:")  # removed goals leave no keys behind
    for key in [k for k in state if isinstance(k, str) and k.startswith(slots)]:
        del state[key]
    state[f"{prefix}:description"] = content.description
    state[f"{prefix}:evidence"] = content.evidence_sources
    state[f"{prefix}:c_name"] = content.commissioner_lead.name
    state[f"{prefix}:c_role"] = content.commissioner_lead.role
    state[f"{prefix}:p_name"] = content.provider_lead.name
    state[f"{prefix}:p_role"] = content.provider_lead.role
    state[f"{prefix}:next_review"] = content.next_review_on
    if trip:
        state[f"{prefix}:title"] = content.title
        state[f"{prefix}:timescale"] = content.timescale
        state[f"{prefix}:s_name"] = content.staff_lead.name
        state[f"{prefix}:s_role"] = content.staff_lead.role
        state[f"{prefix}:initials"] = content.person_lead_initials
        state[f"{prefix}:assets"] = list(content.assets)
    for goal in (*content.goals, Goal(key="new")):
        key = f"{prefix}:goal:{goal.key}:{{}}".format
        measure = goal.measure
        state[key("statement")] = goal.statement
        state[key("measure")] = None if measure is None else measure.indicator or OWN_MEASURE
        own = measure is not None and measure.indicator is None
        state[key("own_name")] = measure.name if own else ""
        state[key("own_unit")] = measure.unit if own else ""
        state[key("dir")] = measure.direction if own else "higher"
        state[key("baseline")] = _number(goal.baseline)
        state[key("baseline_on")] = goal.baseline_on
        state[key("target")] = _number(goal.target)
        state[key("target_on")] = goal.target_on
        state[key("owner")] = goal.owner
    for action in (*content.actions, Action(key="new")):
        key = f"{prefix}:action:{action.key}:{{}}".format
        state[key("what")] = action.what
        state[key("who")] = action.who
        state[key("by_when")] = action.by_when
        state[key("status")] = action.status
    state[f"{prefix}:read_version"] = version


def _typed(prefix: str, plan: Plan, goal_slots, action_slots) -> PlanContent:
    """What the form holds, as plan content; a number that is not one raises ServiceError."""
    state = st.session_state
    goals = []
    for number, slot in enumerate(goal_slots, start=1):
        key = f"{prefix}:goal:{slot}:{{}}".format
        if state.get(key("remove")):
            continue
        chosen = state[key("measure")]
        measure = None
        if chosen == OWN_MEASURE:
            measure = Measure(
                name=state[key("own_name")],
                unit=state[key("own_unit")],
                direction=state[key("dir")],
            )
        elif chosen is not None:
            measure = Measure(indicator=chosen, name="", unit="", direction="higher")
        goals.append(
            Goal(
                key="" if slot == "new" else slot,
                statement=state[key("statement")],
                measure=measure,
                baseline=number_from_text(
                    state[key("baseline")], f"Goal {number}: the baseline", f"goals.{number}"
                ),
                baseline_on=state[key("baseline_on")],
                target=number_from_text(
                    state[key("target")], f"Goal {number}: the target", f"goals.{number}"
                ),
                target_on=state[key("target_on")],
                owner=state[key("owner")],
            )
        )
    actions = []
    for slot in action_slots:
        key = f"{prefix}:action:{slot}:{{}}".format
        if state.get(key("remove")):
            continue
        actions.append(
            Action(
                key="" if slot == "new" else slot,
                what=state[key("what")],
                who=state[key("who")],
                by_when=state[key("by_when")],
                status=state[key("status")],
            )
        )
    common = {
        "description": state[f"{prefix}:description"],
        "goals": tuple(goals),
        "actions": tuple(actions),
        "next_review_on": state[f"{prefix}:next_review"],
    }
    if plan.trip:
        own = {
            "title": state[f"{prefix}:title"],
            "timescale": state[f"{prefix}:timescale"],
            "staff_lead": Lead(name=state[f"{prefix}:s_name"], role=state[f"{prefix}:s_role"]),
            "person_lead_initials": state[f"{prefix}:initials"],
            "assets": tuple(state[f"{prefix}:assets"]),
        }
    else:
        own = {
            "evidence_sources": state[f"{prefix}:evidence"],
            "commissioner_lead": Lead(
                name=state[f"{prefix}:c_name"], role=state[f"{prefix}:c_role"]
            ),
            "provider_lead": Lead(name=state[f"{prefix}:p_name"], role=state[f"{prefix}:p_role"]),
        }
    return plan.latest.content.model_copy(update=common | own)


def _submit(svc, actor, plan: Plan, goal_slots, action_slots, overwrite: bool) -> None:
    prefix = f"plan:{plan.id}"
    state = st.session_state
    state.pop(f"{prefix}:error", None)
    state.pop(f"{prefix}:saved", None)
    read = svc.plan(plan.id).version if overwrite else state[f"{prefix}:read_version"]
    try:
        typed = _typed(prefix, plan, goal_slots, action_slots)
        saved = svc.save_plan(actor, plan.id, read, typed, state.get(f"{prefix}:reason", ""))
    except ServiceError as error:
        state[f"{prefix}:error"] = error
        return
    stamp = datetime.now().strftime("%H:%M:%S")
    if saved.version == read:
        state[f"{prefix}:saved"] = "Nothing had changed, so nothing was written."
    else:
        state[f"{prefix}:saved"] = f"Saved version {saved.latest.number} at {stamp}."
    _fill(prefix, saved.latest.content, saved.version, saved.trip)


def _discard(svc, plan_id: int, prefix: str) -> None:
    st.session_state.pop(f"{prefix}:error", None)
    fresh = svc.plan(plan_id)
    _fill(prefix, fresh.latest.content, fresh.version, fresh.trip)


def _amount(value: float | None, unit: str, when, word: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}{unit} {word} {ui.day(when)}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _lead(lead: Lead) -> str:
    if not lead.name:
        return "—"
    return f"{lead.name} ({lead.role})" if lead.role else lead.name
