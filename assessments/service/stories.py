"""Success stories recorded against a priority (a Template B plan or a TRIP priority): added
over time beside the plan, never inside its signed content. Whoever may work on the plan's
place adds and changes them (`gate.check_work`); who reads each one follows its consent
(records/stories.py). A story's words are kept out of the audit log, which records who did
what and the consent, so that a withdrawn consent removes the words everywhere."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import Role
from assessments.records.stories import BEYOND_THE_TEAM, Consent, Story
from assessments.rules.dates import checked_day
from assessments.rules.errors import NotAllowed, ServiceError, StaleSave
from assessments.rules.permissions import Do
from assessments.rules.stories import checked_consent, clean_story
from assessments.rules.text import checked_actor
from assessments.service.ledger import Ledger, utc_now
from assessments.store import reading, writing

# The roles of the people who work in a provider or a team: they read stories shared within it.
WORK_ROLES = frozenset({Role.FACILITATOR, Role.PROVIDER_LEAD, Role.TEAM_MEMBER})


class Stories:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine

    def stories(self, plan_id: int) -> list[Story]:
        """The plan's stories this person may read, oldest first: all of them for the people
        who work where the plan belongs; for any other reader, those whose consent reaches
        beyond the team. A withdrawn one is listed (without its words) to the first only."""
        self.ledger.gate.check(Do.READ, plan=plan_id)
        s = store.stories
        query = select(s).where(s.c.plan_id == plan_id).order_by(s.c.told_on, s.c.id)
        if not self._works_here():
            query = query.where(s.c.consent.in_([c.value for c in BEYOND_THE_TEAM]))
        with reading(self.engine) as conn:
            return [story_from_row(row._mapping) for row in conn.execute(query)]

    def add_story(
        self, actor: Actor, plan_id: int, *, text: str, consent: str, told_on: date
    ) -> Story:
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        values = self._values(text, consent, told_on)
        now = utc_now()
        with writing(self.engine) as conn:
            self.ledger.row(conn, store.plans, plan_id, "plan")
            story_id = conn.execute(
                store.stories.insert().values(
                    plan_id=plan_id,
                    recorded_by=actor.name,
                    recorded_as=actor.role,
                    version=1,
                    created_at=now,
                    updated_at=now,
                    **values,
                )
            ).inserted_primary_key[0]
            self.ledger.audit(conn, actor, "add", "story", story_id, None, _shown(values))
            return self._story_in(conn, story_id)

    def update_story(
        self,
        actor: Actor,
        plan_id: int,
        story_id: int,
        read_version: int,
        *,
        text: str,
        consent: str,
        told_on: date,
    ) -> Story:
        """Change a story's words, consent or date. `plan_id` is the plan it belongs to (the
        gate asks first); a save over a newer version is refused."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        values = self._values(text, consent, told_on)
        with writing(self.engine) as conn:
            before = self._own_story(conn, plan_id, story_id)
            if before.withdrawn:
                raise ServiceError(
                    "Consent to this story was withdrawn and its words removed: record it "
                    "again as a new story if the person agrees once more.",
                    "consent",
                )
            self._bump(conn, story_id, read_version, updated_at=utc_now(), **values)
            self.ledger.audit(
                conn, actor, "save", "story", story_id, _shown_story(before), _shown(values)
            )
            return self._story_in(conn, story_id)

    def withdraw_consent(
        self, actor: Actor, plan_id: int, story_id: int, read_version: int
    ) -> Story:
        """The person no longer agrees: the story's words are removed for good and nobody
        beyond the team sees that it was there."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, plan=plan_id)
        with writing(self.engine) as conn:
            before = self._own_story(conn, plan_id, story_id)
            if before.withdrawn:
                return before
            today = self.ledger.today()
            self._bump(
                conn,
                story_id,
                read_version,
                text="",
                consent=Consent.WITHDRAWN.value,
                withdrawn_on=today,
                updated_at=utc_now(),
            )
            after = {"consent": Consent.WITHDRAWN.value, "withdrawn_on": today.isoformat()}
            self.ledger.audit(
                conn, actor, "withdraw", "story", story_id, _shown_story(before), after
            )
            return self._story_in(conn, story_id)

    # --- helpers --------------------------------------------------------------------------

    def _works_here(self) -> bool:
        """Whether the person works in a provider or team (checked already to read the plan),
        rather than reading it from outside: a commissioner, a viewer, an administrator."""
        access = self.ledger.gate.access
        return access.everything or access.role in WORK_ROLES

    def _values(self, text: str, consent: str, told_on: date) -> dict:
        return {
            "text": clean_story(text),
            "consent": checked_consent(consent).value,
            "told_on": checked_day(told_on, "told_on", "The story's date", self.ledger.today()),
        }

    def _own_story(self, conn, plan_id: int, story_id: int) -> Story:
        row = self.ledger.row(conn, store.stories, story_id, "story")
        if row["plan_id"] != plan_id:
            raise NotAllowed(
                f"Not allowed: story {story_id} belongs to another plan. Nothing was changed."
            )
        return story_from_row(row)

    def _bump(self, conn, story_id: int, read_version: int, **values) -> None:
        if not self.ledger.bump(conn, store.stories, story_id, read_version, **values):
            raise StaleSave("this story", self.ledger.last_write(conn, "story", story_id), [])

    @staticmethod
    def _story_in(conn, story_id: int) -> Story:
        s = store.stories
        return story_from_row(conn.execute(select(s).where(s.c.id == story_id)).one()._mapping)


def story_from_row(row) -> Story:
    return Story(
        id=row["id"],
        plan_id=row["plan_id"],
        text=row["text"],
        consent=Consent(row["consent"]),
        told_on=row["told_on"],
        recorded_by=row["recorded_by"],
        recorded_as=row["recorded_as"],
        withdrawn_on=row["withdrawn_on"],
        version=row["version"],
    )


def _shown(values: dict) -> dict:
    """A story as the audit log keeps it: its length, never its words."""
    return {
        "characters": len(values["text"]),
        "consent": values["consent"],
        "told_on": values["told_on"].isoformat(),
    }


def _shown_story(story: Story) -> dict:
    return _shown({"text": story.text, "consent": story.consent, "told_on": story.told_on})
