"""What a plan's content must be before it is stored (each refusal names the field), and how
two contents differ, in words."""

from __future__ import annotations

import math
from datetime import date

from assessments.records import Difference
from assessments.records.plans import (
    ACTION_STATUSES,
    CONTRACT_SCHEMES,
    STAGE_BY_HAND,
    Action,
    ContractLink,
    Goal,
    Lead,
    Measure,
    PlanContent,
    status_text,
)
from assessments.rules.errors import ServiceError
from assessments.rules.text import NAME_LENGTH, TEXT_LENGTH, clean_text
from framework.loader import Definitions

MOST_FIGURE = 1e12  # beyond any count, rate or sum a plan measures


def number_from_text(value: str | float | int | None, what: str, field: str) -> float | None:
    """A number typed by a person: "12", "12.5", "1,200" or "40%"; empty is None. Python would
    also read "nan", "inf" and "1e999" as numbers: none is a figure, and each is refused."""
    if value is None:
        return None
    shown = str(value).strip()
    cleaned = shown.removesuffix("%").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise ServiceError(
            f"{what}: '{shown}' is not a number. Write digits only, such as 12 or 12.5.", field
        ) from None
    if not math.isfinite(number) or abs(number) > MOST_FIGURE:
        raise ServiceError(
            f"{what}: '{shown}' is not a figure that can be measured. Write digits, such as 12 "
            f"or 12.5, between -{MOST_FIGURE:,.0f} and {MOST_FIGURE:,.0f}.",
            field,
        )
    return number


