"""Typed, frozen objects for the methodology: frameworks, stages, challenges, benchmark sets,
answer scales, stakeholder groups, team types and the indicator library.

These pydantic models are both the schema of the YAML files under `definitions/` and the
objects the rest of the app reads. Unknown keys are refused (extra="forbid"); checks that need
more than one field or more than one file live in `checks.py`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from framework.basics import Frozen, Header, Id, Source, Text
from framework.glossary import Glossary
from framework.notes import IndicatorNote, LaterNote, TodayNote

# A stage descriptor's short form must fit beside the other two on a projected slide.
BRIEF_MAX = 170
Brief = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=BRIEF_MAX)]


class Stage(Frozen):
    """One of the three stages of the classification (Box 2 of the 2010 methodology)."""

    number: int = Field(ge=1, le=3)
    name: Text
    headline: Text
    definition: Text


class StageDescriptor(Frozen):
    """What a challenge looks like at one stage."""

    stage: int = Field(ge=1, le=3)
    descriptor: Text
    # One or two sentences of the descriptor's own facts, short enough for a projector.
    in_brief: Brief | None = None


class Quotation(Frozen):
    text: Text
    said_by: Text


class Adaptation(Frozen):
    """Marks a challenge's stage descriptors as this tool's own, written where the source gives
    none: which of the file's sources they are built from, and from which passage of it."""

    source: Id
    passage: Text


class FocusArea(Frozen):
    id: Id
    name: Text
    note: Text | None = None


class FutureFocus(Frozen):
    """Areas a source names for more attention in future: shown with the framework, never
    rated."""

    source: Id
    summary: Text
    areas: tuple[FocusArea, ...] = Field(min_length=1)


class Challenge(Frozen):
    """One organisational challenge. In a revision (a framework with `maps_onto`), `maps_to`
    names the base challenge, and anything left out is taken from it when loaded."""

    id: Id
    number: int = Field(ge=1, le=99)
    title: Text
    short_title: Text | None = None
    maps_to: Id | None = None
    reworded: bool = False
    quotation: Quotation | None = None
    key_concepts: tuple[Text, ...] = ()
    stages: tuple[StageDescriptor, ...] | None = None
    # Set when `stages` are this tool's adaptation rather than the source's own descriptors.
    adapted: Adaptation | None = None
    indicators: tuple[Text, ...] | None = None
    data_sources: tuple[Text, ...] | None = None
    # What later ImROC papers add, read beside the challenge and never rated (a revision takes
    # its base's when it has none of its own).
    later: tuple[LaterNote, ...] | None = None

    def descriptor(self, stage: int) -> str:
        return next(s.descriptor for s in self.stages or () if s.stage == stage)

    def in_brief(self, stage: int) -> str:
        """The short form of a stage's descriptor, or the descriptor itself when it has none."""
        found = next(s for s in self.stages or () if s.stage == stage)
        return found.in_brief or found.descriptor

    def uses(self, term: str) -> bool:
        """Whether the challenge's own text (title, quotation, key concepts, descriptors,
        indicators, data sources) spells `term` as a whole word or phrase."""
        texts = [
            self.title,
            *self.key_concepts,
            *(self.indicators or ()),
            *(self.data_sources or ()),
        ]
        if self.quotation:
            texts.append(self.quotation.text)
        for s in self.stages or ():
            texts += [s.descriptor, s.in_brief or ""]
        found = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        return any(found.search(" ".join(t.split())) for t in texts)


class ResolvedChallenge(Challenge):
    """A challenge with every part present, as the app sees it."""

    short_title: Text
    stages: tuple[StageDescriptor, ...]
    indicators: tuple[Text, ...]
    data_sources: tuple[Text, ...]
    # Set by the loader: the framework the parts left out of a revision came from.
    inherited_from: str | None = None


class PriorityAdvice(Frozen):
    """How many priorities to work on at once, and which challenges to consider first."""

    at_most_open: int = Field(ge=1, le=10)
    consider_early: tuple[Id, ...] = ()
    why_early: Text | None = None


class Framework(Header):
    kind: Literal["framework"]
    maps_onto: str | None = Field(default=None, pattern=r"^[a-z0-9-]+@[A-Za-z0-9.\-]+$")
    stages: tuple[Stage, ...] | None = None
    # A revision that leaves this out takes its base's advice, through maps_to.
    priorities: PriorityAdvice | None = None
    challenges: tuple[Challenge, ...] = Field(min_length=1)
    future_focus: FutureFocus | None = None
    # Today's equivalents of dated references in the text. Not rated content: a version's
    # notes may be brought up to date without a new version (see checks.unchanged).
    today: tuple[TodayNote, ...] = ()

    def challenge(self, challenge_id: str) -> Challenge:
        return next(c for c in self.challenges if c.id == challenge_id)

    def today_for(self, challenge_id: str) -> tuple[TodayNote, ...]:
        """The notes on dated references in one challenge's text."""
        return tuple(n for n in self.today if challenge_id in n.challenges)


