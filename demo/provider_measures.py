"""The fictional demo's commissioners' measures: for each provider, 14 to 18 months of four
monthly figures the community rehabilitation guidance has commissioners watch (people placed out
of area, sickness absence, vacancies, inpatient bed days), each against a target; in each
provider's figures one month not available, with why (a gap, never a zero), and one series whose
level moved, so its XmR chart shows a special cause (a run below the mean)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from assessments.records.measures import Period, PeriodKind
from demo.common import ACTOR

GAP_REASON = "The provider's monthly return was not received"


@dataclass(frozen=True)
class Series:
    indicator: str
    level: float  # where the figures sit at first
    spread: float  # how far a month wanders from it
    target: float
    whole: bool  # a count: whole numbers
    moves_by: float = 0.0  # the level's change for the last SHIFTED months: the special cause


SHIFTED = 8  # months at the new level: more than the 7 in a row that make a signal
SERIES = (
    Series("out-of-area-placements", 8, 0.8, 4, True, moves_by=-5),
    Series("sickness-absence", 5.4, 0.5, 4.5, False),
    Series("vacancy-rate", 11.5, 1.0, 9, False),
    Series("inpatient-bed-days", 860, 45, 760, True),
)


def record_provider_measures(
    service, organisation_ids: list[int], rng: random.Random, today: date
) -> int:
    """Record each provider's figures through the service, as `demo.common.ACTOR`; returns how
    many periods were recorded (the gaps included)."""
    recorded = 0
    last = _month_before(today)
    for organisation_id in organisation_ids:
        months = rng.randint(14, 18)
        periods = _months_back(last, months)
        gap = (rng.randrange(1, len(SERIES)), rng.randrange(2, months - SHIFTED))
        for s_index, series in enumerate(SERIES):
            for m_index, period in enumerate(periods):
                if (s_index, m_index) == gap:
                    service.measures.record_not_available(
                        ACTOR, organisation_id, series.indicator, period, 0,
                        reason=GAP_REASON, target=series.target,
                    )  # fmt: skip
                else:
                    service.measures.record_value(
                        ACTOR, organisation_id, series.indicator, period, 0,
                        value=_figure(series, rng, shifted=m_index >= months - SHIFTED),
                        target=series.target,
                    )  # fmt: skip
                recorded += 1
    return recorded


def _figure(series: Series, rng: random.Random, shifted: bool) -> float:
    level = series.level + (series.moves_by if shifted else 0.0)
    value = max(0.0, rng.gauss(level, series.spread))
    return float(round(value)) if series.whole else round(value, 1)


def _month_before(today: date) -> Period:
    back = today.month - 2
    return Period(date(today.year + back // 12, back % 12 + 1, 1), PeriodKind.MONTH)


def _months_back(last: Period, months: int) -> list[Period]:
    """The `months` months ending with `last`, oldest first."""
    start = last.start.year * 12 + last.start.month - 1 - (months - 1)
    first = Period(date(start // 12, start % 12 + 1, 1), PeriodKind.MONTH)
    found = [first]
    while len(found) < months:
        found.append(found[-1].following())
    return found