def day_text(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "(none)"


def optional_text(value, field: str, what: str, limit: int = TEXT_LENGTH) -> str:
    return clean_text(value, field, what, required=False, limit=limit)


def _clean_contract(link: ContractLink) -> ContractLink:
    """A contract link as stored: a known scheme with its words, or none at all."""
    if not link.scheme:
        return ContractLink()
    if link.scheme not in CONTRACT_SCHEMES:
        names = ", ".join(CONTRACT_SCHEMES.values())
        raise ServiceError(
            f"'{link.scheme}' is not a kind of contract; choose {names}.", "contract"
        )
    words = {
        "reference": ("The contract's reference", NAME_LENGTH),
        "period": ("The contract's period", NAME_LENGTH),
        "milestone": ("The contract's milestone", TEXT_LENGTH),
    }
    cleaned = {
        field: optional_text(getattr(link, field), f"contract.{field}", what, limit)
        for field, (what, limit) in words.items()
    }
    if not cleaned["milestone"]:
        raise ServiceError(
            "Say what the contract counts: the milestone to be shown, and by when.",
            "contract.milestone",
        )
    return ContractLink(scheme=link.scheme, **cleaned)


def content_differences(new: PlanContent, old: PlanContent) -> list[Difference]:
    """Each field that differs between two contents, in words (`yours` is `new`)."""
    found = []
    for label, mine, theirs in (
        ("Title", new.title, old.title),
        ("Quick win or longer term", new.timescale, old.timescale),
        ("Staff co-lead", _lead(new.staff_lead), _lead(old.staff_lead)),
        ("Co-lead who uses the service", new.person_lead_initials, old.person_lead_initials),
        ("Assets used", _ids(new.assets), _ids(old.assets)),
        ("Current stage", _stage(new), _stage(old)),
        ("Description", new.description, old.description),
        ("Evidence sources", new.evidence_sources, old.evidence_sources),
        ("Commissioner lead", _lead(new.commissioner_lead), _lead(old.commissioner_lead)),
        ("Provider lead", _lead(new.provider_lead), _lead(old.provider_lead)),
        ("Next review", day_text(new.next_review_on), day_text(old.next_review_on)),
        ("Contract", str(new.contract), str(old.contract)),
    ):
        if mine != theirs:
            found.append(Difference(label, _shown(mine), _shown(theirs)))
    found += _item_differences("Goal", new.goals, old.goals, _goal_text)
    found += _item_differences("Action", new.actions, old.actions, _action_text)
    return found


def _item_differences(kind, new_items, old_items, describe) -> list[Difference]:
    old = {item.key: item for item in old_items}
    new = {item.key: item for item in new_items}
    found = []
    for number, item in enumerate(new_items, start=1):
        before = old.get(item.key)
        if before != item:
            shown = describe(before) if before else "(not there)"
            found.append(Difference(f"{kind} {number}", describe(item), shown))
    for key, item in old.items():
        if key not in new:
            found.append(Difference(f"{kind} (removed)", "(removed)", describe(item)))
    return found


def _goal_text(goal: Goal) -> str:
    measure = f"{goal.measure.name} ({goal.measure.unit})" if goal.measure else "no measure"
    return (
        f"{goal.statement or '(no statement)'}; {measure}; "
        f"baseline {_number(goal.baseline)} on {day_text(goal.baseline_on)}; "
        f"target {_number(goal.target)} by {day_text(goal.target_on)}; "
        f"owner {goal.owner or '(none)'}"
    )


def _action_text(action: Action) -> str:
    return (
        f"{action.what or '(nothing said)'}; who: {action.who or '(nobody)'}; "
        f"by {day_text(action.by_when)}; {status_text(action.status)}"
    )


def _stage(content: PlanContent) -> str | None:
    if content.current_stage is None:
        return None
    marker = f" {STAGE_BY_HAND}" if content.current_stage_by_hand else ""
    return f"Stage {content.current_stage}{marker}"


def settled_stage(content: PlanContent, agreed: int | None) -> PlanContent:
    """The current stage as it will be stored, marked when the leads set it by hand: when the
    Template A round agreed no stage (`agreed` is None) the leads may tick one, as the 2010
    Template B asks for a current standard. The marker is worked out here from the round,
    never taken from the caller. A stage the room agreed is the round's, not marked; a later
    move is a review's re-rating, with its evidence."""
    if content.current_stage not in (None, 1, 2, 3):
        raise ServiceError("The current stage must be 1, 2 or 3.", "current_stage")
    by_hand = agreed is None and content.current_stage is not None
    return content.model_copy(update={"current_stage_by_hand": by_hand})


def _ids(values: tuple[int, ...]) -> str:
    return ", ".join(f"asset {i}" for i in values)


def _number(value: float | None) -> str:
    return "(none)" if value is None else f"{value:g}"


def _lead(lead: Lead) -> str:
    return f"{lead.name} ({lead.role})" if lead.role else lead.name


def _shown(value) -> str:
    return "(empty)" if value in (None, "") else str(value)


def goal_title(number: int, goal: Goal) -> str:
    measure = f" ({goal.measure.name})" if goal.measure else ""
    return f"Goal {number}{measure}"


def _blank(goal: Goal) -> bool:
    return goal.model_copy(update={"key": ""}) == Goal(key="")


def _with_keys(items: list, prefix: str, used: set[str]) -> list:
    """Give new items (empty key) the next keys never used in this plan, so a removed goal's
    key is never reused for a different goal."""
    taken = {item.key for item in items} | used
    highest = max(
        (int(k[1:]) for k in taken if k.startswith(prefix) and k[1:].isdigit()), default=0
    )
    keyed = []
    for item in items:
        if not item.key:
            highest += 1
            item = item.model_copy(update={"key": f"{prefix}{highest}"})
        keyed.append(item)
    return keyed


def _measure(measure: Measure, where: str, indicators: dict) -> Measure:
    if measure.indicator is not None:
        indicator = indicators.get(measure.indicator)
        if indicator is None:
            raise ServiceError(f"{where}: '{measure.indicator}' is not in the indicator library.")
        if not indicator.goal_measure:
            raise ServiceError(
                f"{where}: '{indicator.name}' is watched for change, with neither way better in "
                "itself, so it cannot measure a goal. Choose another indicator, or a measure of "
                "your own with the direction the goal aims for.",
                "measure",
            )
        return Measure(
            indicator=indicator.id,
            name=indicator.name,
            unit=indicator.unit,
            direction=indicator.direction.value,
        )
    name = optional_text(measure.name, "measure.name", f"{where}: the measure's name", NAME_LENGTH)
    unit = optional_text(measure.unit, "measure.unit", f"{where}: the measure's unit", NAME_LENGTH)
    if not name or not unit:
        raise ServiceError(
            f"{where}: a measure of your own needs a name and a unit (such as 'people' or "
            "'% of staff').",
            "measure",
        )
    return measure.model_copy(update={"name": name, "unit": unit})


def clean_content(definitions: Definitions, content: PlanContent, used: set[str]) -> PlanContent:
    """The content as it will be stored, or a ServiceError naming the first bad field.
    New goals and actions (empty key) get the next free key; blank new ones are dropped."""
    indicators = {i.id: i for i in definitions.indicators}
    goals = []
    for number, goal in enumerate(content.goals, start=1):
        where = f"Goal {number}"
        goal = goal.model_copy(
            update={
                "statement": optional_text(goal.statement, f"goals.{number}.statement", where),
                "owner": optional_text(goal.owner, f"goals.{number}.owner", f"{where}'s owner"),
            }
        )
        if not goal.key and _blank(goal):
            continue
        if goal.measure is not None:
            goal = goal.model_copy(update={"measure": _measure(goal.measure, where, indicators)})
        if goal.baseline_on and goal.target_on and goal.target_on < goal.baseline_on:
            raise ServiceError(
                f"{where}: the target date ({day_text(goal.target_on)}) is before the baseline "
                f"date ({day_text(goal.baseline_on)}). A target comes after its baseline.",
                f"goals.{number}.target_on",
            )
        goals.append(goal)
    actions = []
    for number, action in enumerate(content.actions, start=1):
        where = f"Action {number}"
        if action.status not in ACTION_STATUSES:
            raise ServiceError(f"{where}: '{action.status}' is not a status.", "status")
        action = action.model_copy(
            update={
                "what": optional_text(action.what, f"actions.{number}.what", where),
                "who": optional_text(
                    action.who, f"actions.{number}.who", f"{where}'s who", NAME_LENGTH
                ),
            }
        )
        if not action.key and not (action.what or action.who or action.by_when):
            continue
        actions.append(action)
    goals = _with_keys(goals, "g", used)
    actions = _with_keys(actions, "a", used)
    leads = {}
    for field, title in (("commissioner_lead", "commissioner"), ("provider_lead", "provider")):
        lead = getattr(content, field)
        leads[field] = Lead(
            name=optional_text(lead.name, f"{field}.name", f"The {title} lead's name", NAME_LENGTH),
            role=optional_text(lead.role, f"{field}.role", f"The {title} lead's role", NAME_LENGTH),
        )
    if content.current_stage not in (None, 1, 2, 3):
        raise ServiceError("The current stage must be 1, 2 or 3.", "current_stage")
    return content.model_copy(
        update={
            "contract": _clean_contract(content.contract),
            "description": optional_text(content.description, "description", "The description"),
            "evidence_sources": optional_text(
                content.evidence_sources, "evidence_sources", "The evidence sources"
            ),
            "goals": tuple(goals),
            "actions": tuple(actions),
            **leads,
        }
    )
