"""A team's TRIP as the rest of the app sees it: its assets and what the room said about each
benchmark statement. Frozen values, no database; the service is in `trip.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assessments.records import Archivable


@dataclass(frozen=True)
class Rating:
    """What the room records for one statement, saved as one piece."""

    value: str | None = None  # a value of the benchmark set's scale; None: not talked through
    proud: str = ""  # what we already do and are proud of
    next_step: str = ""  # what we could do next

    @property
    def talked_through(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class StatementRating:
    round_id: int
    statement_id: str
    rating: Rating
    version: int


@dataclass(frozen=True)
class Asset(Archivable):
    """Something a team can draw on, and who holds it, by role or initials only."""

    id: int
    team_id: int
    kind: str  # an asset kind of the TRIP method
    holder: str  # an asset holder of the TRIP method: staff, people using the service...
    held_by: str  # a role or initials
    what: str
    archived_at: datetime | None
    version: int


@dataclass(frozen=True)
class NewAsset:
    """An asset to add to a team's register (`Trip.add_assets`), archived at once if it was
    archived where it came from (a team file)."""

    kind: str
    holder: str
    held_by: str
    what: str
    archived: bool = False
