"""Template A rounds and what the room records for each challenge: creating a round, reading
its ten records, and saving one. Rows to records are in `workshop_rows.py`."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.analytics.small_groups import carried_answer
from assessments.records import (
    TEMPLATE_A,
    Actor,
    Answer,
    ChallengeRecord,
    Round,
    RoundLevel,
)
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Do, Place
from assessments.rules.text import TEXT_LENGTH, checked_actor, clean_text
from assessments.service.ledger import Ledger, utc_now
from assessments.service.providers import Providers
from assessments.service.rounds import Rounds, round_from_row
from assessments.service.workshop_rows import (
    answer_differences,
    answer_row,
    moderation_columns,
    record_from_row,
    view_row,
)
from assessments.store import reading, writing


def _free_text(value: str, field: str, what: str) -> str:
    return clean_text(value, field, what, required=False, limit=TEXT_LENGTH)


class Workshop:
    """Template A rounds and what the room records for each challenge."""

    def __init__(self, ledger: Ledger, providers: Providers, rounds: Rounds) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today
        self._providers = providers
        self._rounds = rounds

    # --- assessment rounds ------------------------------------------------------------------

    def decided_counts(self, round_ids: list[int]) -> dict[int, int]:
        """How many challenges of each round have an agreed stage or a recorded disagreement."""
        c = store.challenge_records
        decided = or_(c.c.agreed_stage.is_not(None), c.c.not_agreed.is_(True))
        query = (
            select(c.c.round_id, func.count())
            .where(c.c.round_id.in_(round_ids), decided)
            .group_by(c.c.round_id)
        )
        query = self.ledger.gate.of_rounds_seen(query, c.c.round_id)
        with reading(self.engine) as conn:
            found = dict(conn.execute(query).all())
        return {rid: found.get(rid, 0) for rid in round_ids}

    def create_round(
        self,
        actor: Actor,
        organisation_id: int,
        *,
        framework: str,
        held_on: date,
        facilitator: str,
        team_id: int | None = None,
        status: str = "draft",
        participants: dict[str, int] | None = None,
        answers: dict[str, Answer] | None = None,
        completers: dict[str, str] | None = None,
    ) -> Round:
        """A round with a record for every challenge of its framework: empty, or as given in
        `answers` (a finished paper Template A entered at once, or generated demo data). With
        no team it is the provider's own (provider-wide); a team's is that team's own view,
        kept and shown but never compared. `completers`: see `Rounds.round_fields`."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.RUN_ROUNDS, actor=actor, place=Place(organisation_id, team_id))
        if framework not in self.definitions.frameworks:
            raise ServiceError(
                f"'{framework}' is not a loaded framework; choose one of "
                f"{', '.join(self.definitions.frameworks)}.",
                "framework",
            )
        level = RoundLevel.PROVIDER if team_id is None else RoundLevel.OWN_VIEW
        fields, counts = self._rounds.round_fields(
            held_on, facilitator, status, participants or {}, level, completers
        )
        challenges = self.definitions.framework(framework).challenges
        answers = self._clean_answers(challenges, answers or {})
        with writing(self.engine) as conn:
            self._providers.live_organisation(conn, organisation_id)
            if team_id is not None:
                self._rounds.current_team(conn, organisation_id, team_id)
            now = utc_now()
            round_id = conn.execute(
                store.rounds.insert().values(
                    organisation_id=organisation_id,
                    team_id=team_id,
                    framework=framework,
                    kind=TEMPLATE_A,
                    level=level,
                    version=1,
                    created_at=now,
                    updated_at=now,
                    **fields,
                )
            ).inserted_primary_key[0]
            self._rounds.write_participants(conn, round_id, counts)
            c, v = store.challenge_records, store.views
            conn.execute(
                c.insert(),
                [
                    {"round_id": round_id, "challenge_id": ch.id, "version": 1, "updated_at": now}
                    | answer_row(answers.get(ch.id, Answer()))
                    for ch in challenges
                ],
            )
            ids = dict(
                conn.execute(select(c.c.challenge_id, c.c.id).where(c.c.round_id == round_id)).all()
            )
            view_rows = [
                view_row(ids[cid], x) for cid, answer in answers.items() for x in answer.views
            ]
            if view_rows:
                conn.execute(v.insert(), view_rows)
            created = round_from_row(self.ledger.row(conn, store.rounds, round_id, "round"), counts)
            self.ledger.audit(conn, actor, "create", "round", round_id, None, asdict(created))
        return created

    # --- the ten challenges of a round ------------------------------------------------------

    def challenge_records(self, round_id: int) -> dict[str, ChallengeRecord]:
        """Every challenge of the round, in the framework's order."""
        self.ledger.gate.check(Do.READ, round=round_id)
        c, v = store.challenge_records, store.views
        with reading(self.engine) as conn:
            found = self.ledger.row(conn, store.rounds, round_id, "round")
            m = store.moderations
            rows = (
                conn.execute(
                    select(c, *moderation_columns())
                    .outerjoin(m, m.c.record_id == c.c.id)
                    .where(c.c.round_id == round_id)
                )
                .mappings()
                .all()
            )
            views = (
                conn.execute(
                    select(v).join(c, v.c.record_id == c.c.id).where(c.c.round_id == round_id)
                )
                .mappings()
                .all()
            )
        by_record: dict[int, list] = {}
        for view in views:
            by_record.setdefault(view["record_id"], []).append(view)
        order = [ch.id for ch in self.definitions.framework(found["framework"]).challenges]
        groups = list(self._group_titles())
        records = {
            row["challenge_id"]: record_from_row(row, by_record.get(row["id"], []), groups)
            for row in rows
        }
        return {cid: records[cid] for cid in order if cid in records}

    def challenge_record(self, round_id: int, challenge_id: str) -> ChallengeRecord:
        records = self.challenge_records(round_id)
        if challenge_id not in records:
            raise ServiceError(f"Round {round_id} has no challenge '{challenge_id}'.", "challenge")
        return records[challenge_id]

    def _clean_answer(self, answer: Answer) -> Answer:
        if answer.agreed_stage is not None and answer.agreed_stage not in (1, 2, 3):
            raise ServiceError("The agreed stage must be 1, 2 or 3.", "agreed_stage")
        if answer.not_agreed and answer.agreed_stage is not None:
            raise ServiceError(
                "Choose either an agreed stage or 'not agreed', not both.", "agreed_stage"
            )
        dissent = _free_text(answer.dissent, "dissent", "The dissent")
        if answer.not_agreed and not dissent:
            raise ServiceError(
                "The room did not agree: say in words where views differ and why.", "dissent"
            )
        if answer.priority is not None and not 1 <= answer.priority <= 10:
            raise ServiceError("Priority for action is a rank from 1 to 10.", "priority")
        groups = {g.id: g.name for g in self.definitions.stakeholder_groups}
        views = []
        for view in answer.views:
            if view.group not in groups:
                raise ServiceError(f"'{view.group}' is not a stakeholder group.", "views")
            for stage, count in view.counts.items():
                if not isinstance(count, int) or count < 0:
                    raise ServiceError(
                        f"{groups[view.group]}, {stage}: a count of people must be 0 or more.",
                        f"views.{view.group}",
                    )
            note = clean_text(
                view.note,
                f"views.{view.group}",
                f"The note of {groups[view.group]}",
                required=False,
                limit=TEXT_LENGTH,
            )
            view = replace(view, note=note)
            if not view.empty:
                views.append(view)
        order = list(groups)  # the order the groups are defined in, everywhere
        return replace(
            answer,
            views=tuple(sorted(views, key=lambda v: order.index(v.group))),
            dissent=dissent if answer.not_agreed else "",
            comments=_free_text(answer.comments, "comments", "The comments"),
            evidence=_free_text(answer.evidence, "evidence", "The evidence"),
        )

    def _check_counts(self, answer: Answer, participants: dict[str, int]) -> None:
        """A group cannot hold more views than it had people in the room (when the round says
        how many took part)."""
        names = self._group_titles()
        for view in answer.views:
            present = participants.get(view.group)
            counted = sum(view.counts.values())
            if present and counted > present:
                raise ServiceError(
                    f"{names[view.group]}: {counted} views counted, but {present} took part. "
                    "Check the counts, or correct who took part on the Rounds page.",
                    f"views.{view.group}",
                )

    def _clean_answers(self, challenges, answers: dict[str, Answer]) -> dict[str, Answer]:
        ids = {ch.id: ch for ch in challenges}
        cleaned: dict[str, Answer] = {}
        ranks: dict[int, str] = {}
        for cid, answer in answers.items():
            if cid not in ids:
                raise ServiceError(f"'{cid}' is not a challenge of this framework.", "challenge")
            cleaned[cid] = self._clean_answer(answer)
            rank = cleaned[cid].priority
            if rank is not None and rank in ranks:
                raise ServiceError(
                    f"Priority {rank} is given to challenges {ids[ranks[rank]].number} and "
                    f"{ids[cid].number}; each rank is used once.",
                    "priority",
                )
            if rank is not None:
                ranks[rank] = cid
        return cleaned

    def save_challenge(
        self, actor: Actor, round_id: int, challenge_id: str, answer: Answer, read_version: int
    ) -> ChallengeRecord:
        """Save what the room recorded for one challenge. Saving what is already stored writes
        nothing; a save based on an older version is refused, unless it says the same."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, round=round_id)
        answer = self._clean_answer(answer)
        self._check_counts(answer, self._rounds.round(round_id).participants)
        before = self.challenge_record(round_id, challenge_id)
        answer = carried_answer(answer, before.answer)  # a phone vote stays one until typed over
        if answer == before.answer:
            return before
        c, v = store.challenge_records, store.views
        try:
            with writing(self.engine) as conn:
                framework = self._framework_of(conn, round_id)
                if answer.priority is not None:
                    self._check_priority_free(
                        conn, framework, round_id, challenge_id, answer.priority
                    )
                record_id = self._record_id(conn, round_id, challenge_id)
                values = answer_row(answer)
                if not self.ledger.bump(
                    conn, c, record_id, read_version, updated_at=utc_now(), **values
                ):
                    stored = self._stored_answer(conn, record_id)
                    if stored != answer:
                        raise StaleSave(
                            f"challenge {framework.challenge(challenge_id).number}",
                            self.ledger.last_write(conn, "challenge", record_id),
                            answer_differences(answer, stored, self._group_titles()),
                        )
                else:  # the views are saved with the record whose version guards them
                    conn.execute(v.delete().where(v.c.record_id == record_id))
                    if answer.views:
                        conn.execute(v.insert(), [view_row(record_id, x) for x in answer.views])
                    self.ledger.audit(
                        conn,
                        actor,
                        "save",
                        "challenge",
                        record_id,
                        {"challenge": challenge_id, **asdict(before.answer)},
                        {"challenge": challenge_id, **asdict(answer)},
                    )
        except IntegrityError as exc:  # another challenge took the rank a moment ago
            raise ServiceError(
                f"Priority {answer.priority} was just given to another challenge; choose another.",
                "priority",
            ) from exc
        return self.challenge_record(round_id, challenge_id)

    def _framework_of(self, conn: Connection, round_id: int):
        r = store.rounds
        ref = conn.execute(select(r.c.framework).where(r.c.id == round_id)).scalar_one()
        return self.definitions.framework(ref)

    def _group_titles(self) -> dict[str, str]:
        return {g.id: g.name for g in self.definitions.stakeholder_groups}

    @staticmethod
    def _record_id(conn: Connection, round_id: int, challenge_id: str) -> int:
        c = store.challenge_records
        return conn.execute(
            select(c.c.id).where(c.c.round_id == round_id, c.c.challenge_id == challenge_id)
        ).scalar_one()

    def _stored_answer(self, conn: Connection, record_id: int) -> Answer:
        c, v = store.challenge_records, store.views
        row = conn.execute(select(c).where(c.c.id == record_id)).mappings().one()
        views = conn.execute(select(v).where(v.c.record_id == record_id)).mappings().all()
        return record_from_row(row, views, list(self._group_titles())).answer

    def _check_priority_free(
        self, conn: Connection, framework, round_id: int, challenge_id: str, priority: int
    ) -> None:
        c = store.challenge_records
        holder = conn.execute(
            select(c.c.challenge_id).where(
                c.c.round_id == round_id, c.c.priority == priority, c.c.challenge_id != challenge_id
            )
        ).scalar_one_or_none()
        if holder is not None:
            other = framework.challenge(holder)
            raise ServiceError(
                f"Priority {priority} is already given to challenge {other.number} "
                f"({other.short_title}). Each rank is used once: clear it there first, or "
                "choose another.",
                "priority",
            )
