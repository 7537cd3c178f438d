"""What a commissioner's comparison is asked for and returns: the filters, the choices there
are, and the records (frames whose columns are named here).

Template A is compared between providers, from their provider-wide rounds (Implementing
Recovery, 2010: the ten challenges describe an organisation); a team's own view on Template A
is never compared. Teams are seen through their priorities and their TRIP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

BASELINE = "Baseline"
LATEST = "Latest"
PROVIDER_COLUMNS = ["provider_id", "Provider", "Kind"]
TEAM_COLUMNS = ["team_id", "Team", "Provider", "provider_id", "type_id", "Type", "Locality"]
ROUND_COLUMNS = ["provider_id", "round_id", "Held on", "framework", "People", "role"]
# `moderated`: a commissioner's or peer reviewer's stage beside the provider's own (<NA>: none)
STAGE_COLUMNS = ["provider_id", "role", "challenge_id", "stage", "not_agreed", "moderated"]
VIEW_COLUMNS = [
    "provider_id",
    "challenge_id",
    "group_id",
    "Stage 1",
    "Stage 2",
    "Stage 3",
    "Not sure",
]
WHOLE_PROVIDER = "The whole provider"  # whose a provider-wide priority is, in words
PRIORITY_COLUMNS = [
    "plan_id",
    "provider_id",
    "team_id",  # <NA> for a priority of the whole provider
    "Whose",  # the team's name, or WHOLE_PROVIDER
    "Provider",
    "Kind",
    "challenge_id",
    "Priority",
    "Review due",
    "Review overdue",
    "Goals off track",
    "Contract",  # a CQUIN or contract schedule the priority counts towards, in words; or ""
]


@dataclass(frozen=True)
class PortfolioFilters:
    """Which providers, teams and rounds to compare. An empty tuple means every one. Team
    types and localities narrow the teams (their priorities and TRIP), not the providers."""

    framework: str  # "id@version": the version compared, and whose challenges are shown
    mapped: bool = False  # also records of versions mapped onto it, or it onto them
    providers: tuple[int, ...] = ()
    team_types: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    held_from: date | None = None
    held_to: date | None = None


@dataclass(frozen=True)
class PortfolioChoices:
    """What there is to filter by: only values some live team or agreed round has."""

    providers: dict[int, str]  # id -> name, by name
    team_types: tuple[str, ...]  # ids, in the taxonomy's order
    localities: tuple[str, ...]
    frameworks: tuple[str, ...]  # versions with agreed provider-wide rounds, most used first
    first_held: date | None
    last_held: date | None


@dataclass(frozen=True)
class PortfolioRecords:
    filters: PortfolioFilters
    mapped_from: tuple[str, ...]  # other versions whose records came in through the mapping
    providers: pd.DataFrame  # PROVIDER_COLUMNS: with an agreed provider-wide round, by name
    without_rounds: tuple[str, ...]  # providers in the filters with no such round in them
    rounds: pd.DataFrame  # ROUND_COLUMNS: each provider's baseline and latest (one if the same)
    stages: pd.DataFrame  # STAGE_COLUMNS, in the compared version's challenge ids
    teams: pd.DataFrame  # TEAM_COLUMNS: the live teams the filters choose, by name
    priorities: pd.DataFrame  # PRIORITY_COLUMNS: open Template B and TRIP priorities
