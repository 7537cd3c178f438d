"""Template B priorities chosen from a Template A round, and TRIP priorities: reading them,
choosing one, and its status (open, completed, closed). Versions and sign-off are in
versions.py, reviews in reviews.py.

One row version per plan guards every change to it (its content, sign-off and status), so two
people editing one plan cannot both win. A signed version is never written again.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.records import TEMPLATE_A, Actor
from assessments.records.plans import (
    PLAN_STATUSES,
    Plan,
    PlanContent,
    PlanVersion,
)
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Do, Place
from assessments.rules.plan_content import optional_text
from assessments.rules.text import checked_actor
from assessments.service.ledger import Ledger, utc_now
from assessments.service.plan_rows import (
    content_json,
    latest_versions,
    plan_audit,
    plan_from_row,
    scope_key,
    version_from_row,
)
from assessments.store import reading, writing

DEFAULT_PRIORITY_LIMIT = 5


class Plans:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    def plans(self, organisation_id: int, team_id: int | None = None) -> list[Plan]:
        """The Template B plans of one scope (a provider's own, or one team's), open first."""
        self.ledger.gate.check(Do.READ, place=Place(organisation_id, team_id))
        return self.plans_in(scope_key(organisation_id, team_id))

    def plans_in(self, scope: str) -> list[Plan]:
        """The plans of a scope key (see `scope_key` and `trip_scope`), open ones first."""
        p = store.plans
        query = select(p).where(p.c.scope == scope)
        mine = self.ledger.gate.where(Do.READ, p.c.organisation_id, p.c.team_id)
        if mine is not None:
            query = query.where(mine)
        with reading(self.engine) as conn:
            rows = conn.execute(query.order_by(p.c.id)).mappings().all()
            latest = latest_versions(conn, [r["id"] for r in rows])
        found = [plan_from_row(r, latest[r["id"]]) for r in rows]
        return sorted(found, key=lambda plan: (not plan.open, plan.id))

    def plan(self, plan_id: int) -> Plan:
        self.ledger.gate.check(Do.READ, plan=plan_id)
        with reading(self.engine) as conn:
            row = self.ledger.row(conn, store.plans, plan_id, "plan")
            return plan_from_row(row, latest_versions(conn, [plan_id])[plan_id])

    def plan_versions(self, plan_id: int) -> list[PlanVersion]:
        """Every version, oldest first."""
        self.ledger.gate.check(Do.READ, plan=plan_id)
        v = store.plan_versions
        with reading(self.engine) as conn:
            self.ledger.row(conn, store.plans, plan_id, "plan")
            rows = conn.execute(select(v).where(v.c.plan_id == plan_id).order_by(v.c.number))
            return [version_from_row(r._mapping) for r in rows]

    def plan_in_force(self, plan_id: int) -> PlanVersion | None:
        """The newest signed version: what reviews are held against."""
        signed = [v for v in self.plan_versions(plan_id) if v.signed]
        return signed[-1] if signed else None

    def priority_limit(self, framework_ref: str) -> int:
        """How many priorities may be open at once in a scope: the framework's advice, or five
        (the 2010 methodology's) for a framework that gives none; for a benchmark set's TRIP
        priorities, the TRIP method's."""
        if framework_ref not in self.definitions.frameworks and self.definitions.trip:
            return self.definitions.trip.priorities.at_most_open
        advice = self.definitions.framework(framework_ref).priorities
        return advice.at_most_open if advice else DEFAULT_PRIORITY_LIMIT

    def open_plan_count(self, organisation_id: int, team_id: int | None = None) -> int:
        self.ledger.gate.check(Do.READ, place=Place(organisation_id, team_id))
        with reading(self.engine) as conn:
            return self.open_count(conn, scope_key(organisation_id, team_id))

    @staticmethod
    def open_count(conn: Connection, scope: str) -> int:
        p = store.plans
        query = select(func.count()).where(p.c.scope == scope, p.c.status == "open")
        return conn.execute(query).scalar_one()

    def create_plan(self, actor: Actor, round_id: int, challenge_id: str) -> Plan:
        """Make a challenge of a round a priority of the round's scope, with an empty draft
        Template B whose current stage is the one the room agreed."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.PLAN, actor=actor, round=round_id)
        with writing(self.engine) as conn:
            round_row = self.ledger.row(conn, store.rounds, round_id, "round")
            if round_row["kind"] != TEMPLATE_A:
                raise ServiceError(
                    "This is a TRIP round: make its priorities on the TRIP page.", "round"
                )
            if round_row["status"] == "practice":
                raise ServiceError(
                    "This is a practice round: its ratings make no plans. Choose priorities "
                    "from a draft or agreed round.",
                    "round",
                )
            framework = self.definitions.framework(round_row["framework"])
            challenge = framework.challenge(challenge_id)
            if challenge is None:
                raise ServiceError(
                    f"'{challenge_id}' is not a challenge of this round.", "challenge"
                )
            scope = scope_key(round_row["organisation_id"], round_row["team_id"])
            c = store.challenge_records
            agreed = conn.execute(
                select(c.c.agreed_stage).where(
                    c.c.round_id == round_id, c.c.challenge_id == challenge_id
                )
            ).scalar_one_or_none()
            created = self.insert_plan(
                conn,
                actor,
                round_row,
                scope,
                challenge_id,
                PlanContent(current_stage=agreed),
                taken=(
                    f"Challenge {challenge.number} ({challenge.short_title}) already has an open "
                    "plan here: open that one instead."
                ),
            )
        return created

    def insert_plan(
        self,
        conn: Connection,
        actor: Actor,
        round_row,
        scope: str,
        subject: str,
        content: PlanContent,
        taken: str,
        subject_field: str = "challenge",
    ) -> Plan:
        """A new open plan of `scope` on `subject` (a challenge, or a TRIP statement, named by
        `subject_field` in a refusal), with `content` as its draft; refused when the subject
        has an open plan (`taken` says so) or the scope is at its limit."""
        # Lock the row of whose the priorities are (the team, or the provider as a whole), so
        # two people cannot both take the scope's last place; a team's import then never holds
        # up a change to its provider.
        owner, owner_id = (
            (store.teams, round_row["team_id"])
            if round_row["team_id"] is not None
            else (store.organisations, round_row["organisation_id"])
        )
        conn.execute(select(owner.c.id).where(owner.c.id == owner_id).with_for_update())
        p = store.plans
        holder = conn.execute(
            select(p.c.id).where(
                p.c.scope == scope, p.c.challenge_id == subject, p.c.status == "open"
            )
        ).scalar_one_or_none()
        if holder is not None:
            raise ServiceError(taken, subject_field)
        limit = self.priority_limit(round_row["framework"])
        if self.open_count(conn, scope) >= limit:
            raise ServiceError(
                f"There are already {limit} open priorities here, the most the methodology "
                "advises at once. Complete or close one first to free a place.",
                subject_field,
            )
        now = utc_now()
        plan_id = conn.execute(
            p.insert().values(
                organisation_id=round_row["organisation_id"],
                team_id=round_row["team_id"],
                scope=scope,
                round_id=round_row["id"],
                framework=round_row["framework"],
                challenge_id=subject,
                opened_on=round_row["held_on"],
                status="open",
                status_reason="",
                version=1,
                created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key[0]
        self.insert_version(conn, actor, plan_id, 1, content, "")
        created = self.plan_in(conn, plan_id)
        self.ledger.audit(conn, actor, "create", "plan", plan_id, None, plan_audit(created))
        return created

    def set_plan_status(
        self, actor: Actor, plan_id: int, read_version: int, status: str, reason: str = ""
    ) -> Plan:
        """Complete, close or reopen a priority; completing or closing frees its place."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        if status not in PLAN_STATUSES:
            raise ServiceError(f"'{status}' is not a plan status.", "status")
        reason = optional_text(reason, "status_reason", "The reason")
        if status != "open" and not reason:
            raise ServiceError(
                "Say in a few words why this priority is completed or closed.", "status_reason"
            )
        with writing(self.engine) as conn:
            before = self.plan_in(conn, plan_id)
            if status == "open" and not before.open:
                limit = self.priority_limit(before.framework)
                if self.open_count(conn, before.scope) >= limit:
                    raise ServiceError(
                        f"There are already {limit} open priorities here. Complete or close one "
                        "before reopening this.",
                        "status",
                    )
            try:
                bumped = self.ledger.bump(
                    conn,
                    store.plans,
                    plan_id,
                    read_version,
                    status=status,
                    status_reason=reason,
                    updated_at=utc_now(),
                )
            except IntegrityError as exc:
                what = "statement" if before.trip else "challenge"
                raise ServiceError(
                    f"This {what} has another open plan here already.", "status"
                ) from exc
            if not bumped:
                raise StaleSave("this plan", self.ledger.last_write(conn, "plan", plan_id), [])
            after = self.plan_in(conn, plan_id)
            self.ledger.audit(
                conn, actor, "status", "plan", plan_id, plan_audit(before), plan_audit(after)
            )
        return after

    def insert_version(
        self,
        conn: Connection,
        actor: Actor,
        plan_id: int,
        number: int,
        content: PlanContent,
        reason: str,
    ) -> None:
        now = utc_now()
        conn.execute(
            store.plan_versions.insert().values(
                plan_id=plan_id,
                number=number,
                content=content_json(content),
                reason=reason,
                created_by=f"{actor.name} ({actor.role})",
                created_at=now,
                updated_at=now,
            )
        )

    def _latest(self, conn: Connection, plan_id: int) -> PlanVersion:
        return latest_versions(conn, [plan_id])[plan_id]

    def plan_in(self, conn: Connection, plan_id: int) -> Plan:
        return plan_from_row(
            self.ledger.row(conn, store.plans, plan_id, "plan"), self._latest(conn, plan_id)
        )
