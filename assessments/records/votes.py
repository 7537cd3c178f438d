"""Live votes from the room's phones as the rest of the app sees them: a question with its join
code, what a phone sends, and the tallies per stakeholder group. Frozen values, no database;
the service is in `service/votes.py`.

A question is on one subject: a challenge of a Template A round (phones answer its stages) or a
statement of a TRIP round (phones answer the TRIP scale's steps of how far the team has got).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# What a phone answers on a challenge, in the order shown, with the column of a group's view
# it counts in.
ANSWERS = {"stage-1": "stage_1", "stage-2": "stage_2", "stage-3": "stage_3", "not-sure": "not_sure"}
NOT_SURE = "not-sure"  # on every question, whatever its subject
OPEN, CLOSED = "open", "closed"
CHALLENGE, STATEMENT = "challenge", "statement"  # the kinds of subject a question is on


@dataclass(frozen=True)
class VoteQuestion:
    """A vote on one challenge of a Template A round or one statement of a TRIP round (exactly
    one of `challenge_id` and `statement_id` is set), joined by its code. `ballot`: the vote
    held on it now (2 once re-opened after discussion)."""

    id: int
    round_id: int
    challenge_id: str | None
    statement_id: str | None
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

    @property
    def subject(self) -> str:
        """CHALLENGE or STATEMENT: which kind of subject the question is on."""
        return CHALLENGE if self.challenge_id is not None else STATEMENT

    @property
    def subject_id(self) -> str:
        return self.challenge_id if self.challenge_id is not None else self.statement_id


@dataclass(frozen=True)
class Choice:
    """One answer a phone may give on a question: its id, its short word ("Stage 2", said
    back and on the tallies), its label on the phone ("Stage 2: Development") and a line
    saying more."""

    value: str
    word: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class GroupTally:
    """One stakeholder group's votes on a ballot. `suppressed`: fewer voters than the small
    number, so only that is said (the counts are zero here), and nobody can be singled out."""

    group: str
    name: str
    voters: int | None  # None when suppressed
    counts: dict[str, int]  # by answer id (the question's choices), zero when suppressed
    suppressed: bool
    shown: str  # "7 voters", or "fewer than 5"


@dataclass(frozen=True)
class Tally:
    question: VoteQuestion
    voters: int  # every phone that voted on this ballot
    groups: tuple[GroupTally, ...]  # every stakeholder group, in the defined order
    choices: tuple[Choice, ...] = ()  # the question's answers, in the order shown


@dataclass(frozen=True)
class VoteState:
    """What a phone may know of a question by its code: nothing else. `title` and `ask` are
    plain text (a statement's words as written), for the phone to show as text."""

    code: str
    status: str
    title: str
    revealed: bool
    ballot: int
    subject: str = CHALLENGE
    ask: str = ""  # the question over the answers
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class CastVote:
    """What was stored for a phone: its answer, as the phone's status line says it back."""

    code: str
    group: str
    answer: str
    priority: int | None
    changed: bool  # an earlier vote of this phone on this ballot was replaced
    answer_label: str = ""  # the answer's words ("Stage 2", "Started")