class ScaleValue(Frozen):
    value: Id
    label: Text
    # Position on the ordinal scale; absent for answers outside it ("not applicable").
    rank: int | None = Field(default=None, ge=1)
    description: Text | None = None


class Scale(Frozen):
    id: Id
    title: Text
    values: tuple[ScaleValue, ...] = Field(min_length=2)


class Scales(Header):
    kind: Literal["scales"]
    scales: tuple[Scale, ...] = Field(min_length=1)


class Setting(StrEnum):
    community = "community"
    inpatient = "inpatient"
    corporate = "corporate"
    other = "other"


class Statement(Frozen):
    id: Id
    text: Text
    # Where the statement comes from: one of its file's sources by id, and where useful the
    # part of it (a challenge, a TRIP component). Read beside the statement, never rated: a
    # citation may be added or made more exact without a new version (see checks.unchanged).
    source: Id | None = None
    where: Text | None = None


class StatementGroup(Frozen):
    challenge: Id
    statements: tuple[Statement, ...] = Field(min_length=1)


class BenchmarkSet(Header):
    """Team-level good-practice statements for the TRIP conversation, grouped by challenge."""

    kind: Literal["benchmark-set"]
    setting: Setting
    framework: str = Field(pattern=r"^[a-z0-9-]+@[A-Za-z0-9.\-]+$")
    scale: Id
    groups: tuple[StatementGroup, ...] = Field(min_length=1)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in the conversation's order."""
        return tuple(s for g in self.groups for s in g.statements)

    def group_of(self, statement_id: str) -> StatementGroup | None:
        return next(
            (g for g in self.groups if any(s.id == statement_id for s in g.statements)), None
        )

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def source_of(self, statement: Statement) -> Source | None:
        """The source a statement cites, from the file's list, or None when it cites none."""
        return next((s for s in self.sources if s.id == statement.source), None)

    def citation(self, statement: Statement) -> str | None:
        """'Repper & Perkins 2013, priorities': the source a statement cites, by its authors'
        surnames and year, then where in it; None when it cites none."""
        source = self.source_of(statement)
        if source is None:
            return None
        names = [a.split()[-1] for a in source.authors]
        who = " & ".join(names) if len(names) <= 2 else f"{names[0]} et al."
        return f"{who} {source.year}" + (f", {statement.where}" if statement.where else "")


class StakeholderGroup(Frozen):
    id: Id
    name: Text
    description: Text
    # People who use services: their names are never recorded.
    lived_experience: bool = False


class StakeholderGroups(Header):
    kind: Literal["stakeholder-groups"]
    groups: tuple[StakeholderGroup, ...] = Field(min_length=1)


class TeamType(Frozen):
    id: Id
    name: Text
    description: Text
    setting: Setting
    benchmark_set: Id


class TeamTypes(Header):
    kind: Literal["team-types"]
    types: tuple[TeamType, ...] = Field(min_length=1)


class Direction(StrEnum):
    """Which way an indicator gets better."""

    higher = "higher"
    lower = "lower"
    # Watched for change, with neither side better in itself: more complaints or incidents
    # reported can mean people feel able to speak up as much as that care got worse.
    neither = "neither"


class Frequency(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    six_monthly = "six-monthly"
    annually = "annually"
    per_episode = "per-episode"


class Indicator(Frozen):
    id: Id
    name: Text
    description: Text | None = None
    unit: Text
    direction: Direction
    data_source: Text
    frequency: Frequency
    challenges: tuple[Id, ...] = Field(min_length=1)
    source: Id

    @property
    def goal_measure(self) -> bool:
        """Whether a SMART goal can be measured by it: a goal's target lies above or below its
        baseline, so an indicator only watched for change (direction neither) cannot."""
        return self.direction is not Direction.neither


class IndicatorLibrary(Header):
    kind: Literal["indicator-library"]
    framework: str = Field(pattern=r"^[a-z0-9-]+@[A-Za-z0-9.\-]+$")
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    # Today's equivalents of dated references in the indicators' words (as a framework's).
    today: tuple[IndicatorNote, ...] = ()


class Described(Frozen):
    id: Id
    name: Text
    description: Text


class TripPriorities(Frozen):
    """How many priorities a team co-leads at once: fewer than `at_least` prompts a reminder,
    more than `at_most_open` is refused."""

    at_least: int = Field(ge=1, le=10)
    at_most_open: int = Field(ge=1, le=10)


class TripMethod(Header):
    """How a Team Recovery Implementation Plan runs: its parts, the kinds of asset and who can
    hold them, the number of priorities, and their timescales."""

    kind: Literal["trip-method"]
    components: tuple[Described, ...] = Field(min_length=1)
    asset_kinds: tuple[Described, ...] = Field(min_length=1)
    asset_holders: tuple[Described, ...] = Field(min_length=1)
    priorities: TripPriorities
    timescales: tuple[Described, ...] = Field(min_length=1)


DefinitionFile = Annotated[
    Framework
    | Scales
    | BenchmarkSet
    | StakeholderGroups
    | TeamTypes
    | IndicatorLibrary
    | TripMethod
    | Glossary,
    Field(discriminator="kind"),
]
