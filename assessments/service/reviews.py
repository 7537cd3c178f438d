"""Plan-Do-Study-Act reviews of a signed plan, figures between reviews, and what is due or
overdue."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import select

from assessments import store
from assessments.analytics.progress import overdue_actions, review_overdue
from assessments.records import Actor
from assessments.records.plans import (
    ACTION_STATUSES,
    GOAL_OUTCOMES,
    PLAN_STATUSES,
    Measurement,
    Plan,
    Review,
    status_text,
)
from assessments.rules.dates import checked_day
from assessments.rules.errors import ServiceError
from assessments.rules.permissions import Do
from assessments.rules.plan_content import day_text, goal_title, number_from_text, optional_text
from assessments.rules.text import checked_actor
from assessments.service.ledger import Ledger, utc_now
from assessments.service.plan_rows import measurement_from_row, review_from_row, scope_key
from assessments.service.plans import Plans
from assessments.store import reading, writing


class Reviews:
    def __init__(self, ledger: Ledger, plans: Plans) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today
        self._plans = plans

    def reviews(self, plan_id: int) -> list[Review]:
        """Oldest first."""
        self.ledger.gate.check(Do.READ, plan=plan_id)
        r = store.reviews
        query = select(r).where(r.c.plan_id == plan_id).order_by(r.c.held_on, r.c.id)
        with reading(self.engine) as conn:
            return [review_from_row(row._mapping) for row in conn.execute(query)]

    def measurements(self, plan_id: int) -> list[Measurement]:
        """Oldest first."""
        self.ledger.gate.check(Do.READ, plan=plan_id)
        m = store.measurements
        query = select(m).where(m.c.plan_id == plan_id).order_by(m.c.measured_on, m.c.id)
        with reading(self.engine) as conn:
            return [measurement_from_row(row._mapping) for row in conn.execute(query)]

    def next_review_due(self, plan: Plan) -> date | None:
        """The date the last review set, or else the one the plan set."""
        reviews = self.reviews(plan.id)
        if reviews:
            return reviews[-1].next_review_on
        in_force = self._plans.plan_in_force(plan.id)
        return (in_force or plan.latest).content.next_review_on

    def action_statuses(self, plan: Plan) -> dict[str, str]:
        """Each action's status now: as the last review said, or as the plan set it."""
        statuses = {a.key: a.status for a in plan.latest.content.actions}
        for review in self.reviews(plan.id):
            statuses.update(review.action_statuses)
        return statuses

    def stage_history(self, plan: Plan) -> list[tuple[date, int | None, str]]:
        """The challenge's stage in this plan's scope over time: what each Template A round
        agreed (practice rounds left out, same framework only) and each review's re-rating."""
        self.ledger.gate.check(Do.READ, plan=plan.id)
        r, c, p, rv = store.rounds, store.challenge_records, store.plans, store.reviews
        team = r.c.team_id.is_(None) if plan.team_id is None else r.c.team_id == plan.team_id
        rated = select(r.c.held_on, c.c.agreed_stage, c.c.not_agreed).join(
            c, c.c.round_id == r.c.id
        )
        rated = rated.where(
            r.c.organisation_id == plan.organisation_id,
            team,
            r.c.status != "practice",
            r.c.framework == plan.framework,
            c.c.challenge_id == plan.challenge_id,
            (c.c.agreed_stage.is_not(None)) | (c.c.not_agreed.is_(True)),
        )
        reviewed = (
            select(rv.c.held_on, rv.c.stage)
            .join(p, p.c.id == rv.c.plan_id)
            .where(
                p.c.scope == scope_key(plan.organisation_id, plan.team_id),
                p.c.challenge_id == plan.challenge_id,
                rv.c.stage.is_not(None),
            )
        )
        with reading(self.engine) as conn:
            points = [
                (held_on, stage, f"Template A, {day_text(held_on)}")
                for held_on, stage, _ in conn.execute(rated)
            ]
            points += [
                (held_on, stage, f"Review, {day_text(held_on)}")
                for held_on, stage in conn.execute(reviewed)
            ]
        return sorted(points, key=lambda point: (point[0], point[2]))  # a stage may be None

    def due_items(self, plans: list[Plan]) -> dict[int, list[str]]:
        """What is overdue in each open plan, in words: its review, and its unfinished actions
        whose date has passed."""
        today = self.today()
        found: dict[int, list[str]] = {}
        for plan in plans:
            if not plan.open:
                continue
            items = []
            due = self.next_review_due(plan)
            if review_overdue(due, today):
                items.append(f"The review was due on {day_text(due)}.")
            statuses = self.action_statuses(plan)
            content = (self._plans.plan_in_force(plan.id) or plan.latest).content
            for action in overdue_actions(content, statuses, today):
                number = content.actions.index(action) + 1
                items.append(
                    f"Action {number} ({action.what}) was due on {day_text(action.by_when)}; it is "
                    f"{status_text(statuses.get(action.key, action.status)).lower()}."
                )
            if items:
                found[plan.id] = items
        return found

    def record_review(
        self,
        actor: Actor,
        plan_id: int,
        *,
        held_on: date,
        measurements: dict[str, str | float | None],
        goal_outcomes: dict[str, str],
        action_statuses: dict[str, str],
        stage: int | None,
        stage_evidence: str,
        learned: str,
        next_review_on: date | None,
    ) -> Review:
        """A Plan-Do-Study-Act review of the signed plan: a measurement per goal, what was
        decided about each goal and action, a re-rating when the stage moved, what was learned
        and when to meet next."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        plan = self._open_plan(plan_id, "reviewed")
        in_force = self._plans.plan_in_force(plan_id)
        if in_force is None:
            raise ServiceError(
                "This plan has not been signed yet: sign it off before reviewing it.", "plan"
            )
        self._check_measured_on(plan, held_on, "held_on", "The review")
        content = in_force.content
        values: dict[str, float] = {}
        for number, goal in enumerate(content.goals, start=1):
            value = number_from_text(
                measurements.get(goal.key), goal_title(number, goal), f"measurements.{goal.key}"
            )
            if value is not None:
                values[goal.key] = value
        for key in (*measurements, *goal_outcomes):
            if content.goal(key) is None:
                raise ServiceError(f"The signed plan has no goal '{key}'.", "goals")
        for key, status in action_statuses.items():
            if content.action(key) is None:
                raise ServiceError(f"The signed plan has no action '{key}'.", "actions")
            if status not in ACTION_STATUSES:
                raise ServiceError(f"'{status}' is not an action status.", f"actions.{key}")
        for key, outcome in goal_outcomes.items():
            if outcome not in GOAL_OUTCOMES:
                raise ServiceError(f"'{outcome}' is not an outcome for a goal.", f"goals.{key}")
        stage_evidence = optional_text(
            stage_evidence, "stage_evidence", "The evidence for the stage"
        )
        if stage is not None and plan.trip:
            raise ServiceError(
                "A TRIP priority has no stage to re-rate: the benchmarks are rerun instead.",
                "stage",
            )
        if stage is not None:
            if stage not in (1, 2, 3):
                raise ServiceError("The stage must be 1, 2 or 3.", "stage")
            if not stage_evidence:
                raise ServiceError(
                    "Say what shows the challenge is now at this stage.", "stage_evidence"
                )
        if next_review_on is not None:
            checked_day(next_review_on, "next_review_on", "The next review", self.today())
        if next_review_on is not None and next_review_on <= held_on:
            raise ServiceError(
                f"The next review ({day_text(next_review_on)}) must come after this one "
                f"({day_text(held_on)}).",
                "next_review_on",
            )
        learned = optional_text(learned, "learned", "What was learned")
        now = utc_now()
        with writing(self.engine) as conn:
            review_id = conn.execute(
                store.reviews.insert().values(
                    plan_id=plan_id,
                    plan_version=in_force.number,
                    held_on=held_on,
                    stage=stage,
                    stage_evidence=stage_evidence,
                    learned=learned,
                    goal_outcomes=json.dumps(goal_outcomes, sort_keys=True),
                    action_statuses=json.dumps(action_statuses, sort_keys=True),
                    next_review_on=next_review_on,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key[0]
            if values:
                conn.execute(
                    store.measurements.insert(),
                    [
                        {
                            "plan_id": plan_id,
                            "goal_key": key,
                            "measured_on": held_on,
                            "value": value,
                            "review_id": review_id,
                            "note": "",
                            "created_at": now,
                        }
                        for key, value in values.items()
                    ],
                )
            review = review_from_row(self.ledger.row(conn, store.reviews, review_id, "review"))
            self.ledger.audit(
                conn,
                actor,
                "review",
                "plan",
                plan_id,
                None,
                asdict(review) | {"measurements": values},
            )
        return review

    def add_measurement(
        self,
        actor: Actor,
        plan_id: int,
        goal_key: str,
        measured_on: date,
        value: str | float,
        note: str = "",
    ) -> Measurement:
        """A value of a goal's measure between reviews (monthly figures, say), so its run chart
        has enough points for process limits."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        plan = self._open_plan(plan_id, "given a new figure")
        goals = {g.key: (n, g) for n, g in enumerate(plan.latest.content.goals, start=1)}
        if goal_key not in goals:
            raise ServiceError(f"This plan has no goal '{goal_key}'.", "goal")
        number, goal = goals[goal_key]
        parsed = number_from_text(value, goal_title(number, goal), "value")
        if parsed is None:
            raise ServiceError(f"{goal_title(number, goal)}: give a value.", "value")
        self._check_measured_on(plan, measured_on, "measured_on", "The measurement")
        with writing(self.engine) as conn:
            measurement_id = conn.execute(
                store.measurements.insert().values(
                    plan_id=plan_id,
                    goal_key=goal_key,
                    measured_on=measured_on,
                    value=parsed,
                    review_id=None,
                    note=optional_text(note, "note", "The note"),
                    created_at=utc_now(),
                )
            ).inserted_primary_key[0]
            found = measurement_from_row(
                self.ledger.row(conn, store.measurements, measurement_id, "value")
            )
            self.ledger.audit(conn, actor, "measure", "plan", plan_id, None, asdict(found))
        return found

    def _open_plan(self, plan_id: int, what: str) -> Plan:
        """The plan, if it is open: a completed or closed plan is a record of what happened,
        and is not reviewed or measured again until someone reopens it."""
        plan = self._plans.plan(plan_id)
        if not plan.open:
            state = PLAN_STATUSES[plan.status].lower()
            raise ServiceError(
                f"This plan is {state}, so it cannot be {what}: reopen it first if the work "
                "goes on.",
                "status",
            )
        return plan

    def _check_measured_on(self, plan: Plan, when: date, field: str, what: str) -> None:
        if not isinstance(when, date):
            raise ServiceError(f"{what} needs a date.", field)
        if when < plan.opened_on:
            raise ServiceError(
                f"{what} is dated {day_text(when)}, before the plan began on "
                f"{day_text(plan.opened_on)} "
                "(the date of the round that chose it). Check the date.",
                field,
            )
        if when > self.today():
            raise ServiceError(f"{what} is dated {day_text(when)}, in the future.", field)
