"""A commissioner's measure for a provider or one of its services (a team), period by period:
a figure, or an explicit "not available" with the reason (a data gap is a finding, never a
zero), with the period's target and a note. Plain frozen values; no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


PERIOD_KINDS = {PeriodKind.MONTH: "Month", PeriodKind.QUARTER: "Quarter"}
QUARTER_STARTS = (1, 4, 7, 10)  # calendar quarters: NHS financial quarters start on them too
NOT_AVAILABLE = "Not available"


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month or quarter, by its first day."""

    start: date
    kind: PeriodKind

    @property
    def months(self) -> int:
        return 1 if self.kind == PeriodKind.MONTH else 3

    @property
    def label(self) -> str:
        """ "Apr 2026" for a month, "Apr-Jun 2026" for a quarter."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%b %Y}"
        last = date(self.start.year, self.start.month + 2, 1)  # a quarter never spans two years
        return f"{self.start:%b}-{last:%b %Y}"

    @property
    def code(self) -> str:
        """How a CSV file names it: "2026-04" (a month's or a quarter's first month)."""
        return f"{self.start:%Y-%m}"

    def following(self) -> Period:
        month = self.start.month - 1 + self.months
        return Period(date(self.start.year + month // 12, month % 12 + 1, 1), self.kind)


@dataclass(frozen=True)
class MeasureValue:
    """One period's figure of an indicator for a provider (`team_id` None) or one of its
    teams. `value` None: not available, and `reason` says why."""

    id: int
    organisation_id: int
    team_id: int | None
    indicator_id: str
    period: Period
    value: float | None
    reason: str
    target: float | None
    note: str
    version: int
    recorded_by: str
    updated_at: datetime | None

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def key(self) -> tuple:
        return (self.team_id, self.indicator_id, self.period)


@dataclass(frozen=True)
class MeasureEntry:
    """What a form or a CSV row gives for one period, checked (rules/measures.py)."""

    team_id: int | None
    indicator_id: str
    period: Period
    value: float | None
    reason: str
    target: float | None
    note: str


@dataclass(frozen=True)
class ImportCount:
    """What a CSV import of measure values did."""

    added: int
    replaced: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.added + self.replaced + self.unchanged


@dataclass(frozen=True)
class PlacedValue:
    """A value with the names of its place, for a report across providers and teams."""

    value: MeasureValue
    provider: str
    team: str | None  # None: the provider as a whole

    @property
    def place(self) -> str:
        return f"{self.team}, {self.provider}" if self.team else self.provider
