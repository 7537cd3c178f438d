"""Template B and its reviews as the rest of the app sees them: frozen values, no database.

A plan version's content is one document (`PlanContent`): the goals and actions inside it keep
stable keys ("g1", "a2") across versions, so a review, a measurement or a comparison of two
versions can name them. The store keeps each version's content as JSON; a signed version is
never written again (see `plans.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Status of an action: always shown as its symbol and its words, never by colour alone. The
# symbols are in the DejaVu fonts Debian's Chromium and LibreOffice fall back on.
class ActionStatus(StrEnum):
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OVERDUE = "overdue"
    DONE = "done"
    DROPPED = "dropped"


ACTION_STATUSES = {
    ActionStatus.NOT_STARTED: ("○", "Not started"),
    ActionStatus.ON_TRACK: ("➜", "On track"),
    ActionStatus.AT_RISK: ("⚠", "At risk"),
    ActionStatus.OVERDUE: ("‼", "Overdue"),
    ActionStatus.DONE: ("✔", "Done"),
    ActionStatus.DROPPED: ("✕", "Dropped"),
}
FINISHED_ACTIONS = {ActionStatus.DONE, ActionStatus.DROPPED}


# What a review decides about each goal. "Reset" and new goals change the plan itself, which
# makes a new version (with the review as its reason).
class GoalOutcome(StrEnum):
    CARRY_ON = "carry-on"
    MET = "met"
    RESET = "reset"
    DROPPED = "dropped"


GOAL_OUTCOMES = {
    GoalOutcome.CARRY_ON: "Carry on",
    GoalOutcome.MET: "Met",
    GoalOutcome.RESET: "Reset (change the plan)",
    GoalOutcome.DROPPED: "Dropped",
}


class PlanStatus(StrEnum):
    """Where a priority stands. Stored as its value; equal to it as text."""

    OPEN = "open"
    COMPLETED = "completed"
    CLOSED = "closed"  # without completing


PLAN_STATUSES = {
    PlanStatus.OPEN: "Open",
    PlanStatus.COMPLETED: "Completed",
    PlanStatus.CLOSED: "Closed without completing",
}

# Said after a stage wherever a plan's stage is shown, when the leads set it themselves.
STAGE_BY_HAND = "(set by hand; the round did not agree one)"

DIRECTIONS = {"higher": "Higher is better", "lower": "Lower is better"}


def status_text(status: str) -> str:
    symbol, words = ACTION_STATUSES[status]
    return f"{symbol} {words}"


class Measure(Frozen):
    """What a goal counts: an indicator of the library (by id) or a measure of the team's own."""

    indicator: str | None = None
    name: str
    unit: str
    direction: Literal["higher", "lower"]


class Goal(Frozen):
    key: str
    statement: str = ""
    measure: Measure | None = None
    baseline: float | None = None
    baseline_on: date | None = None
    target: float | None = None
    target_on: date | None = None
    owner: str = ""


class Action(Frozen):
    key: str
    what: str = ""
    who: str = ""
    by_when: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED  # as agreed when the plan was written


class Lead(Frozen):
    name: str = ""
    role: str = ""


# What a priority can be tied to in a contract: ImROC Briefing Paper 17 (Preparing Organisations
# for Peer Support, section 8.3) reports TRIP's introduction set as a CQUIN target and used in
# outcomes-based commissioning; the 2010 methodology names CQUIN for recovery-oriented
# improvement.
CONTRACT_SCHEMES = {
    "cquin": "CQUIN (Commissioning for Quality and Innovation)",
    "schedule": "A schedule of the contract (such as a local quality requirement)",
    "outcomes": "An outcomes-based contract",
}


class ContractLink(Frozen):
    """A contract the priority counts towards; `scheme` empty when it is tied to none."""

    scheme: str = ""  # a CONTRACT_SCHEMES id
    reference: str = ""  # the scheme's own name for it, e.g. its indicator number
    period: str = ""  # e.g. "2026/27", or "Q3 2026/27"
    milestone: str = ""  # what must be shown, and by when, for it to count

    def __str__(self) -> str:
        if not self.scheme:
            return ""
        name = CONTRACT_SCHEMES.get(self.scheme, self.scheme).split(" (")[0]
        parts = [f"{name} {self.reference}".strip(), self.period, self.milestone]
        return " · ".join(p for p in parts if p)


