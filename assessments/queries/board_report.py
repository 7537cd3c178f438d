"""The board report's one read: `read_board_report` opens one read transaction and runs a
fixed number of statements for a team, a provider or the portfolio, however many teams, rounds
and plans there are (lists of ids are subqueries, never one statement per row), and returns a
`BoardReportData`: plain frozen records, nothing that can reach the store again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.queries.measures import read_measures
from assessments.queries.report_data import (
    BoardReportData,
    PlanRecords,
    ReportScope,
    RoundRecords,
    ScopeError,
    TeamTrip,
    TripRound,
)
from assessments.records import TEMPLATE_A, TRIP, Organisation, Team
from assessments.records.portfolio import PortfolioFilters, PortfolioRecords
from assessments.records.stories import BEYOND_THE_TEAM
from assessments.records.trip_status import TripStatusRecords
from assessments.rules.permissions import Do
from assessments.service import Service
from assessments.service.plan_rows import (
    measurement_from_row,
    plan_from_row,
    review_from_row,
    version_from_row,
)
from assessments.service.portfolio import agreed_provider_rounds
from assessments.service.providers import organisation_from_row, team_from_row
from assessments.service.rounds import round_from_row
from assessments.service.stories import story_from_row
from assessments.service.trip_rows import asset_from_row, statement_rating_from_row
from assessments.service.workshop_rows import moderation_columns, record_from_row
from assessments.store import one_read, reading


def read_board_report(
    service: Service, scope: ReportScope, filters: PortfolioFilters | None = None
) -> BoardReportData:
    """Everything the board report for `scope` shows. A provider's report compares its own
    teams; the portfolio's, the teams `filters` choose (by default every team, on the most
    used framework version). Raises ScopeError for a team or provider that does not exist."""
    gate = service.ledger.gate  # the portfolio's own read leaves out what is not the asker's
    if scope.kind == "team":
        gate.check(Do.READ, team=scope.id)
    elif scope.kind == "org":
        gate.check_whole_provider(Do.READ, scope.id)
    # One transaction: the units' own reads called in here share it (store.one_read).
    with one_read(service.engine), reading(service.engine) as conn:
        return _read(conn, service, scope, filters)


def _read(
    conn: Connection, svc: Service, scope: ReportScope, filters: PortfolioFilters | None
) -> BoardReportData:
    team, org = _scope_records(conn, scope)
    team_id = team.id if team else None
    plans = _plans(conn, svc, _template_b(org, team)) if org else ()
    trip_priorities = _plans(conn, svc, store.plans.c.scope == f"trip:{team_id}") if team else ()
    portfolio = _portfolio(conn, svc, org, filters) if scope.kind != "team" else None
    return BoardReportData(
        scope=scope,
        name=_scope_name(team, org),
        today=svc.today(),
        definitions=svc.definitions,
        organisation=org,
        team=team,
        rounds=_rounds(conn, svc, org, team) if org else (),
        team_names=_team_names(conn, org) if org else {},
        plans=plans,
        trip_priorities=trip_priorities,
        assets=_assets(conn, team_id) if team else (),
        trip_rounds=_trip_rounds(conn, svc, team_id) if team else (),
        portfolio=portfolio,
        team_trips=_team_trips(conn, svc, portfolio) if portfolio is not None else (),
        trip_status=_trip_status(svc, scope, org, filters),
        measures=read_measures(conn, svc.ledger.gate, scope),
    )


# --- the scope ---------------------------------------------------------------------------------


def _scope_records(conn: Connection, scope: ReportScope) -> tuple[Team | None, Organisation | None]:
    if scope.kind == "portfolio":
        return None, None
    t, o = store.teams, store.organisations
    if scope.kind == "team":
        query = select(t, o.c.name.label("provider_name")).join(o, o.c.id == t.c.organisation_id)
        row = conn.execute(query.where(t.c.id == scope.id)).mappings().first()
        what = "team"
    else:
        row = conn.execute(select(o).where(o.c.id == scope.id)).mappings().first()
        what = "provider"
    if row is None:
        raise ScopeError(
            f"No report for {scope}: there is no {what} {scope.id}; it may have been typed wrongly."
        )
    if scope.kind == "org":
        return None, organisation_from_row(row)
    team = team_from_row(row)
    found = conn.execute(select(o).where(o.c.id == team.organisation_id)).mappings().one()
    return team, organisation_from_row(found)


def _scope_name(team: Team | None, org: Organisation | None) -> str:
    if team is not None and org is not None:
        return f"{team.name}, {org.name}"
    return org.name if org is not None else "All providers and teams"


def _team_names(conn: Connection, org: Organisation) -> dict[int, str]:
    t = store.teams
    return dict(conn.execute(select(t.c.id, t.c.name).where(t.c.organisation_id == org.id)).all())


# --- Template A rounds -------------------------------------------------------------------------


def _rounds(
    conn: Connection, svc: Service, org: Organisation, team: Team | None
) -> tuple[RoundRecords, ...]:
    """The scope's Template A rounds, newest first, in four statements: the rounds, who took
    part, the challenge records, and the group views of the scope's own rounds."""
    r, p, c, v = store.rounds, store.participants, store.challenge_records, store.views
    where = [r.c.kind == TEMPLATE_A, r.c.organisation_id == org.id]
    if team is not None:
        where.append(r.c.team_id == team.id)
    ids = select(r.c.id).where(*where).scalar_subquery()
    own = r.c.team_id == team.id if team is not None else r.c.team_id.is_(None)
    own_ids = select(r.c.id).where(*where, own).scalar_subquery()
    rows = conn.execute(select(r).where(*where).order_by(r.c.held_on.desc(), r.c.id.desc()))
    rounds = [row._mapping for row in rows]
    people: dict[int, dict[str, int]] = defaultdict(dict)
    for row in conn.execute(select(p).where(p.c.round_id.in_(ids))):
        people[row.round_id][row.group_id] = row.people
    m = store.moderations  # each record's moderated rating, in the same statement
    records = (
        conn.execute(
            select(c, *moderation_columns())
            .outerjoin(m, m.c.record_id == c.c.id)
            .where(c.c.round_id.in_(ids))
        )
        .mappings()
        .all()
    )
    views: dict[int, list] = defaultdict(list)
    query = select(v).join(c, v.c.record_id == c.c.id).where(c.c.round_id.in_(own_ids))
    for view in conn.execute(query).mappings():
        views[view["record_id"]].append(view)
    groups = [g.id for g in svc.definitions.stakeholder_groups]
    by_round: dict[int, dict] = defaultdict(dict)
    for row in records:
        by_round[row["round_id"]][row["challenge_id"]] = record_from_row(
            row, views[row["id"]], groups
        )
    found = []
    for row in rounds:
        fw = svc.definitions.frameworks.get(row["framework"])
        order = [ch.id for ch in fw.challenges] if fw else sorted(by_round[row["id"]])
        mine = by_round[row["id"]]
        found.append(
            RoundRecords(
                round_from_row(row, people.get(row["id"], {})),
                {cid: mine[cid] for cid in order if cid in mine},
            )
        )
    return tuple(found)


