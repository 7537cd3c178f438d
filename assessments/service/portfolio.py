"""What a commissioner compares: each provider's first (baseline) and latest agreed
provider-wide Template A rounds of one framework version, or of versions mapped onto it, with
the moderated ratings beside the provider's own; the stakeholder groups' views behind the
latest; the teams the filters choose; and the open priorities of the providers and those
teams, with overdue reviews and goals off track.

A team's own view on Template A, practice rounds and drafts never enter a comparison
(DESIGN.md): teams are never compared on Template A. A record of another version enters only
when asked for, through the challenges' `maps_to`, and the result says which versions were
mapped. Every read is a handful of queries whatever the number of providers and teams;
`analytics/portfolio.py` turns the frames into what the page shows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.analytics.progress import goal_progress, review_overdue
from assessments.analytics.small_groups import suppressed
from assessments.records import ORGANISATION_KINDS, TEMPLATE_A, GroupView, RoundLevel
from assessments.records.plans import Measurement, PlanVersion
from assessments.records.portfolio import (
    BASELINE,
    LATEST,
    PRIORITY_COLUMNS,
    PROVIDER_COLUMNS,
    ROUND_COLUMNS,
    STAGE_COLUMNS,
    TEAM_COLUMNS,
    VIEW_COLUMNS,
    WHOLE_PROVIDER,
    PortfolioChoices,
    PortfolioFilters,
    PortfolioRecords,
)
from assessments.rules.permissions import Do
from assessments.service.ledger import Ledger
from assessments.service.plan_rows import measurement_from_row, version_from_row
from assessments.store import reading
from framework.model import BenchmarkSet


class Portfolio:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    def portfolio_choices(self) -> PortfolioChoices:
        t, o, r = store.teams, store.organisations, store.rounds
        live = (t.c.archived_at.is_(None)) & (o.c.archived_at.is_(None))
        mine = self.ledger.gate.where(Do.READ, t.c.organisation_id, t.c.id)
        rounds_seen = self.ledger.gate.where(Do.READ, r.c.organisation_id, r.c.team_id)
        if mine is not None:
            live = live & mine
        with reading(self.engine) as conn:
            teams = conn.execute(
                select(o.c.id, o.c.name, t.c.team_type, t.c.locality)
                .join(o, o.c.id == t.c.organisation_id)
                .where(live)
            ).all()
            providers = self._portfolio_providers(conn, PortfolioFilters(framework=""))
            used = conn.execute(
                select(r.c.framework, func.count(), func.min(r.c.held_on), func.max(r.c.held_on))
                .where(*agreed_provider_rounds(), *([] if rounds_seen is None else [rounds_seen]))
                .group_by(r.c.framework)
            ).all()
        types = {row.team_type for row in teams}
        return PortfolioChoices(
            providers=dict(zip(providers["provider_id"], providers["Provider"], strict=True)),
            team_types=tuple(tt.id for tt in self.definitions.team_types if tt.id in types),
            localities=tuple(sorted({row.locality for row in teams if row.locality})),
            frameworks=tuple(
                ref
                for ref, *_ in sorted(used, key=lambda u: (-u[1], u[0]))
                if ref in self.definitions.frameworks
            ),
            first_held=min((u[2] for u in used), default=None),
            last_held=max((u[3] for u in used), default=None),
        )

    def compared_versions(self, framework: str) -> tuple[str, ...]:
        """The other loaded versions whose records can be compared with `framework`'s through
        the version mapping: those that map onto it, the one it maps onto, and the others that
        map onto that same one (the 2018 wording with and without adapted stages)."""
        fw = self.definitions.framework(framework)
        return tuple(
            ref
            for ref, other in self.definitions.frameworks.items()
            if ref != framework
            and (
                other.maps_onto == framework
                or fw.maps_onto == ref
                or (fw.maps_onto is not None and other.maps_onto == fw.maps_onto)
            )
        )

    def portfolio(self, filters: PortfolioFilters) -> PortfolioRecords:
        """The records to compare: see `PortfolioRecords`."""
        mapped = self.compared_versions(filters.framework) if filters.mapped else ()
        versions = (filters.framework, *mapped)
        with reading(self.engine) as conn:
            providers = self._portfolio_providers(conn, filters)
            rounds = self._first_and_latest(conn, filters, versions, providers)
            stages = self._stages(conn, filters.framework, rounds)
            teams = self._portfolio_teams(conn, filters)
            priorities = self._open_priorities(conn, filters.framework, providers, teams)
        used = set(rounds["framework"])
        with_rounds = providers["provider_id"].isin(rounds["provider_id"])
        return PortfolioRecords(
            filters=filters,
            mapped_from=tuple(ref for ref in mapped if ref in used),
            providers=providers[with_rounds].reset_index(drop=True),
            without_rounds=tuple(providers.loc[~with_rounds, "Provider"]),
            rounds=rounds,
            stages=stages,
            teams=teams,
            priorities=priorities,
        )

    def portfolio_views(self, records: PortfolioRecords) -> pd.DataFrame:
        """How each stakeholder group saw each challenge in each provider's latest round, as
        counts of people (VIEW_COLUMNS), in the compared version's challenge ids."""
        latest = records.rounds[records.rounds["role"] == LATEST]
        c, v = store.challenge_records, store.views
        query = (
            select(
                c.c.round_id,
                c.c.challenge_id,
                v.c.group_id,
                v.c.stage_1,
                v.c.stage_2,
                v.c.stage_3,
                v.c.not_sure,
                v.c.phone_vote,
            )
            .join(v, v.c.record_id == c.c.id)
            .where(c.c.round_id.in_(latest["round_id"].tolist()))
        )
        with reading(self.engine) as conn:
            # A phone vote of fewer than 5 voters is never added in: a sum with other
            # providers' hand counts (each exact in its own report) would give its votes away.
            result = [
                row[:-1]
                for row in conn.execute(query)
                if not suppressed(GroupView(row[2], *row[3:7], phone_vote=bool(row[7])))
            ]
            counts = VIEW_COLUMNS[3:]
            found = _frame(result, columns=["round_id", "challenge_id", "group_id", *counts])
        found = found.merge(latest[["round_id", "provider_id", "framework"]], on="round_id")
        found["challenge_id"] = self._same_challenges(found, records.filters.framework)
        found = found[found["challenge_id"].notna() & found[counts].fillna(0).ne(0).any(axis=1)]
        return found[VIEW_COLUMNS].reset_index(drop=True)

    # --- the reads behind `portfolio` -------------------------------------------------------

    def _portfolio_providers(self, conn: Connection, filters: PortfolioFilters) -> pd.DataFrame:
        o = store.organisations
        query = select(o.c.id, o.c.name, o.c.kind).where(o.c.archived_at.is_(None))
        mine = self.ledger.gate.providers_seen()
        if mine is not None:  # a commissioner compares the providers they commission
            query = query.where(o.c.id.in_(mine))
        if filters.providers:
            query = query.where(o.c.id.in_(filters.providers))
        frame = _frame(conn.execute(query), columns=PROVIDER_COLUMNS)
        frame["Kind"] = frame["Kind"].map(ORGANISATION_KINDS).fillna(frame["Kind"])
        return frame.sort_values(["Provider", "provider_id"], ignore_index=True)

    def _portfolio_teams(self, conn: Connection, filters: PortfolioFilters) -> pd.DataFrame:
        t, o = store.teams, store.organisations
        query = (
            select(t.c.id, t.c.name, o.c.name, o.c.id, t.c.team_type, t.c.locality)
            .join(o, o.c.id == t.c.organisation_id)
            .where(t.c.archived_at.is_(None), o.c.archived_at.is_(None))
        )
        mine = self.ledger.gate.where(Do.READ, t.c.organisation_id, t.c.id)
        if mine is not None:
            query = query.where(mine)
        if filters.providers:
            query = query.where(o.c.id.in_(filters.providers))
        if filters.team_types:
            query = query.where(t.c.team_type.in_(filters.team_types))
        if filters.localities:
            query = query.where(t.c.locality.in_(filters.localities))
        names = {tt.id: tt.name for tt in self.definitions.team_types}
        columns = [c for c in TEAM_COLUMNS if c != "Type"]
        frame = _frame(conn.execute(query), columns=columns)
        frame.insert(5, "Type", frame["type_id"].map(names).fillna(frame["type_id"]))
        frame["Locality"] = frame["Locality"].fillna("")
        return frame.sort_values(["Provider", "Team", "team_id"], ignore_index=True)

    @staticmethod
    def _first_and_latest(
        conn: Connection,
        filters: PortfolioFilters,
        versions: tuple[str, ...],
        providers: pd.DataFrame,
    ) -> pd.DataFrame:
        r, p = store.rounds, store.participants
        people = (
            select(p.c.round_id, func.sum(p.c.people).label("people"))
            .group_by(p.c.round_id)
            .subquery()
        )
        query = (
            select(r.c.organisation_id, r.c.id, r.c.held_on, r.c.framework, people.c.people)
            .outerjoin(people, people.c.round_id == r.c.id)
            .where(*agreed_provider_rounds(), r.c.framework.in_(versions))
        )
        if filters.held_from:
            query = query.where(r.c.held_on >= filters.held_from)
        if filters.held_to:
            query = query.where(r.c.held_on <= filters.held_to)
        frame = _frame(conn.execute(query), columns=ROUND_COLUMNS[:-1])
        frame = frame[frame["provider_id"].isin(providers["provider_id"])].copy()
        frame["People"] = frame["People"].fillna(0).astype("int64")
        frame = frame.sort_values(["provider_id", "Held on", "round_id"], ignore_index=True)
        first = frame.drop_duplicates("provider_id", keep="first").assign(role=BASELINE)
        latest = frame.drop_duplicates("provider_id", keep="last").assign(role=LATEST)
        # A provider with one round has it as its latest only: not reviewed since.
        first = first[~first["round_id"].isin(latest["round_id"])]
        both = pd.concat([first, latest], ignore_index=True)
        return both.sort_values(["provider_id", "Held on"], ignore_index=True)[ROUND_COLUMNS]

    def _stages(self, conn: Connection, framework: str, rounds: pd.DataFrame) -> pd.DataFrame:
        c, m = store.challenge_records, store.moderations
        query = (
            select(c.c.round_id, c.c.challenge_id, c.c.agreed_stage, c.c.not_agreed, m.c.stage)
            .outerjoin(m, m.c.record_id == c.c.id)
            .where(c.c.round_id.in_(rounds["round_id"].tolist()))
        )
        found = _frame(
            conn.execute(query),
            columns=["round_id", "challenge_id", "stage", "not_agreed", "moderated"],
        )
        found = found.merge(rounds[["round_id", "provider_id", "role", "framework"]], on="round_id")
        found["challenge_id"] = self._same_challenges(found, framework)
        frame = found.loc[found["challenge_id"].notna(), STAGE_COLUMNS]
        frame = frame.astype({"stage": "Int64", "not_agreed": "bool", "moderated": "Int64"})
        return frame.reset_index(drop=True)

    def _same_challenges(self, found: pd.DataFrame, framework: str) -> pd.Series:
        """Each row's challenge_id (of its round's `framework` version) as the compared
        version's challenge, or None where that version has no such challenge. The mapping is
        looked up once per challenge id, not per row."""
        other = found["framework"] != framework
        theirs = found.loc[other, "challenge_id"]
        mapped = {c: self.definitions.counterpart(c, framework) for c in theirs.unique()}
        same = found["challenge_id"].astype(object)
        same[other] = theirs.map(mapped)
        return same

    def _open_priorities(
        self, conn: Connection, framework: str, providers: pd.DataFrame, teams: pd.DataFrame
    ) -> pd.DataFrame:
        """The open priorities of these providers as a whole and of these teams, Template B
        and TRIP alike, with when each review is due and the goals now off track (as
        `progress.goal_progress` judges)."""
        p, v, rv, m = store.plans, store.plan_versions, store.reviews, store.measurements
        team_names = dict(zip(teams["team_id"], teams["Team"], strict=True))
        provider_names = dict(zip(providers["provider_id"], providers["Provider"], strict=True))
        plans = [
            row
            for row in conn.execute(
                select(
                    p.c.id,
                    p.c.organisation_id,
                    p.c.team_id,
                    p.c.scope,
                    p.c.framework,
                    p.c.challenge_id,
                ).where(p.c.status == "open")
            )
            if row.team_id in team_names
            or (row.team_id is None and row.organisation_id in provider_names)
        ]
        ids = [row.id for row in plans]
        versions: dict[int, list[PlanVersion]] = defaultdict(list)
        for row in conn.execute(select(v).where(v.c.plan_id.in_(ids)).order_by(v.c.number)):
            versions[row.plan_id].append(version_from_row(row._mapping))
        next_review: dict[int, date | None] = {}
        reviewed = select(rv.c.plan_id, rv.c.next_review_on).where(rv.c.plan_id.in_(ids))
        for plan_id, due in conn.execute(reviewed.order_by(rv.c.held_on, rv.c.id)):
            next_review[plan_id] = due  # the last review's word stands
        measured: dict[int, list[Measurement]] = defaultdict(list)
        for row in conn.execute(select(m).where(m.c.plan_id.in_(ids))):
            measured[row.plan_id].append(measurement_from_row(row._mapping))
        today = self.today()
        found = []
        for row in plans:
            signed = [version for version in versions[row.id] if version.signed]
            content = (signed or versions[row.id])[-1].content
            due = next_review.get(row.id, content.next_review_on)
            off = [
                goal.statement
                for goal in content.goals
                if goal_progress(goal, measured[row.id], today) == "Off track"
            ]
            trip = row.scope.startswith("trip:")
            found.append(
                (
                    row.id,
                    row.organisation_id,
                    row.team_id,
                    team_names.get(row.team_id, WHOLE_PROVIDER),
                    provider_names.get(row.organisation_id, ""),
                    "TRIP" if trip else "Template B",
                    self._priority_challenge(row.framework, row.challenge_id, framework),
                    self.priority_name(row.framework, row.challenge_id, content.title, trip),
                    due,
                    review_overdue(due, today),
                    "; ".join(off),
                    str(content.contract),
                )
            )
        frame = pd.DataFrame(found, columns=PRIORITY_COLUMNS)
        return frame.astype({"team_id": "Int64"})

    def _priority_challenge(self, version: str, challenge_id: str, framework: str) -> str | None:
        """The compared version's challenge a priority works on: a TRIP priority's statement
        counts under the challenge its benchmark set groups it by."""
        if version not in self.definitions.frameworks:
            bset = self._benchmark_set(version)
            group = bset.group_of(challenge_id) if bset else None
            if group is None:
                return None
            challenge_id = group.challenge
        return self.definitions.counterpart(challenge_id, framework)

    def priority_name(self, version: str, challenge_id: str, title: str, trip: bool) -> str:
        """A priority in a few words: its challenge, or a TRIP priority's title."""
        if trip:
            bset = self._benchmark_set(version)
            statement = bset.statement(challenge_id) if bset else None
            return title or (statement.text if statement else challenge_id)
        fw = self.definitions.frameworks.get(version)
        challenge = next((c for c in fw.challenges if c.id == challenge_id), None) if fw else None
        return f"{challenge.number}. {challenge.short_title}" if challenge else challenge_id

    def _benchmark_set(self, ref: str) -> BenchmarkSet | None:
        return next((s for s in self.definitions.benchmark_sets.values() if s.ref == ref), None)


def agreed_provider_rounds() -> tuple:
    """Provider-wide Template A rounds the room agreed: the only ones compared. A team's own
    view, drafts and practice never are."""
    r = store.rounds
    return (r.c.kind == TEMPLATE_A, r.c.level == RoundLevel.PROVIDER, r.c.status == "agreed")


def _frame(result, columns: list[str]) -> pd.DataFrame:
    """A query's rows as a frame. As plain tuples: pandas reads SQLAlchemy's Row objects one
    value at a time, several times slower."""
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=columns)
