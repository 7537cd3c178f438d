"""Template B's one form that writes a plan (a plan shown as the paper lays it out is in
plan_view.py).

The form holds the stored goals and actions plus one empty goal and one empty action to fill
in, so adding is typing, and saving is one submit (one version check) for the whole plan."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from assessments.records.plans import (
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
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.plan_content import number_from_text
from assessments.rules.smart import smart_gaps
from pages.kit import page_script, terms, ui
from pages.kit.stored_form import StoredForm, runs
from pages.template_b.plan_contract import contract_fields, contract_values, typed_contract
from pages.template_b.plan_stage import stage_field, stage_value, typed_stage

OWN_MEASURE = "own"
DATE_FORMAT = "DD/MM/YYYY"


def plan_form(svc, actor, plan: Plan, reason_needed: bool) -> None:
    """The form that writes the plan: the draft in place, or, after sign-off, a new version.
    Its widgets are a cache of the store (`kit.stored_form`): switching to another part of the
    plan and back shows the stored plan, with anything typed and not saved kept on top."""
    content = plan.latest.content
    form = plan_fields(plan.id, content, plan.trip)
    indicators = _indicator_choices(svc, plan)
    goal_slots = [g.key for g in content.goals] + ["new"]
    action_slots = [a.key for a in content.actions] + ["new"]
    bind = form.bind
    with form.showing(plan.id, plan.version, _values(content, plan.trip), layout=reason_needed):
        if plan.trip:
            _trip_fields(svc, plan, form)
            st.header("Goals (optional)", help=terms.explain("smart-goal"))
            st.caption(
                "A priority that changes practice may need no number. A goal you add must be "
                "SMART (Specific, Measurable, Agreed-upon, Realistic, Time-based) before the "
                "co-leads agree, so the reviews can measure it."
            )
        else:
            stage_field(svc, plan, form)
            st.text_area("Where things stand now", help=ui.NO_NAMES, **bind("description"))
            st.header("Local goals (SMART)", help=terms.explain("smart-goal"))
            st.caption(
                "Specific, Measurable, Agreed-upon, Realistic, Time-based. A draft may be "
                "incomplete; the leads can sign only when every goal is SMART."
            )
        for number, slot in enumerate(goal_slots, start=1):
            _goal_fields(form, slot, number, indicators, content.goal(slot))
        st.header("Specific actions before the next review")
        for number, slot in enumerate(action_slots, start=1):
            _action_fields(form, slot, number)
        if not plan.trip:
            st.text_area("Evidence sources", help=ui.NO_NAMES, **bind("evidence"))
            left, right = st.columns(2)
            left.text_input("Commissioner lead: name", max_chars=200, **bind("c_name"))
            left.text_input("Commissioner lead: role", max_chars=200, **bind("c_role"))
            right.text_input("Provider lead: name", max_chars=200, **bind("p_name"))
            right.text_input("Provider lead: role", max_chars=200, **bind("p_role"))
        st.date_input("Next review", format=DATE_FORMAT, **bind("next_review"))
        contract_fields(bind)
        if reason_needed:
            st.text_input(
                "Why it changes (required: the signed version is kept as it was)",
                **bind("reason"),
            )
        label = f"Save as version {plan.latest.number + 1}" if reason_needed else "Save draft"
        st.button(
            label,
            key=f"plan-save-{plan.id}",
            type="primary",
            icon=":material/save:",
            on_click=_submit,
            args=(svc, actor, plan, goal_slots, action_slots, False),
        )
    prefix = f"plan:{plan.id}"
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
                args=(svc, plan.id),
            )
    saved = st.session_state.get(f"{prefix}:saved")
    if saved:
        st.success(saved, icon=":material/check_circle:")
    elif form.unsaved() and error is None:
        st.info(
            "Not saved yet: changes typed here earlier. Save to keep them.",
            icon=":material/edit_note:",
        )
    page_script.draw(runs(), f"plan-save-{plan.id}", moved=False, refused=error is not None)


def plan_fields(plan_id: int, content: PlanContent, trip: bool) -> StoredForm:
    """The plan's form: a field for each part of Template B, each stored goal and action, and
    one empty goal and action to fill in."""
    return StoredForm(f"plan:{plan_id}", tuple(_values(content, trip)))


def _trip_fields(svc, plan: Plan, form: StoredForm) -> None:
    """A TRIP priority's own fields: what it is, its timescale, its two co-leads, and the
    team's assets it will use."""
    bind = form.bind
    timescales = {t.id: t.name for t in svc.definitions.trip.timescales}
    assets = {a.id: a for a in svc.trip.assets(plan.team_id)}
    # An asset archived since it was linked stays linked until someone unticks it.
    assets |= {
        a.id: a
        for a in svc.trip.assets(plan.team_id, include_archived=True)
        if a.id in form.typed()["assets"]
    }
    st.text_input("Title: the change in a few words", help=ui.NO_NAMES, **bind("title"))
    st.radio(
        "Quick win or longer term",
        list(timescales),
        format_func=lambda t: ui.as_text(timescales[t]),  # a radio's options read markdown
        horizontal=True,
        **bind("timescale"),
    )
    st.text_area("What we will do differently", help=ui.NO_NAMES, **bind("description"))
    st.markdown("**Co-leads** (both are needed before the priority is agreed)")
    left, middle, right = st.columns(3)
    left.text_input("Staff co-lead: name", max_chars=200, **bind("s_name"))
    middle.text_input("Staff co-lead: role", max_chars=200, **bind("s_role"))
    right.text_input(
        "Co-lead who uses the service: initials only",
        max_chars=8,
        help="Such as J.K. The records never hold the name of a person who uses the service.",
        **bind("initials"),
    )
    st.multiselect(
        "Assets we will use",
        list(assets),
        format_func=lambda i: f"{i}. {assets[i].what[:70]} ({assets[i].held_by})",
        placeholder="Choose from the team's assets register",
        **bind("assets"),
    )