# --- plans -------------------------------------------------------------------------------------


def _template_b(org: Organisation, team: Team | None) -> ColumnElement[bool]:
    key = f"team:{team.id}" if team is not None else f"org:{org.id}"
    return store.plans.c.scope == key


def _plans(conn: Connection, svc: Service, which: ColumnElement[bool]) -> tuple[PlanRecords, ...]:
    """The plans `which` chooses, open first, with their versions, reviews, measurements and
    the stories shared for board reports: five statements however many plans."""
    p, v, rv, m = store.plans, store.plan_versions, store.reviews, store.measurements
    ids = select(p.c.id).where(which).scalar_subquery()
    rows = conn.execute(select(p).where(which).order_by(p.c.id)).mappings().all()
    versions = _grouped(
        conn.execute(select(v).where(v.c.plan_id.in_(ids)).order_by(v.c.plan_id, v.c.number)),
        version_from_row,
    )
    query = select(rv).where(rv.c.plan_id.in_(ids)).order_by(rv.c.held_on, rv.c.id)
    reviews = _grouped(conn.execute(query), review_from_row)
    query = select(m).where(m.c.plan_id.in_(ids)).order_by(m.c.measured_on, m.c.id)
    measurements = _grouped(conn.execute(query), measurement_from_row)
    st = store.stories
    shared = [c.value for c in BEYOND_THE_TEAM]  # a board report reaches beyond the team
    query = select(st).where(st.c.plan_id.in_(ids), st.c.consent.in_(shared))
    stories = _grouped(conn.execute(query.order_by(st.c.told_on, st.c.id)), story_from_row)
    found = []
    for row in rows:
        plan = plan_from_row(row, versions[row["id"]][-1])
        named = svc.portfolio.priority_name
        found.append(
            PlanRecords(
                plan,
                named(plan.framework, plan.challenge_id, plan.latest.content.title, plan.trip),
                named(plan.framework, plan.challenge_id, "", plan.trip),
                tuple(versions[plan.id]),
                tuple(reviews.get(plan.id, ())),
                tuple(measurements.get(plan.id, ())),
                tuple(stories.get(plan.id, ())),
            )
        )
    return tuple(sorted(found, key=lambda x: (not x.plan.open, x.plan.id)))


def _grouped(rows: Iterable, build) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for row in rows:
        found[row.plan_id].append(build(row._mapping))
    return found


# --- TRIP --------------------------------------------------------------------------------------