class PlanContent(Frozen):
    """Everything a Template B holds, as one version of it. A TRIP priority uses the same
    goals, actions and review date, with its own title, timescale, co-leads and assets in place
    of the stage, evidence sources and commissioner and provider leads."""

    current_stage: int | None = None  # from Template A; None when the room did not agree
    # True when the leads set the stage themselves because the round agreed none (the 2010
    # Template B has them tick a current standard); a stage the room agreed is never replaced
    # here: a review re-rates it, with its evidence.
    current_stage_by_hand: bool = False
    description: str = ""
    goals: tuple[Goal, ...] = ()
    actions: tuple[Action, ...] = ()
    evidence_sources: str = ""
    commissioner_lead: Lead = Lead()
    provider_lead: Lead = Lead()
    next_review_on: date | None = None
    contract: ContractLink = ContractLink()  # either kind of priority
    # TRIP priorities only.
    title: str = ""
    timescale: str | None = None  # a timescale id of the TRIP method: quick win or longer term
    staff_lead: Lead = Lead()
    person_lead_initials: str = ""  # the co-lead who uses the service: never a name
    assets: tuple[int, ...] = ()  # ids of the team's assets the priority will use

    def goal(self, key: str) -> Goal | None:
        return next((g for g in self.goals if g.key == key), None)

    def action(self, key: str) -> Action | None:
        return next((a for a in self.actions if a.key == key), None)


@dataclass(frozen=True)
class PlanVersion:
    plan_id: int
    number: int
    content: PlanContent
    reason: str  # why this version was made; empty for the first
    signed_on: date | None
    signed_by_commissioner: str
    signed_by_provider: str
    created_at: datetime
    created_by: str  # "name (role)" of who wrote it

    @property
    def signed(self) -> bool:
        """Signed by its leads (Template B), or agreed by its co-leads (TRIP)."""
        return self.signed_on is not None


@dataclass(frozen=True)
class Plan:
    """A priority of a scope: a Template B priority of a provider or one of its teams, or a
    team's TRIP priority (the two kinds below)."""

    id: int
    organisation_id: int
    team_id: int | None
    scope: str  # "org:ID", "team:ID", or "trip:ID" for a team's TRIP priority
    round_id: int
    framework: str  # a framework's id@version; a benchmark set's for a TRIP priority
    challenge_id: str  # for a TRIP priority: the benchmark statement it grew from
    opened_on: date  # the date of the round that chose it: nothing is measured before it
    status: PlanStatus
    status_reason: str
    version: int
    latest: PlanVersion  # the newest version: a draft being written, or the signed one

    # What each kind of priority is called, and how it is made binding: a Template B plan is
    # signed off by provider and commissioner; a TRIP priority is agreed by its two co-leads.
    trip: ClassVar[bool]
    signed_word: ClassVar[str]  # "signed" or "agreed"
    sign_verb: ClassVar[str]  # the button: "Sign off" or "Agree"

    @property
    def open(self) -> bool:
        return self.status == PlanStatus.OPEN


@dataclass(frozen=True)
class TemplateBPriority(Plan):
    """One of a scope's priorities from a Template A round: a challenge, its stage, a SMART plan."""

    trip: ClassVar[bool] = False
    signed_word: ClassVar[str] = "signed"
    sign_verb: ClassVar[str] = "Sign off"


@dataclass(frozen=True)
class TripPriority(Plan):
    """One of a team's 3-5 TRIP priorities, grown from a benchmark statement (its
    `challenge_id`; its `framework` is the benchmark set), led by a member of staff and a person
    who uses the service together; it has no stage to re-rate."""

    trip: ClassVar[bool] = True
    signed_word: ClassVar[str] = "agreed"
    sign_verb: ClassVar[str] = "Agree"


@dataclass(frozen=True)
class Measurement:
    id: int
    plan_id: int
    goal_key: str
    measured_on: date
    value: float
    review_id: int | None
    note: str


@dataclass(frozen=True)
class Review:
    """One Plan-Do-Study-Act review of a plan."""

    id: int
    plan_id: int
    plan_version: int  # the version that was in force when it was held
    held_on: date
    stage: int | None  # the challenge re-rated; None when it did not move
    stage_evidence: str
    learned: str
    goal_outcomes: dict[str, str]  # goal key -> a key of GOAL_OUTCOMES
    action_statuses: dict[str, str]  # action key -> a key of ACTION_STATUSES
    next_review_on: date | None
    version: int
