"""Teams by their TRIP, for a commissioner: one row per live team the person may read, saying
whether its TRIP is current, when it last held a TRIP round and reviewed a priority, when the
next review is due and whether it is overdue, how many priorities are open and co-led, how many
assets it has recorded, and how its answers moved between its last two rounds.

Teams are compared by their TRIP, never ranked on Template A stages, and a TRIP is never one
score: the row says what happened and when, and counts statements by how their answers moved.
Practice rounds never count. The read is five statements whatever the number of teams (the
teams with their assets counted, their rounds, the ratings of the last two, their TRIP
priorities with the open ones' versions, and the reviews); `analytics/trip_status.py` counts
and tabulates.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import pandas as pd
from sqlalchemy import and_, func, select

from assessments import store
from assessments.analytics.progress import review_overdue
from assessments.analytics.trip_status import answer_moves
from assessments.records import TRIP
from assessments.records.plans import PlanContent
from assessments.records.portfolio import PortfolioFilters
from assessments.records.trip_status import (
    CURRENT,
    LAPSED,
    MOVES,
    NO,
    NO_TRIP,
    STATUS_COLUMNS,
    TALKED_THROUGH,
    YES,
    TripStatusRecords,
)
from assessments.rules.permissions import Do
from assessments.service.ledger import Ledger
from assessments.store import reading

# The method asks that a team's TRIP priorities be "reviewed regularly" (Repper & Perkins 2013,
# ImROC Briefing Paper 6) and names no interval. This tool's threshold: a TRIP is current when
# the team held a TRIP round, or reviewed one of its TRIP priorities, within this many months.
CURRENT_MONTHS = 12


class TripStatus:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    def teams_by_trip(
        self, chosen: PortfolioFilters | Iterable[int] | None = None
    ) -> TripStatusRecords:
        """Every live team the person may read among those `chosen`: the portfolio's filters
        (providers, team types, localities; its framework and dates are Template A's and do
        not apply), team ids, or None for every team. A TRIP is current (`CURRENT_MONTHS`, a
        threshold of this tool's: the method says only "reviewed regularly") when the team
        held a TRIP round other than a practice one, or reviewed one of its TRIP priorities,
        within the last `CURRENT_MONTHS` months; lapsed when it has a round but nothing since
        then; None with no round. See `records/trip_status.py` for the columns."""
        today = self.today()
        since = months_before(today, CURRENT_MONTHS)
        t, o = store.teams, store.organisations
        where = [t.c.archived_at.is_(None), o.c.archived_at.is_(None), *self._chosen(chosen)]
        mine = self.ledger.gate.where(Do.READ, t.c.organisation_id, t.c.id)
        if mine is not None:  # a commissioner reads the providers they commission
            where.append(mine)
        team_ids = (
            select(t.c.id).join(o, o.c.id == t.c.organisation_id).where(*where).scalar_subquery()
        )
        a = store.assets
        assets = (
            select(a.c.team_id, func.count().label("assets"))
            .where(a.c.archived_at.is_(None), a.c.team_id.in_(team_ids))
            .group_by(a.c.team_id)
            .subquery()
        )
        with reading(self.engine) as conn:
            teams = conn.execute(
                select(t.c.id, t.c.name, o.c.name, o.c.id, t.c.team_type, t.c.locality)
                .add_columns(func.coalesce(assets.c.assets, 0))
                .join(o, o.c.id == t.c.organisation_id)
                .outerjoin(assets, assets.c.team_id == t.c.id)
                .where(*where)
            ).all()
            rounds = self._rounds(conn, team_ids, today)
            answers = self._answers(conn, [rid for pair in rounds.values() for rid, *_ in pair])
            plans = self._priorities(conn, team_ids)
        types = {tt.id: tt.name for tt in self.definitions.team_types}
        rows = []
        for team_id, name, provider, provider_id, team_type, locality, recorded in teams:
            last_two = rounds.get(team_id, [])
            held = last_two[-1][1] if last_two else None
            before = last_two[0][1] if len(last_two) == 2 else None
            theirs = plans.get(team_id, _Priorities())
            reviewed = theirs.last_review
            if held is None:
                status = NO_TRIP
            elif held >= since or (reviewed is not None and reviewed >= since):
                status = CURRENT
            else:
                status = LAPSED
            due = min((d for d in theirs.due if d is not None), default=None)
            rows.append(
                (
                    *(team_id, name, provider, provider_id, types.get(team_type, team_type)),
                    *(locality or "", status, held, reviewed, due),
                    *(YES if review_overdue(due, today) else NO, theirs.open, theirs.co_led),
                    *(int(recorded), before, *self._moved(last_two, answers)),
                )
            )
        frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
        frame = frame.astype(dict.fromkeys([*MOVES, TALKED_THROUGH], "Int64"))
        frame = frame.sort_values(["Provider", "Team", "team_id"], ignore_index=True)
        return TripStatusRecords(frame, today, since, CURRENT_MONTHS)

    # --- the reads behind `teams_by_trip` ---------------------------------------------------

    @staticmethod
    def _chosen(chosen: PortfolioFilters | Iterable[int] | None) -> list:
        t = store.teams
        if chosen is None:
            return []
        if not isinstance(chosen, PortfolioFilters):
            return [t.c.id.in_([int(team_id) for team_id in chosen])]
        where = []
        if chosen.providers:
            where.append(t.c.organisation_id.in_(chosen.providers))
        if chosen.team_types:
            where.append(t.c.team_type.in_(chosen.team_types))
        if chosen.localities:
            where.append(t.c.locality.in_(chosen.localities))
        return where

    @staticmethod
    def _rounds(conn, team_ids, today: date) -> dict[int, list[tuple[int, date, str]]]:
        """Each team's last two TRIP rounds held by `today` other than practice ones (a draft
        dated later is planned, not held), earlier first, as (round id, held on, set)."""
        r = store.rounds
        query = (
            select(r.c.team_id, r.c.id, r.c.held_on, r.c.framework)
            .where(r.c.kind == TRIP, r.c.status != "practice", r.c.held_on <= today)
            .where(r.c.team_id.in_(team_ids))
            .order_by(r.c.team_id, r.c.held_on, r.c.id)
        )
        found: dict[int, list[tuple[int, date, str]]] = defaultdict(list)
        for team_id, round_id, held_on, framework in conn.execute(query):
            found[team_id] = [*found[team_id][-1:], (round_id, held_on, framework)]
        return found

    @staticmethod
    def _answers(conn, round_ids: list[int]) -> dict[int, dict[str, str | None]]:
        """Each round's answers: statement id -> the scale's value, None when not talked."""
        tr = store.trip_ratings
        found: dict[int, dict[str, str | None]] = defaultdict(dict)
        query = select(tr.c.round_id, tr.c.statement_id, tr.c.rating)
        for round_id, statement, value in conn.execute(query.where(tr.c.round_id.in_(round_ids))):
            found[round_id][statement] = value
        return found

    def _moved(self, last_two: list[tuple[int, date, str]], answers) -> tuple:
        """Statements moved on, stayed, moved back, changed (missing with fewer than two
        rounds) and talked through in the last round (missing with no round)."""
        if not last_two:
            return (pd.NA,) * (len(MOVES) + 1)
        (later_id, _, framework) = last_two[-1]
        later = answers.get(later_id, {})
        if len(last_two) < 2:
            talked = sum(1 for value in later.values() if value is not None)
            return (pd.NA,) * len(MOVES) + (talked,)
        sets = {s.ref: s for s in self.definitions.benchmark_sets.values()}
        bset = sets.get(framework)
        scale = self.definitions.scales.get(bset.scale) if bset else None
        if scale is None:  # a set no longer loaded: its answers cannot be placed on a scale
            talked = sum(1 for value in later.values() if value is not None)
            return (pd.NA,) * len(MOVES) + (talked,)
        moves = answer_moves(answers.get(last_two[0][0], {}), later, scale)
        return tuple(moves[key] for key in (*MOVES, TALKED_THROUGH))

    @staticmethod
    def _priorities(conn, team_ids) -> dict[int, _Priorities]:
        """Each team's TRIP priorities: the last review of any, and for the open ones when each
        review is due and whether both co-leads are named (in the version agreed, or else the
        draft)."""
        p, v, rv = store.plans, store.plan_versions, store.reviews
        trip = (p.c.scope.like("trip:%"), p.c.team_id.in_(team_ids))
        plans: dict[int, int] = {}  # plan id -> team id
        chosen: dict[int, str] = {}  # open plan id -> the content in force, or the latest draft's
        signed: set[int] = set()
        query = (  # each plan, with its versions when it is open
            select(p.c.id, p.c.team_id, v.c.content, v.c.signed_on)
            .outerjoin(v, and_(v.c.plan_id == p.c.id, p.c.status == "open"))
            .where(*trip)
            .order_by(p.c.id, v.c.number)
        )
        for plan_id, team_id, content, signed_on in conn.execute(query):
            plans[plan_id] = team_id
            if content is None:
                continue
            if signed_on is not None or plan_id not in signed:
                chosen[plan_id] = content
            if signed_on is not None:
                signed.add(plan_id)
        last_review: dict[int, date] = {}
        next_review: dict[int, date | None] = {}
        all_ids = select(p.c.id).where(*trip).scalar_subquery()
        query = select(rv.c.plan_id, rv.c.held_on, rv.c.next_review_on)
        for plan_id, held_on, due in conn.execute(
            query.where(rv.c.plan_id.in_(all_ids)).order_by(rv.c.held_on, rv.c.id)
        ):
            team_id = plans[plan_id]
            last_review[team_id] = max(held_on, last_review.get(team_id, held_on))
            next_review[plan_id] = due  # the last review's word stands
        found: dict[int, _Priorities] = defaultdict(_Priorities)
        for team_id, held_on in last_review.items():
            found[team_id].last_review = held_on
        for plan_id, raw in chosen.items():
            content = PlanContent.model_validate_json(raw)
            mine = found[plans[plan_id]]
            mine.open += 1
            both = content.staff_lead.name.strip() and content.person_lead_initials.strip()
            mine.co_led += 1 if both else 0
            mine.due.append(next_review.get(plan_id, content.next_review_on))
        return found


class _Priorities:
    """One team's TRIP priorities, as the row needs them."""

    def __init__(self) -> None:
        self.last_review: date | None = None
        self.open = 0
        self.co_led = 0
        self.due: list[date | None] = []


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day where it is
    shorter: 31 March less one month is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