def _assets(conn: Connection, team_id: int) -> tuple:
    a = store.assets
    query = select(a).where(a.c.team_id == team_id, a.c.archived_at.is_(None))
    return tuple(
        asset_from_row(row) for row in conn.execute(query.order_by(a.c.id.desc())).mappings()
    )


def _trip_rounds(conn: Connection, svc: Service, team_id: int) -> tuple[TripRound, ...]:
    """The team's TRIP rounds, newest first, with who took part and every rating."""
    r, p, t = store.rounds, store.participants, store.trip_ratings
    where = (r.c.kind == TRIP, r.c.team_id == team_id)
    ids = select(r.c.id).where(*where).scalar_subquery()
    rows = conn.execute(select(r).where(*where).order_by(r.c.held_on.desc(), r.c.id.desc()))
    rounds = [row._mapping for row in rows]
    people: dict[int, dict[str, int]] = defaultdict(dict)
    for row in conn.execute(select(p).where(p.c.round_id.in_(ids))):
        people[row.round_id][row.group_id] = row.people
    ratings: dict[int, dict] = defaultdict(dict)
    for row in conn.execute(select(t).where(t.c.round_id.in_(ids))).mappings():
        ratings[row["round_id"]][row["statement_id"]] = statement_rating_from_row(row)
    sets = {s.ref: s for s in svc.definitions.benchmark_sets.values()}
    found = []
    for row in rounds:
        bset, mine = sets.get(row["framework"]), ratings[row["id"]]
        order = [s.id for s in bset.statements] if bset else sorted(mine)
        rated = {sid: mine[sid] for sid in order if sid in mine}
        found.append(TripRound(round_from_row(row, people.get(row["id"], {})), rated))
    return tuple(found)


def _team_trips(conn: Connection, svc: Service, records: PortfolioRecords) -> tuple[TeamTrip, ...]:
    """Each compared team's current assets by kind and its open TRIP priorities: one count
    and the four plan statements for every team together."""
    if records.teams.empty:
        return ()
    a, p, t = store.assets, store.plans, store.teams
    live = select(t.c.id).where(t.c.archived_at.is_(None))
    if records.filters.providers:
        live = live.where(t.c.organisation_id.in_(records.filters.providers))
    live_ids = live.scalar_subquery()
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    query = (
        select(a.c.team_id, a.c.kind, func.count())
        .where(a.c.archived_at.is_(None), a.c.team_id.in_(live_ids))
        .group_by(a.c.team_id, a.c.kind)
    )
    for team_id, kind, n in conn.execute(query):
        counts[team_id][kind] = n
    trip_open = (p.c.scope.like("trip:%")) & (p.c.status == "open") & p.c.team_id.in_(live_ids)
    priorities: dict[int, list[PlanRecords]] = defaultdict(list)
    for plan in _plans(conn, svc, trip_open):
        priorities[plan.plan.team_id].append(plan)
    return tuple(
        TeamTrip(
            row.team_id,
            row.Team,
            row.Provider,
            counts.get(row.team_id, {}),
            tuple(priorities.get(row.team_id, ())),
        )
        for row in records.teams.itertuples(index=False)
    )


def _trip_status(
    svc: Service, scope: ReportScope, org: Organisation | None, filters: PortfolioFilters | None
) -> TripStatusRecords | None:
    """Teams by their TRIP: a provider's own teams, or those the portfolio's filters choose
    (every team without them); None for a team's report. Inside this read's transaction."""
    if scope.kind == "team":
        return None
    if org is not None:
        return svc.trip_status.teams_by_trip(PortfolioFilters(framework="", providers=(org.id,)))
    return svc.trip_status.teams_by_trip(filters)


# --- the teams compared ------------------------------------------------------------------------


def _portfolio(
    conn: Connection, svc: Service, org: Organisation | None, filters: PortfolioFilters | None
) -> PortfolioRecords | None:
    """What is compared: the provider and its own teams for a provider, the filters' providers
    and teams for a portfolio; None when no provider has an agreed provider-wide round of a
    loaded framework."""
    frameworks = _most_used_frameworks(conn, svc)
    if not frameworks:
        return None
    filters = filters or PortfolioFilters(framework=frameworks[0])
    if org is not None:
        filters = PortfolioFilters(framework=filters.framework, providers=(org.id,))
    return svc.portfolio.portfolio(filters)


def _most_used_frameworks(conn: Connection, svc: Service) -> list[str]:
    """Loaded framework versions of agreed provider-wide rounds, most used first (as the
    portfolio page's choices order them)."""
    r = store.rounds
    query = select(r.c.framework, func.count()).where(*agreed_provider_rounds())
    query = query.group_by(r.c.framework)
    used = sorted(conn.execute(query).all(), key=lambda u: (-u[1], u[0]))
    return [ref for ref, _ in used if ref in svc.definitions.frameworks]
