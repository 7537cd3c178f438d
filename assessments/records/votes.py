"""Live votes from the room's phones as the rest of the app sees them: a question with its join
code, what a phone sends, and the tallies per stakeholder group. Frozen values, no database;
the service is in `service/votes.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# What a phone answers, in the order shown, with the column of a group's view it counts in.
ANSWERS = {"stage-1": "stage_1", "stage-2": "stage_2", "stage-3": "stage_3", "not-sure": "not_sure"}
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class VoteQuestion:
    """A vote on one challenge of a Template A round, joined by its code. `ballot`: the
    vote held on it now (2 once re-opened after discussion)."""

    id: int
    round_id: int
    challenge_id: str
    code: str
    status: str  # open or closed
    revealed: bool
    ballot: int
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str | None
    version: int

    @property
    def open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class GroupTally:
    """One stakeholder group's votes on a ballot. `suppressed`: fewer voters than the small
    number, so only that is said (the counts are zero here), and nobody can be singled out."""

    group: str
    name: str
    voters: int | None  # None when suppressed
    counts: dict[str, int]  # by answer id (ANSWERS), zero when suppressed
    suppressed: bool
    shown: str  # "7 voters", or "fewer than 5"


@dataclass(frozen=True)
class Tally:
    question: VoteQuestion
    voters: int  # every phone that voted on this ballot
    groups: tuple[GroupTally, ...]  # every stakeholder group, in the defined order


@dataclass(frozen=True)
class VoteState:
    """What a phone may know of a question by its code: nothing else."""

    code: str
    status: str
    title: str
    revealed: bool
    ballot: int


@dataclass(frozen=True)
class CastVote:
    """What was stored for a phone: its answer, as the phone's status line says it back."""

    code: str
    group: str
    answer: str
    priority: int | None
    changed: bool  # an earlier vote of this phone on this ballot was replaced