def _goal_fields(form: StoredForm, slot, number, indicators, stored: Goal | None) -> None:
    field = f"goal:{slot}:{{}}".format
    bind = form.bind
    with st.container(border=True):
        title = f"Goal {number}" if slot != "new" else "Add a goal"
        st.markdown(f"**{title}**")
        if stored is not None:
            gaps = smart_gaps(stored)
            st.caption(
                "✔ SMART" if not gaps else "Not SMART yet: " + "; ".join(map(str, gaps)) + "."
            )
        st.text_input("Goal", help=ui.NO_NAMES, **bind(field("statement")))
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
            **bind(field("measure")),
        )
        cols = st.columns(3)
        cols[0].text_input("Own measure: name", **bind(field("own_name")))
        cols[1].text_input("Own measure: unit", **bind(field("own_unit")))
        cols[2].selectbox(
            "Own measure: direction",
            list(DIRECTIONS),
            format_func=DIRECTIONS.get,
            **bind(field("dir")),
        )
        # Four to a row at most: five left a date field too narrow for its whole date at
        # 1024 px, as soon as a scrollbar, a zoom or a wider font took a few pixels.
        cols = st.columns(4)
        cols[0].text_input("Baseline", help=terms.explain("baseline"), **bind(field("baseline")))
        cols[1].date_input("Baseline date", format=DATE_FORMAT, **bind(field("baseline_on")))
        cols[2].text_input("Target", **bind(field("target")))
        cols[3].date_input("Target date", format=DATE_FORMAT, **bind(field("target_on")))
        st.columns(2)[0].text_input(
            "Owner", help="A role, such as 'Team manager'.", **bind(field("owner"))
        )
        if stored is not None:
            st.checkbox("Remove this goal", **bind(field("remove")))


def _action_fields(form: StoredForm, slot, number) -> None:
    field = f"action:{slot}:{{}}".format
    bind = form.bind
    with st.container(border=True):
        st.markdown(f"**Action {number}**" if slot != "new" else "**Add an action**")
        st.text_input("What", help=ui.NO_NAMES, **bind(field("what")))
        cols = st.columns(3)  # the date has room for the whole of it at 1024 px
        cols[0].text_input("Who", help="A role or initials.", **bind(field("who")))
        cols[1].date_input("By when", format=DATE_FORMAT, **bind(field("by_when")))
        cols[2].selectbox(
            "Status", list(ACTION_STATUSES), format_func=status_text, **bind(field("status"))
        )
        if slot != "new":
            st.checkbox("Remove this action", **bind(field("remove")))


def _indicator_choices(svc, plan: Plan) -> dict[str, str]:
    """The library's indicators a goal can aim at, those evidencing this challenge first."""
    own = [i for i in svc.definitions.goal_indicators if plan.challenge_id in i.challenges]
    rest = [i for i in svc.definitions.goal_indicators if plan.challenge_id not in i.challenges]
    return {i.id: f"{i.name} ({i.unit})" for i in own + rest}


def _values(content: PlanContent, trip: bool) -> dict[str, Any]:
    """A stored plan as the form's fields."""
    values: dict[str, Any] = {
        "description": content.description,
        "evidence": content.evidence_sources,
        "c_name": content.commissioner_lead.name,
        "c_role": content.commissioner_lead.role,
        "p_name": content.provider_lead.name,
        "p_role": content.provider_lead.role,
        "next_review": content.next_review_on,
        "stage": stage_value(content.current_stage),
        "reason": "",
    } | contract_values(content.contract)
    if trip:
        values |= {
            "title": content.title,
            "timescale": content.timescale,
            "s_name": content.staff_lead.name,
            "s_role": content.staff_lead.role,
            "initials": content.person_lead_initials,
            "assets": list(content.assets),
        }
    for goal in (*content.goals, Goal(key="new")):
        field = f"goal:{goal.key}:{{}}".format
        measure = goal.measure
        own = measure is not None and measure.indicator is None
        values |= {
            field("statement"): goal.statement,
            field("measure"): None if measure is None else measure.indicator or OWN_MEASURE,
            field("own_name"): measure.name if own else "",
            field("own_unit"): measure.unit if own else "",
            field("dir"): measure.direction if own else "higher",
            field("baseline"): _number(goal.baseline),
            field("baseline_on"): goal.baseline_on,
            field("target"): _number(goal.target),
            field("target_on"): goal.target_on,
            field("owner"): goal.owner,
        }
        if goal.key != "new":
            values[field("remove")] = False
    for action in (*content.actions, Action(key="new")):
        field = f"action:{action.key}:{{}}".format
        values |= {
            field("what"): action.what,
            field("who"): action.who,
            field("by_when"): action.by_when,
            field("status"): action.status,
        }
        if action.key != "new":
            values[field("remove")] = False
    return values


