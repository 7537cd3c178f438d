"""A plan's versions: saving a draft, changing a signed plan (a reason, and the next version),
signing off a Template B plan and agreeing a TRIP priority."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import Actor
from assessments.records.plans import (
    PLAN_STATUSES,
    Lead,
    Plan,
    PlanContent,
)
from assessments.rules.errors import NotAllowed, ServiceError, StaleSave
from assessments.rules.names import INITIALS
from assessments.rules.permissions import BOTH, COMMISSIONER, PROVIDER, SIDE_NAMES
from assessments.rules.plan_content import (
    clean_content,
    content_differences,
    day_text,
    optional_text,
    settled_stage,
)
from assessments.rules.smart import agreement_gaps, sign_off_gaps
from assessments.rules.text import NAME_LENGTH, checked_actor
from assessments.service.ledger import Ledger, utc_now
from assessments.service.plan_rows import content_dict, content_json
from assessments.service.plans import Plans
from assessments.store import writing


class PlanVersions:
    def __init__(self, ledger: Ledger, plans: Plans) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today
        self._plans = plans

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
        self.ledger.gate.check_work(actor, plan=plan_id)
        reason = optional_text(reason, "reason", "The reason for the change")
        with writing(self.engine) as conn:
            before = self._plans.plan_in(conn, plan_id)
            if not before.open:
                raise ServiceError(
                    f"This plan is {PLAN_STATUSES[before.status].lower()}: reopen it to change it.",
                    "status",
                )
            content = clean_content(self.definitions, content, self._keys_used(conn, plan_id))
            latest = before.latest
            if before.trip:
                content = self._clean_trip_content(conn, before, content)
            else:
                content = settled_stage(content, self._agreed_stage(conn, before))
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
                self._plans.insert_version(conn, actor, plan_id, latest.number + 1, content, reason)
            else:
                v = store.plan_versions
                conn.execute(  # a lead who agreed the draft before this change agrees again
                    v.update()
                    .where(v.c.plan_id == plan_id, v.c.number == latest.number)
                    .values(
                        content=content_json(content),
                        signed_by_commissioner="",
                        signed_by_provider="",
                        updated_at=utc_now(),
                    )
                )
            after = self._plans.plan_in(conn, plan_id)
            self.ledger.audit(
                conn,
                actor,
                "save",
                "plan",
                plan_id,
                {"version": latest.number, **content_dict(latest.content)},
                {"version": after.latest.number, "reason": reason, **content_dict(content)},
            )
        return after

    def signing_sides(self, plan_id: int) -> frozenset[str]:
        """Whom the person asking may sign a Template B plan off for: "commissioner",
        "provider", both (this computer alone, where both leads sign at one keyboard), or
        none."""
        return self.ledger.gate.signing_sides(plan_id)

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
        """Both leads agree the draft as it stands; from then on it is frozen. Signed in, each
        lead agrees for their own side, under their own name: the plan is signed when the
        second does, and a change to the draft in between asks both again."""
        actor = checked_actor(actor)
        sides = self.ledger.gate.signing_sides(plan_id, actor)
        asked = {
            side
            for side, agrees in ((COMMISSIONER, commissioner_agrees), (PROVIDER, provider_agrees))
            if agrees
        }
        if asked - sides:
            (other,) = BOTH - sides
            raise NotAllowed(
                f"Not allowed: you sign this plan off as the {SIDE_NAMES[next(iter(sides))]} "
                f"only. The {SIDE_NAMES[other]} agrees for themselves, signed in as "
                "themselves. Nothing was changed."
            )
        plan = self._plans.plan(plan_id)
        if plan.trip:
            raise ServiceError(
                "A TRIP priority is agreed by its two co-leads, not signed by a commissioner.",
                "plan",
            )
        content = plan.latest.content
        if sides == BOTH:  # at one keyboard: both leads together, as the plan names them
            names = {
                COMMISSIONER: content.commissioner_lead.name,
                PROVIDER: content.provider_lead.name,
            }
            agreed = asked == BOTH
            not_agreed = "Both the commissioner lead and the provider lead must agree the plan."
        else:
            names = {side: actor.name for side in asked}
            agreed = bool(asked)
            not_agreed = f"Tick that you agree the plan as the {SIDE_NAMES[min(sides)]}."
        return self._sign(
            actor,
            plan_id,
            read_version,
            signed_on,
            sign_off_gaps(content),
            agreed=agreed,
            not_agreed=not_agreed,
            names=names,
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
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        plan = self._plans.plan(plan_id)
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
            names=None,
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
        names: dict[str, str] | None,
    ) -> Plan:
        """`names`: who signs for which side now (None: a TRIP agreement, which names no one).
        The version is signed once both sides have."""
        word = "agreed" if names is None else "signed"
        with writing(self.engine) as conn:
            before = self._plans.plan_in(conn, plan_id)
            draft = before.latest
            if draft.signed:
                raise ServiceError(
                    f"Version {draft.number} is already {word} (on {day_text(draft.signed_on)}).",
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
                    f"The date it was {word} ({day_text(signed_on)}) is before the round that "
                    "chose "
                    f"this priority ({day_text(before.opened_on)}).",
                    "signed_on",
                )
            if not self.ledger.bump(conn, store.plans, plan_id, read_version, updated_at=utc_now()):
                raise StaleSave("this plan", self.ledger.last_write(conn, "plan", plan_id), [])
            signers = {
                COMMISSIONER: draft.signed_by_commissioner,
                PROVIDER: draft.signed_by_provider,
            } | (names or {})
            complete = names is None or all(signers.values())
            v = store.plan_versions
            conn.execute(
                v.update()
                .where(v.c.plan_id == plan_id, v.c.number == draft.number)
                .values(
                    signed_on=signed_on if complete else None,
                    signed_by_commissioner=signers[COMMISSIONER] if names else "",
                    signed_by_provider=signers[PROVIDER] if names else "",
                    updated_at=utc_now(),
                )
            )
            after = self._plans.plan_in(conn, plan_id)
            self.ledger.audit(
                conn,
                actor,
                "sign" if complete else "agree",
                "plan",
                plan_id,
                None,
                {"version": draft.number, "signed_on": signed_on.isoformat()}
                | ({"as": sorted(names)} if names else {}),
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

    @staticmethod
    def _agreed_stage(conn: Connection, plan: Plan) -> int | None:
        """The stage the plan's Template A round agreed for its challenge, if any."""
        c = store.challenge_records
        return conn.execute(
            select(c.c.agreed_stage).where(
                c.c.round_id == plan.round_id, c.c.challenge_id == plan.challenge_id
            )
        ).scalar_one_or_none()

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
        initials = optional_text(
            content.person_lead_initials, "person_lead_initials", "The initials"
        )
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
                "title": optional_text(content.title, "title", "The title", NAME_LENGTH),
                "person_lead_initials": initials,
                "staff_lead": Lead(
                    name=optional_text(
                        lead.name, "staff_lead.name", "The staff co-lead's name", NAME_LENGTH
                    ),
                    role=optional_text(
                        lead.role, "staff_lead.role", "The staff co-lead's role", NAME_LENGTH
                    ),
                ),
                "assets": tuple(dict.fromkeys(content.assets)),
            }
        )
