"""Template B as the paper lays it out: the goals and actions tables, the leads and the
scope, read-only (the form that writes a plan is in plan_form.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records.plans import (
    Lead,
    Plan,
    PlanContent,
    status_text,
)
from assessments.rules.smart import smart_gaps
from pages.kit import challenge_text, ui


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
            "**Current stage:** "
            + ui.as_text(ui.stage_words(svc, plan.framework, *_stage(content)))
        )
        st.markdown(f"**Where things stand:** {ui.as_text(content.description) or '—'}")
    _show_goals_and_actions(content, statuses)
    _indicator_notes(svc, content)
    if not plan.trip:
        st.markdown(f"**Evidence sources:** {ui.as_text(content.evidence_sources) or '—'}")
        for title, lead in (
            ("Commissioner lead", content.commissioner_lead),
            ("Provider lead", content.provider_lead),
        ):
            st.markdown(f"**{title}:** {ui.as_text(_lead(lead))}")
    st.markdown(f"**Next review:** {ui.day(content.next_review_on)}")
    if content.contract.scheme:
        st.markdown(f"**Tied to a contract:** {ui.as_text(str(content.contract))}")


def _stage(content: PlanContent) -> tuple[int | None, bool]:
    return content.current_stage, content.current_stage_by_hand


def _show_trip_fields(svc, plan: Plan, content: PlanContent) -> None:
    timescales = {t.id: t.name for t in svc.definitions.trip.timescales}
    assets = {a.id: a for a in svc.trip.assets(plan.team_id, include_archived=True)}
    st.markdown(f"**Title:** {ui.as_text(content.title) or '—'}")
    timescale = ui.as_text(timescales.get(content.timescale, "—"))
    st.markdown(f"**Quick win or longer term:** {timescale}")
    st.markdown(f"**What we will do differently:** {ui.as_text(content.description) or '—'}")
    st.markdown(
        f"**Staff co-lead:** {ui.as_text(_lead(content.staff_lead))} · "
        f"**Co-lead who uses the service:** {ui.as_text(content.person_lead_initials) or '—'}"
    )
    used = [assets[i] for i in content.assets if i in assets]
    st.markdown(
        "**Assets we will use:** "
        + (
            "; ".join(f"{ui.as_text(a.what)} ({ui.as_text(a.held_by)})" for a in used)
            if used
            else "—"
        )
    )


def _show_goals_and_actions(content: PlanContent, statuses: dict[str, str]) -> None:
    st.markdown("**Local goals**")
    if content.goals:
        ui.table(goals_table(content), hide_index=True)
    else:
        st.caption("No goals yet.")
    st.markdown("**Specific actions before the next review**")
    if content.actions:
        ui.table(actions_table(content, statuses), hide_index=True)
    else:
        st.caption("No actions yet.")


def _indicator_notes(svc, content: PlanContent) -> None:
    """Today's equivalent of a dated reference in the library's words for a goal's measure."""
    used = dict.fromkeys(g.measure.indicator for g in content.goals if g.measure)
    notes = [n for i in used if i for n in svc.definitions.today_for_indicator(i)]
    challenge_text.today_notes(list(dict.fromkeys(notes)))


def _amount(value: float | None, unit: str, when, word: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}{unit} {word} {ui.day(when)}"


def _lead(lead: Lead) -> str:
    if not lead.name:
        return "—"
    return f"{lead.name} ({lead.role})" if lead.role else lead.name
