"""What a commissioner's comparison is asked for and returns: the filters, the choices there
are, and the records (frames whose columns are named here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

BASELINE = "Baseline"
LATEST = "Latest"
TEAM_COLUMNS = ["team_id", "Team", "Provider", "provider_id", "type_id", "Type", "Locality"]
ROUND_COLUMNS = ["team_id", "round_id", "Held on", "framework", "People", "role"]
STAGE_COLUMNS = ["team_id", "role", "challenge_id", "stage", "not_agreed"]
VIEW_COLUMNS = ["team_id", "challenge_id", "group_id", "Stage 1", "Stage 2", "Stage 3", "Not sure"]
PRIORITY_COLUMNS = [
    "plan_id",
    "team_id",
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
    """Which teams and rounds to compare. An empty tuple means every one."""

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
    frameworks: tuple[str, ...]  # versions with agreed team rounds, most used first
    first_held: date | None
    last_held: date | None


@dataclass(frozen=True)
class PortfolioRecords:
    filters: PortfolioFilters
    mapped_from: tuple[str, ...]  # other versions whose records came in through the mapping
    teams: pd.DataFrame  # TEAM_COLUMNS: teams with an agreed round in the filters, by name
    without_rounds: tuple[str, ...]  # teams in the filters with no agreed round in them
    rounds: pd.DataFrame  # ROUND_COLUMNS: each team's baseline and latest (one if the same)
    stages: pd.DataFrame  # STAGE_COLUMNS, in the compared version's challenge ids
    priorities: pd.DataFrame  # PRIORITY_COLUMNS: the teams' open Template B and TRIP priorities
