"""The records as the rest of the app sees them: plain, frozen values read from the store.

Nothing here touches the database; `service.py` builds these from rows and takes them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

ORGANISATION_KINDS = {
    "trust": "NHS trust",
    "vcfse": "Voluntary, community or social enterprise",
    "local-authority": "Local authority",
    "other": "Other provider",
}


class RoundStatus(StrEnum):
    """Where a round stands. Stored as its value; equal to it as text."""

    DRAFT = "draft"
    AGREED = "agreed"
    PRACTICE = "practice"  # for learning the tool: never compared


ROUND_STATUSES = {
    RoundStatus.DRAFT: "Draft",
    RoundStatus.AGREED: "Agreed",
    RoundStatus.PRACTICE: "Practice (never compared)",
}


@dataclass(frozen=True)
class Actor:
    """Who is at the keyboard: every write names them in the audit log."""

    name: str
    role: str


class Archivable:
    """Archived records leave lists and new rounds, and are never deleted."""

    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class Organisation(Archivable):
    id: int
    name: str
    kind: str
    archived_at: datetime | None
    version: int


@dataclass(frozen=True)
class Team(Archivable):
    id: int
    organisation_id: int
    name: str
    team_type: str
    locality: str
    archived_at: datetime | None
    version: int


class RoundKind(StrEnum):
    TEMPLATE_A = "template-a"  # the ten challenges, rated by a room
    TRIP = "trip"  # a team's benchmarks, talked through


TEMPLATE_A = RoundKind.TEMPLATE_A
TRIP = RoundKind.TRIP


class RoundLevel(StrEnum):
    """What a round speaks for. The 2010 methodology's ten challenges describe an organisation:
    Template A is completed for a provider by its recovery lead with its stakeholders and
    commissioners (Implementing Recovery, 2010, Template A). A team's own Template A is its own
    view, kept but never compared; a team's own tool is the TRIP."""

    PROVIDER = "provider"  # Template A for the provider as a whole: compared across providers
    OWN_VIEW = "own-view"  # a team's own view on Template A: never compared
    TEAM = "team"  # a team's TRIP benchmarking


ROUND_LEVELS = {
    RoundLevel.PROVIDER: "Provider-wide",
    RoundLevel.OWN_VIEW: "A team's own view (never compared)",
    RoundLevel.TEAM: "Team TRIP",
}

# Who completed a Template A round besides its facilitator, by role; staff names, never those of
# people who use services (the co-facilitator may be named by a role title instead).
COMPLETERS = {
    "recovery_lead": "Recovery lead (the provider's lead for recovery)",
    "commissioner_lead": "Commissioner lead",
    "co_facilitator": "Lived-experience co-facilitator",
}


@dataclass(frozen=True)
class Round:
    id: int
    organisation_id: int
    team_id: int | None
    framework: str  # id@version
    held_on: date
    facilitator: str
    status: RoundStatus
    participants: dict[str, int]  # stakeholder group id -> how many people took part
    version: int
    kind: RoundKind = TEMPLATE_A  # or TRIP, whose `framework` is a benchmark set's id@version
    level: RoundLevel = RoundLevel.PROVIDER
    recovery_lead: str = ""  # the completers of COMPLETERS: names or role titles
    commissioner_lead: str = ""
    co_facilitator: str = ""

    @property
    def own_view(self) -> bool:
        """A team's own view on Template A: shown as such and never compared."""
        return self.level == RoundLevel.OWN_VIEW

    @property
    def practice(self) -> bool:
        return self.status == RoundStatus.PRACTICE

    @property
    def people(self) -> int:
        return sum(self.participants.values())


@dataclass(frozen=True)
class GroupView:
    """How one stakeholder group sees a challenge: hands or cards counted, and a note; or the
    votes of the room's phones (`phone_vote`: anonymous, so a small group's counts are shown
    only as "fewer than 5", analytics/small_groups.py)."""

    group: str
    stage_1: int = 0
    stage_2: int = 0
    stage_3: int = 0
    not_sure: int = 0
    note: str = ""
    phone_vote: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return {
            "Stage 1": self.stage_1,
            "Stage 2": self.stage_2,
            "Stage 3": self.stage_3,
            "Not sure": self.not_sure,
        }

    @property
    def empty(self) -> bool:
        # A phone vote is never empty: one with no counts had them held back (a team file).
        return not any(self.counts.values()) and not self.note.strip() and not self.phone_vote


@dataclass(frozen=True)
class Answer:
    """What the room records for one challenge: everything a person edits and saves at once."""

    views: tuple[GroupView, ...] = ()
    agreed_stage: int | None = None
    not_agreed: bool = False
    dissent: str = ""
    priority: int | None = None
    comments: str = ""
    evidence: str = ""

    @property
    def decided(self) -> bool:
        """Done, for the strip of challenges: a stage was agreed or the room said it could not."""
        return self.agreed_stage is not None or self.not_agreed

    def view(self, group: str) -> GroupView:
        return next((v for v in self.views if v.group == group), GroupView(group))


@dataclass(frozen=True)
class ChallengeRecord:
    round_id: int
    challenge_id: str
    answer: Answer
    version: int
    updated_at: datetime
    moderation: Moderation | None = None  # a moderated rating beside the room's own


@dataclass(frozen=True)
class Moderation:
    """A commissioner's or a peer reviewer's rating of a challenge, beside the provider's own
    (which it never replaces), with why."""

    stage: int
    reasons: str
    evidence: str
    moderated_by: str  # the person, as the audit log names them
    moderated_as: str  # their role's label: "Commissioner", "Facilitator" (a peer reviewer)
    version: int
    updated_at: datetime

    def differs_from(self, answer: Answer) -> bool:
        return answer.agreed_stage is not None and answer.agreed_stage != self.stage


@dataclass(frozen=True)
class AuditEntry:
    at: datetime  # UTC
    actor_name: str
    actor_role: str
    action: str
    entity: str
    entity_id: int | None
    before: dict | None
    after: dict | None
    id: int = 0  # its place in the log: the audit page names a changed entry by it


@dataclass(frozen=True)
class Difference:
    """One field where a refused save and the stored record disagree."""

    field: str
    yours: str
    stored: str


@dataclass(frozen=True)
class RowProblem:
    """One bad line of an imported file."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"
