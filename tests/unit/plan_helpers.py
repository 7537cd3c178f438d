"""What the Template B tests share: the day the round was held, and a SMART goal and a plan's
full content, each with changes."""

from __future__ import annotations

from datetime import date

from assessments.records.plans import Action, Goal, Lead, Measure, PlanContent

HELD = date(2026, 3, 2)


def smart_goal(**changes) -> Goal:
    goal = Goal(
        key="",
        statement="Half of all staff trained in recovery by peer trainers",
        measure=Measure(indicator="staff-trained-recovery", name="", unit="", direction="higher"),
        baseline=20,
        baseline_on=date(2026, 3, 1),
        target=50,
        target_on=date(2027, 3, 1),
        owner="Head of learning",
    )
    return goal.model_copy(update=changes)


def full_content(**changes) -> PlanContent:
    content = PlanContent(
        current_stage=1,
        description="Training is run by staff alone; few peer trainers yet.",
        goals=(smart_goal(),),
        actions=(
            Action(
                key="",
                what="Recruit four peer trainers",
                who="Recovery college lead",
                by_when=date(2026, 6, 30),
            ),
        ),
        evidence_sources="Training records",
        commissioner_lead=Lead(name="A. Commissioner", role="ICB mental health lead"),
        provider_lead=Lead(name="B. Provider", role="Director of nursing"),
        next_review_on=date(2026, 6, 1),
    )
    return content.model_copy(update=changes)
