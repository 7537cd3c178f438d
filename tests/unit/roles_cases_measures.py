"""The role table's rows for the measures commissioners contract on: everyone with the place
reads them; the facilitator, the provider lead and the commissioner record them (never a team
member: service/measures.py says why), one at a time or from a CSV file."""

from __future__ import annotations

from datetime import date

from assessments.records.measures import Period, PeriodKind
from tests.unit.roles_expected import (
    COMMISSIONER,
    FACILITATOR,
    LEAD,
    UseCase,
    read_everywhere,
    write,
)

MOVES = "moves-to-independent-living"
OCT = Period(date(2026, 10, 1), PeriodKind.MONTH)
RECORDERS = (FACILITATOR, LEAD, COMMISSIONER)


def _version(local, side) -> int:
    """The version of the team's October figure as stored now (0: none yet)."""
    found = local.measures.measure_values(side.organisation, team_id=side.team, indicator_id=MOVES)
    return next((v.version for v in found if v.period == OCT), 0)


def _csv(local, side) -> str:
    team = local.providers.team(side.team).name
    return f"team,indicator,period,value\n{team},{MOVES},2026-09,4\n"


MEASURE_CASES = [
    UseCase(
        "measures.measure_values",
        lambda svc, local, actor, side, role: svc.measures.measure_values(
            side.organisation, team_id=side.team
        ),
        read_everywhere(),
    ),
    UseCase(
        "measures.record_value",
        lambda svc, local, actor, side, role: svc.measures.record_value(
            actor,
            side.organisation,
            MOVES,
            OCT,
            _version(local, side),
            value=5,
            team_id=side.team,
        ),
        write(*RECORDERS),
    ),
    UseCase(
        "measures.record_not_available",
        lambda svc, local, actor, side, role: svc.measures.record_not_available(
            actor,
            side.organisation,
            MOVES,
            OCT,
            _version(local, side),
            reason=f"Not sent, said {role}",
            team_id=side.team,
        ),
        write(*RECORDERS),
    ),
    UseCase(
        "measures.import_csv",
        lambda svc, local, actor, side, role: svc.measures.import_csv(
            actor, side.organisation, _csv(local, side)
        ),
        write(*RECORDERS),
    ),
]
