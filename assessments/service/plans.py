"""Template B: priorities chosen from a Template A round, their versioned plans, sign-off,
Plan-Do-Study-Act reviews and measurements. `Service` inherits these use cases.

One row version per plan guards every change to it (its content, sign-off and status), so two
people editing one plan cannot both win. A signed version is never written again: a change
after sign-off needs a reason and makes the next version, and every version stays readable.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.names import INITIALS
from assessments.plan_records import (
    ACTION_STATUSES,
    GOAL_OUTCOMES,
    PLAN_STATUSES,
    Action,
    Goal,
    Lead,
    Measure,
    Measurement,
    Plan,
    PlanContent,
    PlanVersion,
    Review,
    status_text,
)
from assessments.progress import overdue_actions, review_overdue
from assessments.records import TEMPLATE_A, Actor, Difference
from assessments.service.errors import ServiceError, StaleSave
from assessments.service.ledger import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Ledger,
    as_utc,
    checked_actor,
    clean_text,
    utc_now,
)
from assessments.smart import agreement_gaps, sign_off_gaps
from assessments.store import reading, writing

DEFAULT_PRIORITY_LIMIT = 5


def scope_key(organisation_id: int, team_id: int | None) -> str:
    return f"org:{organisation_id}" if team_id is None else f"team:{team_id}"


def trip_scope(team_id: int) -> str:
    """A team's TRIP priorities are a scope of their own: they neither count against its
    Template B priorities nor share their limit."""
    return f"trip:{team_id}"


def number_from_text(value: str | float | int | None, what: str, field: str) -> float | None:
    """A number typed by a person: "12", "12.5", "1,200" or "40%"; empty is None."""
    if value is None or isinstance(value, int | float):
        return None if value is None else float(value)
    cleaned = value.strip().removesuffix("%").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise ServiceError(
            f"{what}: '{value.strip()}' is not a number. Write digits only, such as 12 or 12.5.",
            field,
        ) from None


def _day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "(none)"


def _text(value, field: str, what: str, limit: int = TEXT_LENGTH) -> str:
    return clean_text(value, field, what, required=False, limit=limit)


class Plans:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    # --- reading ----------------------------------------------------------------------------

    def plans(self, organisation_id: int, team_id: int | None = None) -> list[Plan]:
        """The Template B plans of one scope (a provider's own, or one team's), open first."""
        return self.plans_in(scope_key(organisation_id, team_id))

    def plans_in(self, scope: str) -> list[Plan]:
        """The plans of a scope key (see `scope_key` and `trip_scope`), open ones first."""
        p = store.plans
        query = select(p).where(p.c.scope == scope)
        with reading(self.engine) as conn:
            rows = conn.execute(query.order_by(p.c.id)).mappings().all()
            latest = self._latest_versions(conn, [r["id"] for r in rows])
        found = [plan_from_row(r, latest[r["id"]]) for r in rows]
        return sorted(found, key=lambda plan: (not plan.open, plan.id))

    def plan(self, plan_id: int) -> Plan:
        with reading(self.engine) as conn:
            row = self.ledger.row(conn, store.plans, plan_id, "plan")
            return plan_from_row(row, self._latest_versions(conn, [plan_id])[plan_id])

    def plan_versions(self, plan_id: int) -> list[PlanVersion]:
        """Every version, oldest first."""
        v = store.plan_versions
        with reading(self.engine) as conn:
            self.ledger.row(conn, store.plans, plan_id, "plan")
            rows = conn.execute(select(v).where(v.c.plan_id == plan_id).order_by(v.c.number))
            return [version_from_row(r._mapping) for r in rows]

    def plan_in_force(self, plan_id: int) -> PlanVersion | None:
        """The newest signed version: what reviews are held against."""
        signed = [v for v in self.plan_versions(plan_id) if v.signed]
        return signed[-1] if signed else None

    def reviews(self, plan_id: int) -> list[Review]:
        """Oldest first."""
        r = store.reviews
        query = select(r).where(r.c.plan_id == plan_id).order_by(r.c.held_on, r.c.id)
        with reading(self.engine) as conn:
            return [review_from_row(row._mapping) for row in conn.execute(query)]

    def measurements(self, plan_id: int) -> list[Measurement]:
        """Oldest first."""
        m = store.measurements
        query = select(m).where(m.c.plan_id == plan_id).order_by(m.c.measured_on, m.c.id)
        with reading(self.engine) as conn:
            return [measurement_from_row(row._mapping) for row in conn.execute(query)]

    def priority_limit(self, framework_ref: str) -> int:
        """How many priorities may be open at once in a scope: the framework's advice, or five
        (the 2010 methodology's) for a framework that gives none; for a benchmark set's TRIP
        priorities, the TRIP method's."""
        if framework_ref not in self.definitions.frameworks and self.definitions.trip:
            return self.definitions.trip.priorities.at_most_open
        advice = self.definitions.framework(framework_ref).priorities
        return advice.at_most_open if advice else DEFAULT_PRIORITY_LIMIT

    def open_plan_count(self, organisation_id: int, team_id: int | None = None) -> int:
        with reading(self.engine) as conn:
            return self._open_count(conn, scope_key(organisation_id, team_id))

    @staticmethod
    def _open_count(conn: Connection, scope: str) -> int:
        p = store.plans
        query = select(func.count()).where(p.c.scope == scope, p.c.status == "open")
        return conn.execute(query).scalar_one()

    @staticmethod
    def _latest_versions(conn: Connection, plan_ids: list[int]) -> dict[int, PlanVersion]:
        v = store.plan_versions
        newest = (
            select(v.c.plan_id, func.max(v.c.number).label("number"))
            .where(v.c.plan_id.in_(plan_ids))
            .group_by(v.c.plan_id)
            .subquery()
        )
        query = select(v).join(
            newest, (v.c.plan_id == newest.c.plan_id) & (v.c.number == newest.c.number)
        )
        return {row.plan_id: version_from_row(row._mapping) for row in conn.execute(query)}

    def next_review_due(self, plan: Plan) -> date | None:
        """The date the last review set, or else the one the plan set."""
        reviews = self.reviews(plan.id)
        if reviews:
            return reviews[-1].next_review_on
        in_force = self.plan_in_force(plan.id)
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
                (held_on, stage, f"Template A, {_day(held_on)}")
                for held_on, stage, _ in conn.execute(rated)
            ]
            points += [
                (held_on, stage, f"Review, {_day(held_on)}")
                for held_on, stage in conn.execute(reviewed)
            ]
        return sorted(points)

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
                items.append(f"The review was due on {_day(due)}.")
            statuses = self.action_statuses(plan)
            content = (self.plan_in_force(plan.id) or plan.latest).content
            for action in overdue_actions(content, statuses, today):
                number = content.actions.index(action) + 1
                items.append(
                    f"Action {number} ({action.what}) was due on {_day(action.by_when)}; it is "
                    f"{status_text(statuses.get(action.key, action.status)).lower()}."
                )
            if items:
                found[plan.id] = items
        return found

    # --- choosing priorities ----------------------------------------------------------------

    def create_plan(self, actor: Actor, round_id: int, challenge_id: str) -> Plan:
        """Make a challenge of a round a priority of the round's scope, with an empty draft
        Template B whose current stage is the one the room agreed."""
        actor = checked_actor(actor)
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
        # Lock the provider's row, so two people cannot both take the last place.
        o = store.organisations
        conn.execute(select(o.c.id).where(o.c.id == round_row["organisation_id"]).with_for_update())
        p = store.plans
        holder = conn.execute(
            select(p.c.id).where(
                p.c.scope == scope, p.c.challenge_id == subject, p.c.status == "open"
            )
        ).scalar_one_or_none()
        if holder is not None:
            raise ServiceError(taken, subject_field)
        limit = self.priority_limit(round_row["framework"])
        if self._open_count(conn, scope) >= limit:
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
        self._insert_version(conn, actor, plan_id, 1, content, "")
        created = self._plan_in(conn, plan_id)
        self.ledger.audit(conn, actor, "create", "plan", plan_id, None, _plan_audit(created))
        return created

    def set_plan_status(
        self, actor: Actor, plan_id: int, read_version: int, status: str, reason: str = ""
    ) -> Plan:
        """Complete, close or reopen a priority; completing or closing frees its place."""
        actor = checked_actor(actor)
        if status not in PLAN_STATUSES:
            raise ServiceError(f"'{status}' is not a plan status.", "status")
        reason = _text(reason, "status_reason", "The reason")
        if status != "open" and not reason:
            raise ServiceError(
                "Say in a few words why this priority is completed or closed.", "status_reason"
            )
        with writing(self.engine) as conn:
            before = self._plan_in(conn, plan_id)
            if status == "open" and not before.open:
                limit = self.priority_limit(before.framework)
                if self._open_count(conn, before.scope) >= limit:
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
            after = self._plan_in(conn, plan_id)
            self.ledger.audit(
                conn, actor, "status", "plan", plan_id, _plan_audit(before), _plan_audit(after)
            )
        return after

    # --- writing and signing Template B -----------------------------------------------------

    def save_plan(
        self,
        actor: Actor,
        plan_id: int,
        read_version: int,
        content: PlanContent,
        reason: str = "",
    ) -> Plan:
        """Save the Template B a person wrote. A draft is updated in place; a change to a signed
        plan needs a reason and makes the next version, leaving the signed one as it was."""
        actor = checked_actor(actor)
        reason = _text(reason, "reason", "The reason for the change")
        with writing(self.engine) as conn:
            before = self._plan_in(conn, plan_id)
            if not before.open:
                raise ServiceError(
                    f"This plan is {PLAN_STATUSES[before.status].lower()}: reopen it to change it.",
                    "status",
                )
            content = self._clean_content(content, self._keys_used(conn, plan_id))
            if before.trip:
                content = self._clean_trip_content(conn, before, content)
            latest = before.latest
            if content == latest.content:  # nothing changed: nothing to write or refuse
                return before
            if not self.ledger.bump(conn, store.plans, plan_id, read_version, updated_at=utc_now()):
                raise StaleSave(
                    "this plan",
                    self.ledger.last_write(conn, "plan", plan_id),
                    content_differences(content, latest.content),
                )
            if latest.signed:
                if not reason:
                    raise ServiceError(
                        f"Version {latest.number} of this plan is signed. Say why it changes: "
                        "the change becomes a new version, and the signed one stays as it was.",
                        "reason",
                    )
                self._insert_version(conn, actor, plan_id, latest.number + 1, content, reason)
            else:
                v = store.plan_versions
                conn.execute(
                    v.update()
                    .where(v.c.plan_id == plan_id, v.c.number == latest.number)
                    .values(content=_content_json(content), updated_at=utc_now())
                )
            after = self._plan_in(conn, plan_id)
            self.ledger.audit(
                conn,
                actor,
                "save",
                "plan",
                plan_id,
                {"version": latest.number, **_content_dict(latest.content)},
                {"version": after.latest.number, "reason": reason, **_content_dict(content)},
            )
        return after

    def sign_plan(
        self,
        actor: Actor,
        plan_id: int,
        read_version: int,
        *,
        signed_on: date,
        commissioner_agrees: bool,
        provider_agrees: bool,
    ) -> Plan:
        """Both leads agree the draft as it stands; from now on it is frozen."""
        plan = self.plan(plan_id)
        if plan.trip:
            raise ServiceError(
                "A TRIP priority is agreed by its two co-leads, not signed by a commissioner.",
                "plan",
            )
        content = plan.latest.content
        return self._sign(
            actor,
            plan_id,
            read_version,
            signed_on,
            sign_off_gaps(content),
            agreed=commissioner_agrees and provider_agrees,
            not_agreed="Both the commissioner lead and the provider lead must agree the plan.",
            names=(content.commissioner_lead.name, content.provider_lead.name),
        )

    def agree_trip_priority(
        self,
        actor: Actor,
        plan_id: int,
        read_version: int,
        *,
        agreed_on: date,
        staff_lead_agrees: bool,
        person_lead_agrees: bool,
    ) -> Plan:
        """A TRIP priority is agreed when both its co-leads, one from the staff and one who
        uses the service, say so; from then on it is frozen like a signed Template B."""
        plan = self.plan(plan_id)
        if not plan.trip:
            raise ServiceError("This is a Template B plan: its leads sign it off.", "plan")
        # The version keeps who agreed as the content names them: the staff co-lead and the
        # initials of the co-lead who uses the service.
        content = plan.latest.content
        return self._sign(
            actor,
            plan_id,
            read_version,
            agreed_on,
            agreement_gaps(content),
            agreed=staff_lead_agrees and person_lead_agrees,
            not_agreed=(
                "Both co-leads, the member of staff and the person who uses the service, must "
                "agree the priority."
            ),
            names=("", ""),
        )

    def _sign(
        self,
        actor: Actor,
        plan_id: int,
        read_version: int,
        signed_on: date,
        gaps: list[str],
        *,
        agreed: bool,
        not_agreed: str,
        names: tuple[str, str],
    ) -> Plan:
        actor = checked_actor(actor)
        word = "agreed" if names == ("", "") else "signed"
        with writing(self.engine) as conn:
            before = self._plan_in(conn, plan_id)
            draft = before.latest
            if draft.signed:
                raise ServiceError(
                    f"Version {draft.number} is already {word} (on {_day(draft.signed_on)}).",
                    "signed_on",
                )
            if gaps:
                raise ServiceError(f"Not {word}: fill these in first. " + " ".join(gaps), "content")
            if not agreed:
                raise ServiceError(not_agreed, "leads")
            if not isinstance(signed_on, date) or signed_on > self.today():
                raise ServiceError(f"The date it was {word} cannot be in the future.", "signed_on")
            if signed_on < before.opened_on:
                raise ServiceError(
                    f"The date it was {word} ({_day(signed_on)}) is before the round that chose "
                    f"this priority ({_day(before.opened_on)}).",
                    "signed_on",
                )
            if not self.ledger.bump(conn, store.plans, plan_id, read_version, updated_at=utc_now()):
                raise StaleSave("this plan", self.ledger.last_write(conn, "plan", plan_id), [])
            v = store.plan_versions
            conn.execute(
                v.update()
                .where(v.c.plan_id == plan_id, v.c.number == draft.number)
                .values(
                    signed_on=signed_on,
                    signed_by_commissioner=names[0],
                    signed_by_provider=names[1],
                    updated_at=utc_now(),
                )
            )
            after = self._plan_in(conn, plan_id)
            self.ledger.audit(
                conn,
                actor,
                "sign",
                "plan",
                plan_id,
                None,
                {"version": draft.number, "signed_on": signed_on.isoformat()},
            )
        return after

    @staticmethod
    def _keys_used(conn: Connection, plan_id: int) -> set[str]:
        """Every goal and action key any version of the plan has used: a removed goal's key is
        never given to another, so its measurements never attach to the wrong goal."""
        v = store.plan_versions
        used: set[str] = set()
        for text_ in conn.execute(select(v.c.content).where(v.c.plan_id == plan_id)).scalars():
            content = PlanContent.model_validate_json(text_)
            used |= {g.key for g in content.goals} | {a.key for a in content.actions}
        return used

    def _clean_content(self, content: PlanContent, used: set[str]) -> PlanContent:
        """The content as it will be stored, or a ServiceError naming the first bad field.
        New goals and actions (empty key) get the next free key; blank new ones are dropped."""
        indicators = {i.id: i for i in self.definitions.indicators}
        goals = []
        for number, goal in enumerate(content.goals, start=1):
            where = f"Goal {number}"
            goal = goal.model_copy(
                update={
                    "statement": _text(goal.statement, f"goals.{number}.statement", where),
                    "owner": _text(goal.owner, f"goals.{number}.owner", f"{where}'s owner"),
                }
            )
            if not goal.key and _blank(goal):
                continue
            if goal.measure is not None:
                goal = goal.model_copy(
                    update={"measure": _measure(goal.measure, where, indicators)}
                )
            if goal.baseline_on and goal.target_on and goal.target_on < goal.baseline_on:
                raise ServiceError(
                    f"{where}: the target date ({_day(goal.target_on)}) is before the baseline "
                    f"date ({_day(goal.baseline_on)}). A target comes after its baseline.",
                    f"goals.{number}.target_on",
                )
            goals.append(goal)
        actions = []
        for number, action in enumerate(content.actions, start=1):
            where = f"Action {number}"
            if action.status not in ACTION_STATUSES:
                raise ServiceError(f"{where}: '{action.status}' is not a status.", "status")
            action = action.model_copy(
                update={
                    "what": _text(action.what, f"actions.{number}.what", where),
                    "who": _text(
                        action.who, f"actions.{number}.who", f"{where}'s who", NAME_LENGTH
                    ),
                }
            )
            if not action.key and not (action.what or action.who or action.by_when):
                continue
            actions.append(action)
        goals = _with_keys(goals, "g", used)
        actions = _with_keys(actions, "a", used)
        leads = {}
        for field, title in (("commissioner_lead", "commissioner"), ("provider_lead", "provider")):
            lead = getattr(content, field)
            leads[field] = Lead(
                name=_text(lead.name, f"{field}.name", f"The {title} lead's name", NAME_LENGTH),
                role=_text(lead.role, f"{field}.role", f"The {title} lead's role", NAME_LENGTH),
            )
        if content.current_stage not in (None, 1, 2, 3):
            raise ServiceError("The current stage must be 1, 2 or 3.", "current_stage")
        return content.model_copy(
            update={
                "description": _text(content.description, "description", "The description"),
                "evidence_sources": _text(
                    content.evidence_sources, "evidence_sources", "The evidence sources"
                ),
                "goals": tuple(goals),
                "actions": tuple(actions),
                **leads,
            }
        )

    def _clean_trip_content(
        self, conn: Connection, plan: Plan, content: PlanContent
    ) -> PlanContent:
        """A TRIP priority's own fields as they will be stored, or a ServiceError naming the
        first bad one."""
        method = self.definitions.trip
        timescales = {t.id: t.name for t in method.timescales} if method else {}
        if content.timescale is not None and content.timescale not in timescales:
            raise ServiceError(
                f"'{content.timescale}' is not a timescale; choose one of "
                f"{', '.join(timescales.values())}.",
                "timescale",
            )
        initials = _text(content.person_lead_initials, "person_lead_initials", "The initials")
        if initials and not INITIALS.match(initials):
            raise ServiceError(
                f"'{initials}' is not initials. Give the initials of the co-lead who uses the "
                "service only, such as J.K. (one to three capital letters): the records never "
                "hold their name.",
                "person_lead_initials",
            )
        a = store.assets
        held = set(conn.execute(select(a.c.id).where(a.c.team_id == plan.team_id)).scalars().all())
        stranger = [i for i in content.assets if i not in held]
        if stranger:
            raise ServiceError(f"Asset {stranger[0]} is not one of this team's assets.", "assets")
        lead = content.staff_lead
        return content.model_copy(
            update={
                "title": _text(content.title, "title", "The title", NAME_LENGTH),
                "person_lead_initials": initials,
                "staff_lead": Lead(
                    name=_text(
                        lead.name, "staff_lead.name", "The staff co-lead's name", NAME_LENGTH
                    ),
                    role=_text(
                        lead.role, "staff_lead.role", "The staff co-lead's role", NAME_LENGTH
                    ),
                ),
                "assets": tuple(dict.fromkeys(content.assets)),
            }
        )

    def _insert_version(
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
                content=_content_json(content),
                reason=reason,
                created_by=f"{actor.name} ({actor.role})",
                created_at=now,
                updated_at=now,
            )
        )

    def _latest(self, conn: Connection, plan_id: int) -> PlanVersion:
        return self._latest_versions(conn, [plan_id])[plan_id]

    def _plan_in(self, conn: Connection, plan_id: int) -> Plan:
        return plan_from_row(
            self.ledger.row(conn, store.plans, plan_id, "plan"), self._latest(conn, plan_id)
        )

    # --- reviews and measurements -----------------------------------------------------------

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
        plan = self.plan(plan_id)
        in_force = self.plan_in_force(plan_id)
        if in_force is None:
            raise ServiceError(
                "This plan has not been signed yet: sign it off before reviewing it.", "plan"
            )
        self._check_measured_on(plan, held_on, "held_on", "The review")
        content = in_force.content
        values: dict[str, float] = {}
        for number, goal in enumerate(content.goals, start=1):
            value = number_from_text(
                measurements.get(goal.key), _goal_title(number, goal), f"measurements.{goal.key}"
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
        stage_evidence = _text(stage_evidence, "stage_evidence", "The evidence for the stage")
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
        if next_review_on is not None and next_review_on <= held_on:
            raise ServiceError(
                f"The next review ({_day(next_review_on)}) must come after this one "
                f"({_day(held_on)}).",
                "next_review_on",
            )
        learned = _text(learned, "learned", "What was learned")
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
        plan = self.plan(plan_id)
        goals = {g.key: (n, g) for n, g in enumerate(plan.latest.content.goals, start=1)}
        if goal_key not in goals:
            raise ServiceError(f"This plan has no goal '{goal_key}'.", "goal")
        number, goal = goals[goal_key]
        parsed = number_from_text(value, _goal_title(number, goal), "value")
        if parsed is None:
            raise ServiceError(f"{_goal_title(number, goal)}: give a value.", "value")
        self._check_measured_on(plan, measured_on, "measured_on", "The measurement")
        with writing(self.engine) as conn:
            measurement_id = conn.execute(
                store.measurements.insert().values(
                    plan_id=plan_id,
                    goal_key=goal_key,
                    measured_on=measured_on,
                    value=parsed,
                    review_id=None,
                    note=_text(note, "note", "The note"),
                    created_at=utc_now(),
                )
            ).inserted_primary_key[0]
            found = measurement_from_row(
                self.ledger.row(conn, store.measurements, measurement_id, "value")
            )
            self.ledger.audit(conn, actor, "measure", "plan", plan_id, None, asdict(found))
        return found

    def _check_measured_on(self, plan: Plan, when: date, field: str, what: str) -> None:
        if not isinstance(when, date):
            raise ServiceError(f"{what} needs a date.", field)
        if when < plan.opened_on:
            raise ServiceError(
                f"{what} is dated {_day(when)}, before the plan began on {_day(plan.opened_on)} "
                "(the date of the round that chose it). Check the date.",
                field,
            )
        if when > self.today():
            raise ServiceError(f"{what} is dated {_day(when)}, in the future.", field)


# --- comparing two versions -------------------------------------------------------------------


def content_differences(new: PlanContent, old: PlanContent) -> list[Difference]:
    """Each field that differs between two contents, in words (`yours` is `new`)."""
    found = []
    for label, mine, theirs in (
        ("Title", new.title, old.title),
        ("Quick win or longer term", new.timescale, old.timescale),
        ("Staff co-lead", _lead(new.staff_lead), _lead(old.staff_lead)),
        ("Co-lead who uses the service", new.person_lead_initials, old.person_lead_initials),
        ("Assets used", _ids(new.assets), _ids(old.assets)),
        ("Current stage", new.current_stage, old.current_stage),
        ("Description", new.description, old.description),
        ("Evidence sources", new.evidence_sources, old.evidence_sources),
        ("Commissioner lead", _lead(new.commissioner_lead), _lead(old.commissioner_lead)),
        ("Provider lead", _lead(new.provider_lead), _lead(old.provider_lead)),
        ("Next review", _day(new.next_review_on), _day(old.next_review_on)),
    ):
        if mine != theirs:
            found.append(Difference(label, _shown(mine), _shown(theirs)))
    found += _item_differences("Goal", new.goals, old.goals, _goal_text)
    found += _item_differences("Action", new.actions, old.actions, _action_text)
    return found


def _item_differences(kind, new_items, old_items, describe) -> list[Difference]:
    old = {item.key: item for item in old_items}
    new = {item.key: item for item in new_items}
    found = []
    for number, item in enumerate(new_items, start=1):
        before = old.get(item.key)
        if before != item:
            shown = describe(before) if before else "(not there)"
            found.append(Difference(f"{kind} {number}", describe(item), shown))
    for key, item in old.items():
        if key not in new:
            found.append(Difference(f"{kind} (removed)", "(removed)", describe(item)))
    return found


def _goal_text(goal: Goal) -> str:
    measure = f"{goal.measure.name} ({goal.measure.unit})" if goal.measure else "no measure"
    return (
        f"{goal.statement or '(no statement)'}; {measure}; baseline {_number(goal.baseline)} "
        f"on {_day(goal.baseline_on)}; target {_number(goal.target)} by {_day(goal.target_on)}; "
        f"owner {goal.owner or '(none)'}"
    )


def _action_text(action: Action) -> str:
    return (
        f"{action.what or '(nothing said)'}; who: {action.who or '(nobody)'}; "
        f"by {_day(action.by_when)}; {status_text(action.status)}"
    )


def _ids(values: tuple[int, ...]) -> str:
    return ", ".join(f"asset {i}" for i in values)


def _number(value: float | None) -> str:
    return "(none)" if value is None else f"{value:g}"


def _lead(lead: Lead) -> str:
    return f"{lead.name} ({lead.role})" if lead.role else lead.name


def _shown(value) -> str:
    return "(empty)" if value in (None, "") else str(value)


def _goal_title(number: int, goal: Goal) -> str:
    measure = f" ({goal.measure.name})" if goal.measure else ""
    return f"Goal {number}{measure}"


# --- rows to records --------------------------------------------------------------------------


def _blank(goal: Goal) -> bool:
    return goal.model_copy(update={"key": ""}) == Goal(key="")


def _with_keys(items: list, prefix: str, used: set[str]) -> list:
    """Give new items (empty key) the next keys never used in this plan, so a removed goal's
    key is never reused for a different goal."""
    taken = {item.key for item in items} | used
    highest = max(
        (int(k[1:]) for k in taken if k.startswith(prefix) and k[1:].isdigit()), default=0
    )
    keyed = []
    for item in items:
        if not item.key:
            highest += 1
            item = item.model_copy(update={"key": f"{prefix}{highest}"})
        keyed.append(item)
    return keyed


def _measure(measure: Measure, where: str, indicators: dict) -> Measure:
    if measure.indicator is not None:
        indicator = indicators.get(measure.indicator)
        if indicator is None:
            raise ServiceError(f"{where}: '{measure.indicator}' is not in the indicator library.")
        return Measure(
            indicator=indicator.id,
            name=indicator.name,
            unit=indicator.unit,
            direction=indicator.direction.value,
        )
    name = _text(measure.name, "measure.name", f"{where}: the measure's name", NAME_LENGTH)
    unit = _text(measure.unit, "measure.unit", f"{where}: the measure's unit", NAME_LENGTH)
    if not name or not unit:
        raise ServiceError(
            f"{where}: a measure of your own needs a name and a unit (such as 'people' or "
            "'% of staff').",
            "measure",
        )
    return measure.model_copy(update={"name": name, "unit": unit})


def _content_dict(content: PlanContent) -> dict:
    return content.model_dump(mode="json")


def _content_json(content: PlanContent) -> str:
    return json.dumps(_content_dict(content), sort_keys=True)


def version_from_row(row) -> PlanVersion:
    return PlanVersion(
        plan_id=row["plan_id"],
        number=row["number"],
        content=PlanContent.model_validate_json(row["content"]),
        reason=row["reason"],
        signed_on=row["signed_on"],
        signed_by_commissioner=row["signed_by_commissioner"],
        signed_by_provider=row["signed_by_provider"],
        created_at=as_utc(row["created_at"]),
        created_by=row["created_by"],
    )


def plan_from_row(row, latest: PlanVersion) -> Plan:
    return Plan(
        id=row["id"],
        organisation_id=row["organisation_id"],
        team_id=row["team_id"],
        scope=row["scope"],
        round_id=row["round_id"],
        framework=row["framework"],
        challenge_id=row["challenge_id"],
        opened_on=row["opened_on"],
        status=row["status"],
        status_reason=row["status_reason"],
        version=row["version"],
        latest=latest,
    )


def _plan_audit(plan: Plan) -> dict:
    return {
        "challenge": plan.challenge_id,
        "status": plan.status,
        "status_reason": plan.status_reason,
        "version": plan.latest.number,
    }


def review_from_row(row) -> Review:
    return Review(
        id=row["id"],
        plan_id=row["plan_id"],
        plan_version=row["plan_version"],
        held_on=row["held_on"],
        stage=row["stage"],
        stage_evidence=row["stage_evidence"],
        learned=row["learned"],
        goal_outcomes=json.loads(row["goal_outcomes"]),
        action_statuses=json.loads(row["action_statuses"]),
        next_review_on=row["next_review_on"],
        version=row["version"],
    )


def measurement_from_row(row) -> Measurement:
    return Measurement(
        id=row["id"],
        plan_id=row["plan_id"],
        goal_key=row["goal_key"],
        measured_on=row["measured_on"],
        value=row["value"],
        review_id=row["review_id"],
        note=row["note"],
    )
