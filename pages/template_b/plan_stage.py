"""Template B's current stage in the plan's form.

The stage the Template A round agreed is shown as the room agreed it (a review re-rates it,
with its evidence). When the room agreed none, the leads may tick one themselves, as the 2010
Template B asks for a current standard; the service marks it as set by hand, and every place
that shows the stage says so."""

from __future__ import annotations

import streamlit as st

from assessments.records.plans import Plan
from pages.kit import ui
from pages.kit.stored_form import StoredForm

NOT_SET = 0  # the radio's choice for "no stage": a radio cannot tell None from no choice


def from_round(plan: Plan) -> bool:
    """Whether the plan's stage is the one its round agreed (and so not the leads' to set)."""
    content = plan.latest.content
    return content.current_stage is not None and not content.current_stage_by_hand


def stage_field(svc, plan: Plan, form: StoredForm) -> None:
    content = plan.latest.content
    if from_round(plan):
        words = ui.stage_words(svc, plan.framework, content.current_stage)
        st.markdown(f"**Current stage (from Template A):** {ui.as_text(words)}")
        return
    names = {s.number: s.name for s in svc.definitions.framework(plan.framework).stages}
    st.radio(
        "Current stage: the round did not agree one, so the leads may tick it themselves",
        [NOT_SET, 1, 2, 3],
        format_func=lambda n: "Not set" if n == NOT_SET else ui.as_text(f"Stage {n} {names[n]}"),
        horizontal=True,
        help="Shown everywhere as set by hand, so no one reads it as the room's agreed stage.",
        **form.bind("stage"),
    )


def stage_value(stage: int | None) -> int:
    return NOT_SET if stage is None else stage


def typed_stage(value: int) -> int | None:
    return None if value == NOT_SET else value
