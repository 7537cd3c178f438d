"""The demo's content, read from the YAML files in demo/content/ and checked: one typed, frozen
model per file, unknown keys refused. A wrong file is a `DemoContentError` naming the file, the
field and what is wrong, every problem at once."""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, ValidationError, model_validator

from framework import yamlfile

CONTENT = Path(__file__).resolve().parent / "content"

Texts = tuple[str, ...]
Span = tuple[NonNegativeInt, NonNegativeInt]  # fewest, most


class DemoContentError(ValueError):
    """A demo content file is missing, is not YAML, or does not fit its model."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Todo(_Model):
    """An action: what is to be done, and who does it (a role)."""

    what: str = Field(min_length=1)
    who: str = Field(min_length=1)


class ShowcaseTeam(_Model):
    name: str = Field(min_length=1)
    type: str = Field(min_length=1)
    locality: str = Field(min_length=1)


class Teams(_Model):
    """teams.yaml."""

    showcase_provider: str = Field(min_length=1)
    second_provider: str = Field(min_length=1)  # a voluntary sector provider, no teams
    showcase: tuple[ShowcaseTeam, ...] = Field(min_length=1)
    mix: dict[str, int] = Field(min_length=1)  # team type: weight
    labels: dict[str, str]
    directions: Texts = Field(min_length=1)


class People(_Model):
    """people.yaml."""

    leads: Texts = Field(min_length=1)
    managers: dict[str, str]
    head_start: dict[str, Texts]


class Moderation(_Model):
    """workshops.yaml's moderation: the reasons for a rating one stage lower than the room's
    (one per challenge so moderated), for one that agrees, and the evidence seen."""

    lower: Texts = Field(min_length=1)
    same: str = Field(min_length=1)
    evidence: str = Field(min_length=1)


class Workshops(_Model):
    """workshops.yaml."""

    participants: dict[str, Span]
    lean: dict[str, tuple[float, float]]  # chance below, above
    provider_facilitators: Texts = Field(min_length=1)
    co_facilitator: str  # a provider-wide round's lived-experience co-facilitator, by role
    moderation: Moderation  # how a commissioner moderates the showcase's latest round
    team_facilitators: Texts = Field(min_length=1)
    comments: dict[str, Texts]
    evidence: dict[str, Texts]
    dissent: Texts = Field(min_length=1)
    notes: dict[str, Texts]


class Owner(_Model):
    provider: str = Field(min_length=1)
    team: str = Field(min_length=1)


class Theme(_Model):
    """What a plan for one challenge says."""

    description: str = Field(min_length=1)
    owner: Owner
    actions: tuple[Todo, ...] = Field(min_length=2)


class Profile(_Model):
    """How a measure moves: a baseline between `low` and `high`, a target `gain` better,
    figures to `places` decimal places (0: whole numbers), never outside `bounds`."""

    low: float
    high: float
    gain: float
    places: NonNegativeInt
    bounds: tuple[float, float] = (0, math.inf)

    def fit(self, value: float) -> float:
        value = round(min(self.bounds[1], max(self.bounds[0], value)), self.places)
        return float(value) + 0.0  # never -0.0


class Profiles(_Model):
    percent: Profile
    count: Profile
    other: Profile
    indicators: dict[str, Profile]


class OwnMeasure(_Model):
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    direction: Literal["higher", "lower"]


class Plans(_Model):
    """plans.yaml."""

    commissioners: Texts = Field(min_length=1)
    commissioner_role: str
    provider_lead_role: str
    themes: dict[str, Theme]
    other_theme: Theme
    extra_action: Todo
    learned: Texts = Field(min_length=1)
    at_risk_note: str
    profiles: Profiles
    own_measure: OwnMeasure


class Asset(_Model):
    kind: str = Field(min_length=1)
    holder: str = Field(min_length=1)
    held_by: str | None  # a role; none: the holder's initials
    what: str = Field(min_length=1)


class Trip(_Model):
    """trip.yaml."""

    facilitators: Texts = Field(min_length=1)
    participants: dict[str, Span]
    assets: tuple[Asset, ...]
    proud: dict[str, Texts]
    next: dict[str, Texts]
    any_proud: Texts
    any_next: Texts
    dont_know_next: Texts = Field(min_length=1)
    not_applicable_next: str
    not_applicable: dict[str, dict[str, str]]  # team type: statement: why
    learned: Texts = Field(min_length=1)
    done: str


class Idea(_Model):
    """A priority a team might choose in its first TRIP round."""

    statement: str = Field(min_length=1)
    next_step: str
    proud: str
    title: str = Field(min_length=1)
    description: str
    timescale: Literal["quick-win", "longer-term"]
    lead_role: str = Field(min_length=1)  # the staff co-lead's
    actions: tuple[Todo, ...] = Field(min_length=1)
    kinds: Texts = ()  # the kinds of asset it draws on
    teams: frozenset[str] = frozenset()  # the team types it suits; empty: any


class AnyIdea(_Model):
    next_step: str
    proud: str
    description: str
    lead_role: str = Field(min_length=1)
    actions: tuple[Todo, ...] = Field(min_length=1)


class TripIdeas(_Model):
    """trip_ideas.yaml; a name of `team_groups` in an idea's `teams` stands for its types."""

    team_groups: dict[str, Texts]
    ideas: tuple[Idea, ...]
    any_idea: AnyIdea

    @model_validator(mode="before")
    @classmethod
    def _expand_groups(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("team_groups"), dict):
            return data
        groups = data["team_groups"]
        ideas = data.get("ideas")
        if not isinstance(ideas, list):
            return data
        expanded = []
        for idea in ideas:
            if isinstance(idea, dict) and isinstance(idea.get("teams"), list):
                teams: set = set()
                for name in idea["teams"]:
                    found = groups.get(name) if isinstance(name, str) else None
                    teams.update(found if isinstance(found, list) else [name])
                idea = {**idea, "teams": teams}
            expanded.append(idea)
        return {**data, "ideas": expanded}


class Content(_Model):
    """Every file's content."""

    teams: Teams
    people: People
    workshops: Workshops
    plans: Plans
    trip: Trip
    trip_ideas: TripIdeas


FILES = {name: field.annotation for name, field in Content.model_fields.items()}


def read(folder: Path = CONTENT) -> Content:
    """The content of `folder`'s files (teams.yaml, people.yaml, ...), or a DemoContentError
    naming every problem with its file and field."""
    parts: dict[str, BaseModel] = {}
    problems: list[str] = []
    for name, model in FILES.items():
        path = folder / f"{name}.yaml"
        shown = f"demo/content/{path.name}" if folder == CONTENT else str(path)
        doc = yamlfile.read(path, shown)  # the app's one bounded YAML reader
        if doc.problems:
            problems.extend(f"{p}." for p in doc.problems)
            continue
        data = doc.data
        try:
            parts[name] = model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(p) for p in error["loc"]) or "(top level)"
                problems.append(f"{shown}: {field}: {error['msg']}.")
    if problems:
        raise DemoContentError("The demo's content is wrong:\n" + "\n".join(problems))
    return Content(**parts)


@functools.cache
def content() -> Content:
    """The shipped content, read once."""
    return read()
