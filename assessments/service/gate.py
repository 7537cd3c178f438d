"""The check at the top of every use case: who is asking (`Access`), what the use case does
(`Do`), and where its record belongs, looked up only when the answer depends on it. The rules
themselves are in rules/permissions.py; a refusal raises `NotAllowed` before anything else
is read or written."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Engine, Select, and_, false, or_, select

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import ROLES, Scope
from assessments.rules.errors import NotAllowed, ServiceError
from assessments.rules.permissions import (
    BOTH,
    Access,
    Do,
    Place,
    allowed,
    refusal,
    same_person,
    signing_sides,
)
from assessments.store import reading


class Gate:
    def __init__(self, engine: Engine, access: Access) -> None:
        self.engine = engine
        self.access = access
        # A record never moves to another provider or team: each place is looked up once.
        self._places: dict[tuple, Place] = {}

    def check(
        self,
        do: Do,
        *,
        actor: Actor | None = None,
        organisation: int | None = None,
        team: int | None = None,
        round: int | None = None,
        plan: int | None = None,
        asset: int | None = None,
        place: Place | None = None,
    ) -> None:
        """Refuse unless `do` is allowed on the record named (at most one of them; none for a
        record of no provider) and `actor` is the person signed in."""
        if actor is not None:
            self._check_actor(actor)
        if self.access.anywhere(do):
            return
        if not self.access.may(do):
            raise NotAllowed(refusal(self.access, do))
        if place is None:
            place = self._place(organisation, team, round, plan, asset)
        if not allowed(self.access, do, place):
            raise NotAllowed(refusal(self.access, do))

    def check_whole_provider(self, do: Do, organisation_id: int) -> None:
        """`check` for records of every team of a provider at once (its board report): only a
        scope of the whole provider covers them."""
        if self.access.anywhere(do):
            return
        whole = Place(organisation_id)
        if not any(s == Scope(organisation_id) for s in self.access.scopes):
            whole = None  # a team's scope, or none here, covers less than the provider
        self.check(do, place=whole)

    def check_own_account(self, actor: Actor, account_id: int) -> None:
        """`check` for a change to an account: a person's own (their password, given with
        the current one) is theirs to make; anyone else's is an administrator's."""
        account = self.access.account
        if account is not None and account.id == account_id:
            self._check_actor(actor)
            return
        self.check(Do.MANAGE_ACCOUNTS, actor=actor)

    def check_work(
        self, actor: Actor, *, round: int | None = None, plan: int | None = None
    ) -> None:
        """`check` for a change to a round or a plan, whose kind says what it is: a TRIP
        round's or priority's is a team's TRIP; otherwise running a round, or a plan's."""
        if self.access.everything:
            self.check(Do.READ, actor=actor)
            return
        table = store.rounds if round is not None else store.plans
        wanted = round if round is not None else plan
        kind = table.c.kind if round is not None else table.c.scope
        with reading(self.engine) as conn:
            row = conn.execute(
                select(table.c.organisation_id, table.c.team_id, kind).where(table.c.id == wanted)
            ).first()
        place = _found(row, "round" if round is not None else "plan", wanted)
        trip = row[2] == "trip" if round is not None else row[2].startswith("trip:")
        work = Do.TRIP if trip else (Do.RUN_ROUNDS if round is not None else Do.PLAN)
        self.check(work, actor=actor, place=place)

    def signing_sides(self, plan_id: int, actor: Actor | None = None) -> frozenset[str]:
        """The sides of a Template B plan's sign-off the person may agree for; refused when
        none (only a provider lead and a commissioner sign, for a plan that is theirs)."""
        if self.access.everything:
            self.check(Do.READ, actor=actor)
            return BOTH
        self.check(Do.READ, actor=actor, plan=plan_id)
        sides = signing_sides(self.access, self._place(None, None, None, plan_id, None))
        if actor is not None and not sides:
            account = self.access.account
            raise NotAllowed(
                f"Not allowed: {account.display_name} ({ROLES[account.role]}) cannot sign this "
                "plan off: only its provider lead and its commissioner do, each signed in as "
                "themselves. Nothing was changed."
            )
        return sides

    def _check_actor(self, actor: Actor) -> None:
        if not same_person(self.access, actor):
            raise NotAllowed(
                f"Not allowed: saves are recorded under the person signed in, "
                f"{self.access.account.display_name}, never a name given. Nothing was changed."
            )

    def where(self, do: Do, organisation_id, team_id) -> ColumnElement[bool] | None:
        """A condition keeping only rows `do` is allowed on, given a table's provider and team
        columns; None when every row is (no condition to add)."""
        if self.access.anywhere(do):
            return None
        if not self.access.may(do):
            return false()
        held = []
        for scope in self.access.scopes:
            mine = organisation_id == scope.organisation_id
            if scope.team_id is None:
                held.append(mine)
            elif do == Do.READ:  # a team's people read their provider's own records too
                held.append(and_(mine, or_(team_id == scope.team_id, team_id.is_(None))))
            else:
                held.append(and_(mine, team_id == scope.team_id))
        return or_(*held) if held else false()

    def of_rounds_seen(self, query: Select, round_id) -> Select:
        """`query`, over rows of rounds (`round_id` their column), keeping only those of
        rounds the person may read: another's round counts nothing and gives nothing."""
        r = store.rounds
        mine = self.where(Do.READ, r.c.organisation_id, r.c.team_id)
        return query if mine is None else query.join(r, r.c.id == round_id).where(mine)

    def providers_seen(self) -> set[int] | None:
        """The providers a person works with in any way (None: all of them)."""
        if self.access.anywhere(Do.READ):
            return None
        return {scope.organisation_id for scope in self.access.scopes}

    def _place(self, organisation, team, round, plan, asset) -> Place | None:
        if organisation is not None:
            return Place(organisation)
        key = (team, round, plan, asset)
        if key not in self._places:
            found = self._look_up(team, round, plan, asset)
            if found is None:
                return None
            self._places[key] = found
        return self._places[key]

    def _look_up(self, team, round, plan, asset) -> Place | None:
        t = store.teams
        tables = [
            (team, t, t.c.organisation_id, t.c.id, "team"),
            (round, store.rounds, store.rounds.c.organisation_id, store.rounds.c.team_id, "round"),
            (plan, store.plans, store.plans.c.organisation_id, store.plans.c.team_id, "plan"),
        ]
        with reading(self.engine) as conn:
            if asset is not None:
                a = store.assets
                found = conn.execute(
                    select(t.c.organisation_id, t.c.id)
                    .join(a, a.c.team_id == t.c.id)
                    .where(a.c.id == asset)
                ).first()
                return _found(found, "asset", asset)
            for wanted, table, org_column, team_column, what in tables:
                if wanted is not None:
                    found = conn.execute(
                        select(org_column, team_column).where(table.c.id == wanted)
                    ).first()
                    return _found(found, what, wanted)
        return None


def _found(row, what: str, wanted: int) -> Place:
    if row is None:
        raise ServiceError(f"There is no {what} {wanted}; it may have been typed wrongly.")
    return Place(row[0], row[1])
