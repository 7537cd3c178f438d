"""A moderated rating of a Template A challenge: beside the provider's own, never replacing it,
a commissioner's or a peer reviewer's stage with the reasons and the evidence (earlier recovery
programmes paired a self-rating with a validated one). It has its own version, so a moderation
and the room's saves never refuse each other; a moderation saved over a newer one is refused."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.records import TEMPLATE_A, Actor, ChallengeRecord
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Do
from assessments.rules.text import TEXT_LENGTH, checked_actor, clean_text
from assessments.service.ledger import Ledger, utc_now
from assessments.service.workshop import Workshop
from assessments.store import writing


class Moderating:
    def __init__(self, ledger: Ledger, workshop: Workshop) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self._workshop = workshop

    def moderate(
        self,
        actor: Actor,
        round_id: int,
        challenge_id: str,
        read_version: int,
        *,
        stage: int,
        reasons: str,
        evidence: str = "",
    ) -> ChallengeRecord:
        """Save the moderated stage of one challenge, with why. `read_version` is the version
        of the moderation read (0 when there was none)."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MODERATE, actor=actor, round=round_id)
        if stage not in (1, 2, 3):
            raise ServiceError("The moderated stage must be 1, 2 or 3.", "stage")
        values = {
            "stage": stage,
            "reasons": clean_text(
                reasons, "reasons", "The reasons", required=True, limit=TEXT_LENGTH
            ),
            "evidence": clean_text(
                evidence, "evidence", "The evidence", required=False, limit=TEXT_LENGTH
            ),
            "moderated_by": actor.name,
            "moderated_as": actor.role,
        }
        c, m = store.challenge_records, store.moderations
        try:
            with writing(self.engine) as conn:
                round_row = self.ledger.row(conn, store.rounds, round_id, "round")
                if round_row["kind"] != TEMPLATE_A:
                    raise ServiceError("Only a Template A round's ratings are moderated.", "round")
                record_id = conn.execute(
                    select(c.c.id).where(c.c.round_id == round_id, c.c.challenge_id == challenge_id)
                ).scalar_one_or_none()
                if record_id is None:
                    raise ServiceError(f"Round {round_id} has no challenge '{challenge_id}'.")
                before = (
                    conn.execute(select(m).where(m.c.record_id == record_id)).mappings().first()
                )
                now = utc_now()
                if before is None and read_version == 0:
                    conn.execute(
                        m.insert().values(record_id=record_id, version=1, updated_at=now, **values)
                    )
                elif before is None or not _bumped(conn, record_id, read_version, now, values):
                    raise StaleSave(
                        "the moderated rating",
                        self.ledger.last_write(conn, "moderation", record_id),
                        [],
                    )
                self.ledger.audit(
                    conn,
                    actor,
                    "moderate",
                    "moderation",
                    record_id,
                    None if before is None else _shown(before),
                    {"challenge": challenge_id, **values},
                )
        except IntegrityError as exc:  # another moderation of it was saved a moment ago
            raise StaleSave("the moderated rating", None, []) from exc
        return self._workshop.challenge_record(round_id, challenge_id)


def _bumped(conn, record_id: int, read_version: int, now, values: dict) -> bool:
    """Write `values` only if nobody moderated it since `read_version` was read."""
    m = store.moderations
    result = conn.execute(
        m.update()
        .where(m.c.record_id == record_id, m.c.version == read_version)
        .values(version=m.c.version + 1, updated_at=now, **values)
    )
    return result.rowcount == 1


def _shown(row) -> dict:
    return {k: row[k] for k in ("stage", "reasons", "evidence", "moderated_by", "moderated_as")}
