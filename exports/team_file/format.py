"""The shape of a team file: pydantic models that are both what `team_file` writes and what
`read_team_file` accepts. Unknown keys are refused and every type is checked; the rules that need
the loaded definitions or more than one field are in `checks.py`.

The models' field order is the order of the keys in the file. Goals, actions and leads are the
store's own models (`plan_records`), so a plan's content has one shape everywhere. A TRIP
priority names the team's assets by their `key` in this file, never by a database id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assessments.records import TEMPLATE_A, TRIP
from assessments.records.plans import Action, ContractLink, Goal, Lead
from assessments.rules.text import NAME_LENGTH, TEXT_LENGTH
from assessments.service.trip import HELD_BY_LENGTH

FORMAT = "recovery-team-record"
FORMAT_VERSION = 1
TEMPLATE_B = "template-b"  # the kind of a team's Template B plan; a TRIP priority's is TRIP

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LENGTH)
]
ShortText = Annotated[str, StringConstraints(max_length=NAME_LENGTH)]
# How many records of each kind one team's file may hold: far above any team's real history,
# low enough that an import checks and writes in seconds.
MOST_ITEMS = {"rounds": 200, "assets": 1_000, "plans": 200}
MOST_IN_PLAN = {"goals": 20, "actions": 100, "versions": 200, "reviews": 500, "measurements": 5_000}
LongText = Annotated[str, StringConstraints(max_length=TEXT_LENGTH)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Ref = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+@[A-Za-z0-9.\-]+$")]
Count = Annotated[int, Field(ge=0)]
Stage = Annotated[int, Field(ge=1, le=3)]
Value = Annotated[float, Field(allow_inf_nan=False)]
Status = Literal["draft", "agreed", "practice"]
PlanStatus = Literal["open", "completed", "closed"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProviderEntry(Entry):
    name: Name
    kind: str  # a key of ORGANISATION_KINDS


class TeamEntry(Entry):
    name: Name
    type: str  # a team type id
    locality: ShortText = ""
    archived: bool = False


# --- rounds -----------------------------------------------------------------------------------


class ViewEntry(Entry):
    """One stakeholder group's hands or cards for one challenge, or its phones' votes
    (`phone_vote`). A phone vote is anonymous: of fewer than 5 voters, its counts are held
    back and the file says only `voters: fewer than 5` (assessments/analytics/small_groups.py);
    a hand count, made in the open room, is written as counted."""

    stage_1: Count = 0
    stage_2: Count = 0
    stage_3: Count = 0
    not_sure: Count = 0
    note: LongText = ""
    phone_vote: bool = False
    voters: Literal["fewer than 5"] | None = None


class ChallengeEntry(Entry):
    views: dict[str, ViewEntry] = {}  # by stakeholder group id
    agreed_stage: Stage | None = None
    not_agreed: bool = False
    dissent: LongText = ""
    priority: int | None = Field(default=None, ge=1, le=10)
    comments: LongText = ""
    evidence: LongText = ""


class RatingEntry(Entry):
    rating: str | None = None  # a value of the benchmark set's scale; empty: not talked through
    proud: LongText = ""
    next_step: LongText = ""


# The two kinds of round (and of plan) spell out their fields in full, so each kind's keys come
# in the order a person reads them: what it is first, then what happened.


class TemplateARound(Entry):
    key: Key  # how the file's plans name the round
    kind: Literal["template-a"]
    framework: Ref
    held_on: date
    facilitator: Name
    status: Status
    participants: dict[str, Count] = {}  # people of each stakeholder group, never who
    challenges: dict[str, ChallengeEntry] = {}  # by challenge id

    @property
    def framework_ref(self) -> str:
        return self.framework


class TripRound(Entry):
    key: Key
    kind: Literal["trip"]
    benchmark_set: Ref
    held_on: date
    facilitator: Name
    status: Status
    participants: dict[str, Count] = {}
    statements: dict[str, RatingEntry] = {}  # by statement id

    @property
    def framework_ref(self) -> str:
        return self.benchmark_set


RoundEntry = TemplateARound | TripRound
ROUND_KINDS: dict[str, type[Entry]] = {TEMPLATE_A: TemplateARound, TRIP: TripRound}


# --- assets -----------------------------------------------------------------------------------


class AssetEntry(Entry):
    key: Key  # how the file's TRIP priorities name the asset
    kind: str  # an asset kind of the TRIP method
    holder: str  # an asset holder of the TRIP method
    held_by: Annotated[str, StringConstraints(min_length=1, max_length=HELD_BY_LENGTH)]
    what: Annotated[str, StringConstraints(min_length=1, max_length=TEXT_LENGTH)]
    archived: bool = False


# --- plans ------------------------------------------------------------------------------------


class ContentEntry(Entry):
    """One version of a Template B or a TRIP priority: `PlanContent` with assets by key."""

    current_stage: Stage | None = None
    current_stage_by_hand: bool = False  # set by the leads: the round agreed none
    title: ShortText = ""
    timescale: str | None = None
    description: LongText = ""
    staff_lead: Lead = Lead()
    person_lead_initials: str = ""
    assets: tuple[Key, ...] = ()
    goals: tuple[Goal, ...] = Field((), max_length=MOST_IN_PLAN["goals"])
    actions: tuple[Action, ...] = Field((), max_length=MOST_IN_PLAN["actions"])
    evidence_sources: LongText = ""
    commissioner_lead: Lead = Lead()
    provider_lead: Lead = Lead()
    next_review_on: date | None = None
    contract: ContractLink = ContractLink()  # shown in a file only when set


# The fields each kind of plan shows even when empty; the other kind's appear only when set.
CONTENT_FIELDS = {
    TEMPLATE_B: (
        "current_stage",
        "description",
        "goals",
        "actions",
        "evidence_sources",
        "commissioner_lead",
        "provider_lead",
        "next_review_on",
    ),
    TRIP: (
        "title",
        "timescale",
        "description",
        "staff_lead",
        "person_lead_initials",
        "assets",
        "goals",
        "actions",
        "next_review_on",
    ),
}


class SignedBy(Entry):
    commissioner: ShortText = ""
    provider: ShortText = ""


class VersionEntry(Entry):
    number: int = Field(ge=1)
    reason: LongText = ""  # why it was made; the first version has none
    signed_on: date | None = None  # Template B: signed by both leads; TRIP: agreed by co-leads
    signed_by: SignedBy | None = None  # Template B only: the leads' names as signed
    content: ContentEntry


class ReviewEntry(Entry):
    held_on: date
    plan_version: int = Field(ge=1)  # the signed version it reviewed
    measurements: dict[str, Value] = {}  # by goal key
    goal_outcomes: dict[str, str] = {}
    action_statuses: dict[str, str] = {}
    stage: Stage | None = None
    stage_evidence: LongText = ""
    learned: LongText = ""
    next_review_on: date | None = None


class MeasurementEntry(Entry):
    """A value entered between reviews."""

    goal: Key
    measured_on: date
    value: Value
    note: LongText = ""


class TemplateBPlan(Entry):
    kind: Literal["template-b"]
    round: Key  # the key of the round it was chosen from
    challenge: str
    status: PlanStatus
    status_reason: LongText = ""
    versions: tuple[VersionEntry, ...] = Field(min_length=1, max_length=MOST_IN_PLAN["versions"])
    reviews: tuple[ReviewEntry, ...] = Field((), max_length=MOST_IN_PLAN["reviews"])
    measurements: tuple[MeasurementEntry, ...] = Field((), max_length=MOST_IN_PLAN["measurements"])

    @property
    def subject(self) -> str:
        return self.challenge


class TripPlan(Entry):
    kind: Literal["trip"]
    round: Key
    statement: str
    status: PlanStatus
    status_reason: LongText = ""
    versions: tuple[VersionEntry, ...] = Field(min_length=1, max_length=MOST_IN_PLAN["versions"])
    reviews: tuple[ReviewEntry, ...] = Field((), max_length=MOST_IN_PLAN["reviews"])
    measurements: tuple[MeasurementEntry, ...] = Field((), max_length=MOST_IN_PLAN["measurements"])

    @property
    def subject(self) -> str:
        return self.statement


PlanEntry = TemplateBPlan | TripPlan
PLAN_KINDS: dict[str, type[Entry]] = {TEMPLATE_B: TemplateBPlan, TRIP: TripPlan}
ROUND_OF_PLAN = {TEMPLATE_B: TEMPLATE_A, TRIP: TRIP}


# --- the whole file ---------------------------------------------------------------------------


class TeamFile(Entry):
    """A whole team file, valid in shape and against the definitions."""

    format: Literal["recovery-team-record"] = FORMAT
    format_version: Literal[1] = FORMAT_VERSION
    provider: ProviderEntry
    team: TeamEntry
    rounds: tuple[RoundEntry, ...] = ()
    assets: tuple[AssetEntry, ...] = ()
    plans: tuple[PlanEntry, ...] = ()
