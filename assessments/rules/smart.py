"""The SMART check of Template B goals, and what a plan needs before its leads can sign it.

SMART (the 2010 methodology, Template B): Specific, Measurable, Agreed-upon, Realistic,
Time-based. Each gap is said in plain English and names its element, so the room knows what to
add. A draft may have gaps; sign-off may not (`sign_off_gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.records.plans import Goal, PlanContent

ELEMENTS = ("Specific", "Measurable", "Agreed-upon", "Realistic", "Time-based")
MIN_STATEMENT_WORDS = 4  # "More peer workers" says what, not how much or for whom


@dataclass(frozen=True)
class Gap:
    element: str  # one of ELEMENTS
    message: str  # "no target date"

    def __str__(self) -> str:
        return f"{self.message} ({self.element})"


def smart_gaps(goal: Goal) -> list[Gap]:
    """What keeps one goal from being SMART, in the order of the five letters."""
    gaps = []
    if not goal.statement.strip():
        gaps.append(Gap("Specific", "no statement of the goal"))
    elif len(goal.statement.split()) < MIN_STATEMENT_WORDS:
        gaps.append(Gap("Specific", "the statement is too short to say what will change"))
    if goal.measure is None:
        gaps.append(Gap("Measurable", "no measure"))
    if goal.baseline is None or goal.baseline_on is None:
        gaps.append(Gap("Measurable", "no baseline with its date"))
    if goal.target is None:
        gaps.append(Gap("Measurable", "no target"))
    if not goal.owner.strip():
        gaps.append(Gap("Agreed-upon", "no owner"))
    if goal.measure is not None and goal.baseline is not None and goal.target is not None:
        higher = goal.measure.direction == "higher"
        if (goal.target <= goal.baseline) if higher else (goal.target >= goal.baseline):
            way = "above" if higher else "below"
            gaps.append(Gap("Realistic", f"the target is not {way} the baseline"))
    if goal.target_on is None:
        gaps.append(Gap("Time-based", "no target date"))
    return gaps


def sign_off_gaps(content: PlanContent) -> list[str]:
    """Everything that must be filled in before a plan is signed; empty when it can be."""
    gaps = [] if content.goals else ["The plan has no goals."]
    gaps += _goal_and_action_gaps(content)
    for lead, title in (
        (content.commissioner_lead, "commissioner lead"),
        (content.provider_lead, "provider lead"),
    ):
        if not lead.name.strip():
            gaps.append(f"No {title} is named.")
    # Template B (2010) has the leads agree the evidence sources with the targets and dates.
    if not content.evidence_sources.strip():
        gaps.append("No evidence sources: say where the goals' figures will come from.")
    if content.next_review_on is None:
        gaps.append("No next review date.")
    return gaps


def agreement_gaps(content: PlanContent) -> list[str]:
    """What a TRIP priority needs before its two co-leads can agree it. Goals are optional
    (many priorities are a change of practice, not a number), but a goal given must be SMART,
    so the reviews can measure it."""
    gaps = [] if content.title.strip() else ["The priority has no title."]
    if content.timescale is None:
        gaps.append("It is not marked as a quick win or longer term.")
    if not content.staff_lead.name.strip():
        gaps.append("No staff co-lead is named.")
    if not content.person_lead_initials.strip():
        gaps.append("No co-lead who uses the service (their initials).")
    gaps += _goal_and_action_gaps(content)
    if content.next_review_on is None:
        gaps.append("No next review date.")
    return gaps


def _goal_and_action_gaps(content: PlanContent) -> list[str]:
    gaps = []
    for number, goal in enumerate(content.goals, start=1):
        gaps += [f"Goal {number}: {gap}." for gap in smart_gaps(goal)]
    if not content.actions:
        gaps.append("The plan has no actions.")
    for number, action in enumerate(content.actions, start=1):
        missing = [
            what
            for what, value in (("what", action.what.strip()), ("who", action.who.strip()))
            if not value
        ]
        if action.by_when is None:
            missing.append("by when")
        if missing:
            gaps.append(f"Action {number}: no {' and no '.join(missing)}.")
    return gaps
