"""The demo's commissioners' measures: months of figures for each provider, one gap with its
reason, and a series whose XmR chart shows a special cause."""

from __future__ import annotations

import random
from datetime import date

from assessments.analytics.xmr import series_frame
from assessments.records.measures import PeriodKind
from demo.provider_measures import SERIES, record_provider_measures

TODAY = date(2026, 11, 23)


def test_each_provider_has_months_of_figures_a_gap_and_a_signal(service, actor):
    orgs = [service.providers.create_organisation(actor, f"Provider {n}").id for n in (1, 2)]

    count = record_provider_measures(service, orgs, random.Random(7), TODAY)

    for org in orgs:
        values = service.measures.measure_values(org)
        months = len(values) // len(SERIES)
        assert 14 <= months <= 18 and len(values) == months * len(SERIES)
        assert max(v.period.start for v in values) == date(2026, 10, 1)
        gaps = [v for v in values if not v.available]
        assert len(gaps) == 1 and gaps[0].reason
        indicators = {i.id: i for i in service.definitions.indicators}
        signals = {
            s.indicator: series_frame(
                [v for v in values if v.indicator_id == s.indicator],
                PeriodKind.MONTH,
                indicators[s.indicator].direction.value,
            )["Signal"]
            .str.contains("improvement")
            .any()
            for s in SERIES
        }
        assert signals["out-of-area-placements"]
    assert count == sum(len(service.measures.measure_values(o)) for o in orgs)
