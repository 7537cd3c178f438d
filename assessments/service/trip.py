"""A team's Team Recovery Implementation Plan: its assets, its TRIP rounds (the benchmarking
conversation, one statement at a time) and its co-led priorities. `Service` inherits these.

A TRIP round is a round of kind "trip" whose framework is the benchmark set of the team's type.
Its priorities are plans (see `plans.py`) in the team's "trip:ID" scope, so their actions,
agreement, reviews and versions work exactly as Template B's do. Nothing here adds ratings up:
the conversation is kept as what the room said, statement by statement.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import select

from assessments import store
from assessments.records import TRIP, Actor, Round, RoundLevel, Team
from assessments.records.plans import Plan, PlanContent
from assessments.records.trip import Asset, NewAsset, Rating, StatementRating
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.names import NOT_A_NAME, looks_like_a_name
from assessments.rules.permissions import Do
from assessments.rules.text import TEXT_LENGTH, checked_actor, clean_text
from assessments.service.ledger import Ledger, differences_between, utc_now
from assessments.service.plan_rows import trip_scope
from assessments.service.plans import Plans
from assessments.service.providers import Providers, team_from_row
from assessments.service.rounds import Rounds, round_from_row
from assessments.service.trip_rows import (
    asset_changes,
    asset_from_row,
    insert_assets,
    rating_row,
    statement_rating_from_row,
)
from assessments.store import reading, writing
from framework.model import BenchmarkSet

HELD_BY_LENGTH = 60  # a role ("Peer support worker") or initials, never a name and address

RATING_LABELS = {"value": "How far we have got", "proud": "Proud of", "next_step": "Could do next"}


class Trip:
    def __init__(self, ledger: Ledger, providers: Providers, rounds: Rounds, plans: Plans) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today
        self._providers = providers
        self._rounds = rounds
        self._plans = plans

    # --- TRIP rounds ------------------------------------------------------------------------

    def benchmark_set_for(self, team: Team) -> BenchmarkSet:
        """The statements that suit the team's kind: community, inpatient or corporate."""
        return self.definitions.benchmark_sets[
            self.definitions.team_type(team.team_type).benchmark_set
        ]

    def trip_rounds(self, team_id: int) -> list[Round]:
        """The team's TRIP rounds, newest first."""
        self.ledger.gate.check(Do.READ, team=team_id)
        return self._rounds.rounds(team_id=team_id, kind=TRIP)

    def create_trip_round(
        self,
        actor: Actor,
        team_id: int,
        *,
        held_on: date,
        facilitator: str,
        status: str = "draft",
        participants: dict[str, int] | None = None,
        ratings: dict[str, Rating] | None = None,
        benchmark_set: str | None = None,
    ) -> Round:
        """A TRIP round for a team, on the benchmark set of its type, with a record for every
        statement: empty, or as given in `ratings` (a paper conversation entered at once).
        A team file names the set each past round used (`benchmark_set`, "id@version"), which
        differs from the type's when the team has changed type since."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.TRIP, actor=actor, team=team_id)
        fields, counts = self._rounds.round_fields(
            held_on, facilitator, status, participants or {}, RoundLevel.TEAM
        )
        sets = {s.ref: s for s in self.definitions.benchmark_sets.values()}
        if benchmark_set is not None and benchmark_set not in sets:
            raise ServiceError(f"'{benchmark_set}' is not a loaded benchmark set.", "benchmark_set")
        with writing(self.engine) as conn:
            team = team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))
            self._providers.live_organisation(conn, team.organisation_id)
            self._rounds.current_team(conn, team.organisation_id, team_id)
            bset = sets[benchmark_set] if benchmark_set else self.benchmark_set_for(team)
            given = {sid: self._clean_rating(bset, sid, r) for sid, r in (ratings or {}).items()}
            now = utc_now()
            round_id = conn.execute(
                store.rounds.insert().values(
                    organisation_id=team.organisation_id,
                    team_id=team_id,
                    framework=bset.ref,
                    kind=TRIP,
                    level=RoundLevel.TEAM,
                    version=1,
                    created_at=now,
                    updated_at=now,
                    **fields,
                )
            ).inserted_primary_key[0]
            self._rounds.write_participants(conn, round_id, counts)
            conn.execute(
                store.trip_ratings.insert(),
                [
                    {"round_id": round_id, "statement_id": s.id, "version": 1, "updated_at": now}
                    | rating_row(given.get(s.id, Rating()))
                    for s in bset.statements
                ],
            )
            created = round_from_row(self.ledger.row(conn, store.rounds, round_id, "round"), counts)
            self.ledger.audit(conn, actor, "create", "round", round_id, None, asdict(created))
        return created

    def trip_round(self, round_id: int) -> tuple[Round, BenchmarkSet]:
        """A TRIP round and its benchmark set; a Template A round is refused."""
        found = self._rounds.round(round_id)
        if found.kind != TRIP:
            raise ServiceError(f"Round {round_id} is a Template A round, not a TRIP.", "round")
        return found, self.definitions.benchmark_set(found.framework)

    # --- the benchmarking conversation ------------------------------------------------------

    def trip_ratings(self, round_id: int) -> dict[str, StatementRating]:
        """Every statement of the round, in the conversation's order."""
        _, bset = self.trip_round(round_id)
        t = store.trip_ratings
        with reading(self.engine) as conn:
            rows = conn.execute(select(t).where(t.c.round_id == round_id)).mappings().all()
        found = {row["statement_id"]: statement_rating_from_row(row) for row in rows}
        return {s.id: found[s.id] for s in bset.statements if s.id in found}

    def ratings_of_rounds(self, round_ids: list[int]) -> dict[int, dict[str, Rating]]:
        """What each of many rounds recorded, read in one query (for summaries over time)."""
        t = store.trip_ratings
        found: dict[int, dict[str, Rating]] = {rid: {} for rid in round_ids}
        query = self.ledger.gate.of_rounds_seen(
            select(t).where(t.c.round_id.in_(round_ids)), t.c.round_id
        )
        with reading(self.engine) as conn:
            for row in conn.execute(query).mappings():
                found[row["round_id"]][row["statement_id"]] = statement_rating_from_row(row).rating
        return found

    def save_rating(
        self,
        actor: Actor,
        round_id: int,
        statement_id: str,
        read_version: int,
        rating: Rating,
    ) -> StatementRating:
        """What the room said about one statement. Nothing is written when nothing changed; a
        save based on an older version is refused with both versions, unless it says the same
        as the stored one."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, round=round_id)
        _, bset = self.trip_round(round_id)
        rating = self._clean_rating(bset, statement_id, rating)
        t = store.trip_ratings
        with writing(self.engine) as conn:
            row = (
                conn.execute(
                    select(t).where(t.c.round_id == round_id, t.c.statement_id == statement_id)
                )
                .mappings()
                .one()
            )
            before = statement_rating_from_row(row)
            if rating == before.rating:
                return before
            if not self.ledger.bump(
                conn, t, row["id"], read_version, updated_at=utc_now(), **rating_row(rating)
            ):
                scale = self._scale_labels(bset)
                raise StaleSave(
                    f"statement {self._statement_number(bset, statement_id)}",
                    self.ledger.last_write(conn, "trip-rating", row["id"]),
                    differences_between(
                        rating, before.rating, RATING_LABELS, shown=lambda v: scale.get(v, v)
                    ),
                )
            after = statement_rating_from_row(self.ledger.row(conn, t, row["id"], "statement"))
            self.ledger.audit(
                conn, actor, "rate", "trip-rating", row["id"], asdict(before.rating), asdict(rating)
            )
        return after

    def _clean_rating(self, bset: BenchmarkSet, statement_id: str, rating: Rating) -> Rating:
        if bset.statement(statement_id) is None:
            raise ServiceError(f"'{statement_id}' is not a statement of {bset.title}.", "statement")
        scale = self._scale_labels(bset)
        if rating.value is not None and rating.value not in scale:
            raise ServiceError(
                f"'{rating.value}' is not an answer of this scale; choose one of "
                f"{', '.join(scale.values())}.",
                "value",
            )
        number = self._statement_number(bset, statement_id)
        return replace(
            rating,
            proud=clean_text(
                rating.proud, "proud", f"Statement {number}: what you are proud of",
                required=False, limit=TEXT_LENGTH,
            ),
            next_step=clean_text(
                rating.next_step, "next_step", f"Statement {number}: what you could do next",
                required=False, limit=TEXT_LENGTH,
            ),
        )  # fmt: skip

    def _scale_labels(self, bset: BenchmarkSet) -> dict[str, str]:
        return {v.value: v.label for v in self.definitions.scales[bset.scale].values}

    @staticmethod
    def _statement_number(bset: BenchmarkSet, statement_id: str) -> int:
        return [s.id for s in bset.statements].index(statement_id) + 1

    # --- assets -----------------------------------------------------------------------------

    def assets(self, team_id: int, search: str = "", include_archived: bool = False) -> list[Asset]:
        """The team's assets, newest first; `search` keeps those whose words, holder or kind
        contain it (in any case)."""
        self.ledger.gate.check(Do.READ, team=team_id)
        a = store.assets
        query = select(a).where(a.c.team_id == team_id).order_by(a.c.id.desc())
        if not include_archived:
            query = query.where(a.c.archived_at.is_(None))
        with reading(self.engine) as conn:
            found = [asset_from_row(row) for row in conn.execute(query).mappings()]
        needle = search.strip().casefold()
        if not needle:
            return found
        names = self._asset_names()
        return [
            x
            for x in found
            if needle
            in " ".join(
                (x.what, x.held_by, names.get(x.kind, ""), names.get(x.holder, ""))
            ).casefold()
        ]

    def asset(self, asset_id: int) -> Asset:
        self.ledger.gate.check(Do.READ, asset=asset_id)
        with reading(self.engine) as conn:
            return asset_from_row(self.ledger.row(conn, store.assets, asset_id, "asset"))

    def add_asset(
        self, actor: Actor, team_id: int, *, kind: str, holder: str, held_by: str, what: str
    ) -> Asset:
        return self.add_assets(actor, team_id, [NewAsset(kind, holder, held_by, what)])[0]

    def add_assets(self, actor: Actor, team_id: int, given: list[NewAsset]) -> list[Asset]:
        """Assets added to the team's register in one transaction of a few statements, however
        many (a team file's thousand), each audited as added, and as archived if it is."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.TRIP, actor=actor, team=team_id)
        fields = [self._asset_fields(a.kind, a.holder, a.held_by, a.what) for a in given]
        with writing(self.engine) as conn:
            team = team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))
            self._rounds.current_team(conn, team.organisation_id, team_id)
            made = insert_assets(conn, team_id, fields, [a.archived for a in given])
            self.ledger.audit_many(conn, actor, asset_changes(made))
        return [asset for _, asset in made]

    def update_asset(
        self,
        actor: Actor,
        asset_id: int,
        read_version: int,
        *,
        kind: str,
        holder: str,
        held_by: str,
        what: str,
    ) -> Asset:
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.TRIP, actor=actor, asset=asset_id)
        fields = self._asset_fields(kind, holder, held_by, what)
        with writing(self.engine) as conn:
            before = asset_from_row(self.ledger.row(conn, store.assets, asset_id, "asset"))
            if all(getattr(before, k) == v for k, v in fields.items()):
                return before
            if not self.ledger.bump(
                conn, store.assets, asset_id, read_version, updated_at=utc_now(), **fields
            ):
                names = self._asset_names()
                raise StaleSave(
                    "this asset",
                    self.ledger.last_write(conn, "asset", asset_id),
                    differences_between(
                        replace(before, **fields),
                        before,
                        {
                            "kind": "Kind",
                            "holder": "Held among",
                            "held_by": "Held by",
                            "what": "What",
                        },
                        shown=names.get,
                    ),
                )
            after = asset_from_row(self.ledger.row(conn, store.assets, asset_id, "asset"))
            self.ledger.audit(
                conn, actor, "update", "asset", asset_id, asdict(before), asdict(after)
            )
        return after

    def set_asset_archived(
        self, actor: Actor, asset_id: int, read_version: int, archived: bool
    ) -> Asset:
        """An archived asset leaves the register; priorities that used it still name it."""
        self.ledger.gate.check(Do.TRIP, actor=actor, asset=asset_id)
        return self.ledger.set_archived(
            actor, store.assets, "asset", "asset", asset_id, read_version, archived, asset_from_row
        )

    def _asset_fields(self, kind: str, holder: str, held_by: str, what: str) -> dict:
        method = self.definitions.trip
        kinds = {k.id: k.name for k in method.asset_kinds}
        holders = {h.id: h.name for h in method.asset_holders}
        if kind not in kinds:
            raise ServiceError(
                f"'{kind}' is not a kind of asset; choose one of {', '.join(kinds.values())}.",
                "kind",
            )
        if holder not in holders:
            raise ServiceError(
                f"'{holder}' is not a group an asset can be held in; choose one of "
                f"{', '.join(holders.values())}.",
                "holder",
            )
        held_by = clean_text(
            held_by, "held_by", "Who holds it (a role or initials)",
            required=True, limit=HELD_BY_LENGTH,
        )  # fmt: skip
        if looks_like_a_name(held_by):
            raise ServiceError(
                f"'{held_by}' reads as a person's name. Say who holds it by {NOT_A_NAME}: "
                "the records never say who someone is.",
                "held_by",
            )
        return {
            "kind": kind,
            "holder": holder,
            "held_by": held_by,
            "what": clean_text(what, "what", "What the asset is", required=True, limit=TEXT_LENGTH),
        }  # fmt: skip

    def _asset_names(self) -> dict[str, str]:
        method = self.definitions.trip
        return {x.id: x.name for x in (*method.asset_kinds, *method.asset_holders)}

    # --- co-led priorities ------------------------------------------------------------------

    def trip_priorities(self, team_id: int) -> list[Plan]:
        """The team's TRIP priorities, open ones first."""
        self.ledger.gate.check(Do.READ, team=team_id)
        return self._plans.plans_in(trip_scope(team_id))

    def create_trip_priority(self, actor: Actor, round_id: int, statement_id: str) -> Plan:
        """Make a statement of a TRIP round one of the team's priorities, as a draft whose
        description starts from what the room said it could do next."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, round=round_id)
        round_, bset = self.trip_round(round_id)
        if round_.practice:
            raise ServiceError(
                "This is a practice round: it makes no priorities. Use a draft or agreed round.",
                "round",
            )
        statement = bset.statement(statement_id)
        if statement is None:
            raise ServiceError(f"'{statement_id}' is not a statement of {bset.title}.", "statement")
        number = self._statement_number(bset, statement_id)
        next_step = self.trip_ratings(round_id)[statement_id].rating.next_step
        with writing(self.engine) as conn:
            created = self._plans.insert_plan(
                conn,
                actor,
                self.ledger.row(conn, store.rounds, round_id, "round"),
                trip_scope(round_.team_id),
                statement_id,
                PlanContent(description=next_step),
                taken=f"Statement {number} already has an open priority: open that one instead.",
                subject_field="statement",
            )
        return created
