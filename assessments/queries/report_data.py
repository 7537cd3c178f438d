"""What the board report shows, as plain frozen data read once (see `board_report.py`), and
the pure derivations the sheets share: a plan's version in force, when its review is due,
its actions' statuses now, and what is overdue."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assessments.analytics.progress import overdue_actions, review_overdue
from assessments.records import ChallengeRecord, Organisation, Round, Team
from assessments.records.measures import PlacedValue
from assessments.records.plans import (
    Measurement,
    Plan,
    PlanContent,
    PlanVersion,
    Review,
    status_text,
)
from assessments.records.portfolio import PortfolioRecords
from assessments.records.stories import Story
from assessments.records.trip import Asset, StatementRating
from assessments.records.trip_status import TripStatusRecords
from framework.loader import Definitions


class ScopeError(ValueError):
    """A scope the report cannot be built for, in words."""


@dataclass(frozen=True)
class ReportScope:
    kind: Literal["team", "org", "portfolio"]
    id: int | None = None

    @classmethod
    def parse(cls, text: str) -> ReportScope:
        """ "team:ID", "org:ID" or "portfolio"."""
        match = re.fullmatch(r"(team|org):(\d+)|(portfolio)", text.strip())
        if not match:
            raise ScopeError(
                f"'{text}' is not a scope: give team:ID, org:ID (a provider) or portfolio."
            )
        if match.group(3):
            return cls("portfolio")
        return cls(match.group(1), int(match.group(2)))  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class RoundRecords:
    """A Template A round and what it recorded for each challenge, in the framework's order."""

    round: Round
    records: Mapping[str, ChallengeRecord]


@dataclass(frozen=True)
class PlanRecords:
    """A Template B or TRIP priority with everything the report says of it."""

    plan: Plan
    name: str  # the priority in a few words: its challenge, or a TRIP priority's title
    subject: str  # what it works on, without its title: a challenge, a TRIP statement
    versions: tuple[PlanVersion, ...]  # oldest first
    reviews: tuple[Review, ...]  # oldest first
    measurements: tuple[Measurement, ...]  # oldest first
    # Its success stories whose consent covers board reports, oldest first; no other is read.
    stories: tuple[Story, ...] = ()

    @property
    def in_force(self) -> PlanVersion | None:
        """The newest signed version: what reviews are held against."""
        signed = [v for v in self.versions if v.signed]
        return signed[-1] if signed else None

    @property
    def content(self) -> PlanContent:
        return (self.in_force or self.plan.latest).content

    @property
    def next_review_due(self) -> date | None:
        """The date the last review set, or else the one the plan set."""
        return self.reviews[-1].next_review_on if self.reviews else self.content.next_review_on

    @property
    def action_statuses(self) -> dict[str, str]:
        """Each action's status now: as the last review said, or as the plan set it."""
        statuses = {a.key: a.status for a in self.plan.latest.content.actions}
        for review in self.reviews:
            statuses.update(review.action_statuses)
        return statuses

    def overdue(self, today: date) -> tuple[str, ...]:
        """What is overdue in an open plan, in words: its review, and its unfinished actions
        whose date has passed (as the service's `due_items` says it)."""
        if not self.plan.open:
            return ()
        items = []
        due = self.next_review_due
        if review_overdue(due, today):
            items.append(f"The review was due on {_day(due)}.")
        statuses = self.action_statuses
        content = self.content
        for action in overdue_actions(content, statuses, today):
            number = content.actions.index(action) + 1
            items.append(
                f"Action {number} ({action.what}) was due on {_day(action.by_when)}; it is "
                f"{status_text(statuses.get(action.key, action.status)).lower()}."
            )
        return tuple(items)


@dataclass(frozen=True)
class TripRound:
    round: Round
    ratings: Mapping[str, StatementRating]  # in the conversation's order


@dataclass(frozen=True)
class TeamTrip:
    """One team's line in a provider's or the portfolio's TRIP sheet."""

    team_id: int
    team: str
    provider: str
    asset_counts: Mapping[str, int]  # asset kind id -> current assets of that kind
    open_priorities: tuple[PlanRecords, ...]


@dataclass(frozen=True)
class BoardReportData:
    """Everything the board report shows for one scope, read in one transaction."""

    scope: ReportScope
    name: str  # the scope in words
    today: date
    definitions: Definitions
    organisation: Organisation | None  # None for the portfolio
    team: Team | None  # the team of a team's report
    rounds: tuple[RoundRecords, ...]  # the scope's Template A rounds, newest first; group
    # views are read for the scope's own rounds only (see `own_rounds`)
    team_names: Mapping[int, str]  # the provider's teams, archived ones too
    plans: tuple[PlanRecords, ...]  # the scope's Template B priorities, open first
    trip_priorities: tuple[PlanRecords, ...]  # a team's TRIP priorities, open first
    assets: tuple[Asset, ...]  # a team's current assets, newest first
    trip_rounds: tuple[TripRound, ...]  # a team's TRIP rounds, newest first
    portfolio: PortfolioRecords | None  # the teams compared, for a provider or the portfolio
    team_trips: tuple[TeamTrip, ...]  # for a provider or the portfolio, in `portfolio` order
    # Teams by their TRIP (current or not, reviews, co-leads), for a provider or the portfolio.
    trip_status: TripStatusRecords | None = None
    # The measures commissioners contract on: a team's, a provider's and its teams', or every
    # provider's the reader may see; by place, indicator and period.
    measures: tuple[PlacedValue, ...] = ()

    @property
    def own_rounds(self) -> tuple[RoundRecords, ...]:
        """The scope's own rounds, newest first: a provider's report is about the provider as
        a whole; its teams' rounds are in Comparison and Data stages."""
        team_id = self.team.id if self.team else None
        return tuple(r for r in self.rounds if r.round.team_id == team_id)

    @property
    def agreed_rounds(self) -> tuple[RoundRecords, ...]:
        return tuple(r for r in self.own_rounds if r.round.status == "agreed")


def _day(value: date | None) -> str:  # as the plans unit words it
    return f"{value:%d %b %Y}" if value else "(none)"