def _typed(typed: dict[str, Any], plan: Plan, goal_slots, action_slots) -> PlanContent:
    """What the form holds, as plan content; a number that is not one, or a measure of our own
    typed but not chosen, raises ServiceError."""
    goals = []
    for number, slot in enumerate(goal_slots, start=1):
        field = f"goal:{slot}:{{}}".format
        if typed.get(field("remove")):
            continue
        chosen = typed[field("measure")]
        own_name, own_unit = typed[field("own_name")].strip(), typed[field("own_unit")].strip()
        if chosen != OWN_MEASURE and (own_name or own_unit):
            raise ServiceError(
                f"Goal {number}: a measure of your own was typed ('{own_name or own_unit}') "
                "but not chosen. Choose 'A measure of our own' as the measure, or clear its "
                "name and unit.",
                f"goals.{number}.measure",
            )
        measure = None
        if chosen == OWN_MEASURE:
            measure = Measure(name=own_name, unit=own_unit, direction=typed[field("dir")])
        elif chosen is not None:
            measure = Measure(indicator=chosen, name="", unit="", direction="higher")
        goals.append(
            Goal(
                key="" if slot == "new" else slot,
                statement=typed[field("statement")],
                measure=measure,
                baseline=number_from_text(
                    typed[field("baseline")], f"Goal {number}: the baseline", f"goals.{number}"
                ),
                baseline_on=typed[field("baseline_on")],
                target=number_from_text(
                    typed[field("target")], f"Goal {number}: the target", f"goals.{number}"
                ),
                target_on=typed[field("target_on")],
                owner=typed[field("owner")],
            )
        )
    actions = []
    for slot in action_slots:
        field = f"action:{slot}:{{}}".format
        if typed.get(field("remove")):
            continue
        actions.append(
            Action(
                key="" if slot == "new" else slot,
                what=typed[field("what")],
                who=typed[field("who")],
                by_when=typed[field("by_when")],
                status=typed[field("status")],
            )
        )
    common = {
        "description": typed["description"],
        "goals": tuple(goals),
        "actions": tuple(actions),
        "next_review_on": typed["next_review"],
        "contract": typed_contract(typed),
    }
    if plan.trip:
        own = {
            "title": typed["title"],
            "timescale": typed["timescale"],
            "staff_lead": Lead(name=typed["s_name"], role=typed["s_role"]),
            "person_lead_initials": typed["initials"],
            "assets": tuple(typed["assets"]),
        }
    else:
        own = {
            "evidence_sources": typed["evidence"],
            "current_stage": typed_stage(typed["stage"]),
            "commissioner_lead": Lead(name=typed["c_name"], role=typed["c_role"]),
            "provider_lead": Lead(name=typed["p_name"], role=typed["p_role"]),
        }
    return plan.latest.content.model_copy(update=common | own)


def _submit(svc, actor, plan: Plan, goal_slots, action_slots, overwrite: bool) -> None:
    prefix = f"plan:{plan.id}"
    state = st.session_state
    state.pop(f"{prefix}:error", None)
    state.pop(f"{prefix}:saved", None)
    form = plan_fields(plan.id, plan.latest.content, plan.trip)
    read = svc.plans.plan(plan.id).version if overwrite else form.read.version
    typed = form.typed()
    try:
        content = _typed(typed, plan, goal_slots, action_slots)
        saved = svc.versions.save_plan(actor, plan.id, read, content, typed.get("reason", ""))
    except ui.REFUSED as error:
        state[f"{prefix}:error"] = error
        return
    stamp = datetime.now().strftime("%H:%M:%S")
    if saved.version == read:
        state[f"{prefix}:saved"] = "Nothing had changed, so nothing was written."
    else:
        state[f"{prefix}:saved"] = f"Saved version {saved.latest.number} at {stamp}."
    after = plan_fields(plan.id, saved.latest.content, saved.trip)
    after.saved(saved.version, _values(saved.latest.content, saved.trip))


def _discard(svc, plan_id: int) -> None:
    st.session_state.pop(f"plan:{plan_id}:error", None)
    fresh = svc.plans.plan(plan_id)
    form = plan_fields(plan_id, fresh.latest.content, fresh.trip)
    form.saved(fresh.version, _values(fresh.latest.content, fresh.trip))


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
