"""The board report's read of the measures commissioners contract on, inside its one
transaction: for a team its own values, for a provider its own and every team's, for the
portfolio every provider's the reader may see; with the names of each value's place. One
statement whatever the number of providers, teams or values."""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.queries.report_data import ReportScope
from assessments.records.measures import PlacedValue
from assessments.rules.permissions import Do
from assessments.service.gate import Gate
from assessments.service.measures import value_from_row


def read_measures(conn: Connection, gate: Gate, scope: ReportScope) -> tuple[PlacedValue, ...]:
    m, o, t = store.measure_values, store.organisations, store.teams
    query = (
        select(m, o.c.name.label("provider_name"), t.c.name.label("team_name"))
        .join(o, o.c.id == m.c.organisation_id)
        .outerjoin(t, t.c.id == m.c.team_id)
    )
    if scope.kind == "team":
        query = query.where(m.c.team_id == scope.id)
    elif scope.kind == "org":
        query = query.where(m.c.organisation_id == scope.id)
    else:
        query = query.where(o.c.archived_at.is_(None))
        mine = gate.where(Do.READ, m.c.organisation_id, m.c.team_id)
        if mine is not None:
            query = query.where(and_(mine))
    query = query.order_by(
        o.c.name, m.c.team_id.is_not(None), t.c.name, m.c.indicator_id, m.c.period_kind,
        m.c.period_start,
    )  # fmt: skip
    return tuple(
        PlacedValue(value_from_row(row), row["provider_name"], row["team_name"])
        for row in conn.execute(query).mappings()
    )
