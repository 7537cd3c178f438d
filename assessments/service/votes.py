"""Live votes from the room's phones: the facilitator opens a vote on a challenge of a Template
A round, phones cast by its code, and closing it writes the tallies per stakeholder group into
the challenge's group views, through the same save the workshop page makes, each flagged as a
phone vote (so a small group is shown as "fewer than 5" on every screen and in every report,
analytics/small_groups.py) and its note saying which vote it was.

A phone has no account: casting is open to anyone holding an open code, and the phone is never
named (`VOTER` is the only actor it has; a vote keeps a hash of the phone's random token).
Casts are not audited one by one (the votes are the record, and naming nobody); opening,
closing, re-opening and revealing are.

A vote on a TRIP statement (a TRIP round's; whoever may record the conversation runs it) is
answered on the TRIP scale's steps, and closing it never rates the statement: TRIP is a
conversation, never a score, and the room decides how far the team has got. Its tallies stay
with the question (each ballot's votes are kept) and reach the conversation as one plain line
per closed ballot (`closed_lines`: "Phone vote (code ABCD, vote 1): Staff (6): Not yet 2,
Started 4; groups of fewer than 5 voters not shown"), shown beside the statement and written,
with the same small groups left out, into the close's audit entry in the transaction that
closes it. The line is not written into the statement's own words (what the team is proud of,
what it could do next): those are what the room said, read as such in every report and team
file, and a count typed into them could not be kept from naming a small group's votes."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from assessments import store
from assessments.analytics.portfolio import SUPPRESSED
from assessments.analytics.votes import exact_counts, group_tallies, tallies_line
from assessments.records import Actor, ChallengeRecord, GroupView
from assessments.records.accounts import Account, Role
from assessments.records.votes import (
    ANSWERS,
    CHALLENGE,
    CLOSED,
    OPEN,
    STATEMENT,
    CastVote,
    Choice,
    Tally,
    VoteQuestion,
    VoteState,
)
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Access, Do
from assessments.rules.text import checked_actor
from assessments.rules.votes import NotOpen, RateLimit, clean_code, device_hash, new_code
from assessments.service.ledger import Ledger, utc_now
from assessments.service.vote_rows import question_from_row
from assessments.service.vote_subjects import Subjects, round_kind
from assessments.service.workshop import Workshop
from assessments.store import one_write, reading, writing

VOTER = Actor("Phone voter", "voter")  # whoever holds an open code; never stored with a vote
# Who the phones' routes ask as: a viewer of no provider, so every use case but casting and a
# code's state (which ask no one) is refused or finds nothing; never "this computer" (all).
VOTER_ACCESS = Access(
    Account(
        0, "phone-voter", VOTER.name, Role.VIEWER, (), None, 0, datetime(2026, 1, 1, tzinfo=UTC)
    )
)
PHONE_VOTE_NOTE = "Counted by phone vote (code {code}, vote {ballot})"


class Votes:
    """Live votes on a round's challenges or a TRIP's statements, and the phones' casts."""

    def __init__(self, ledger: Ledger, workshop: Workshop, limit: RateLimit | None = None) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self._workshop = workshop
        # Per process (README): held by the one Service the vote routes keep.
        self.limit = limit or RateLimit()
        self._subjects = Subjects(self.definitions)
        # A question's answers never change (its round's framework does not): read once.
        self._choices: dict[int, tuple[Choice, ...]] = {}

    # --- the facilitator's side --------------------------------------------------------------

    def open_vote(self, actor: Actor, round_id: int, subject_id: str) -> VoteQuestion:
        """A vote on a challenge of a Template A round or a statement of a TRIP round (which
        one the round's kind says), with a new join code; the one already open on it, if any.
        A subject voted on before is re-opened instead (`reopen_vote`)."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, round=round_id)
        q = store.vote_questions
        with writing(self.engine) as conn:
            subject = self._subjects.checked(round_kind(conn, round_id), subject_id)
            column = q.c.challenge_id if subject == CHALLENGE else q.c.statement_id
            found = conn.execute(
                select(q).where(q.c.round_id == round_id, column == subject_id)
            ).first()
            if found is not None and found._mapping["status"] == OPEN:
                return question_from_row(found._mapping)
            if found is not None:
                raise ServiceError(
                    f"This {subject} was voted on already: re-open that vote for a second one.",
                    subject,
                )
            now = utc_now()
            question_id = self._insert(conn, round_id, {column.name: subject_id}, actor, now)
            opened = self._question(conn, question_id)
            self.ledger.audit(conn, actor, "open", "vote", question_id, None, asdict(opened))
        return opened

    def close_vote(
        self, actor: Actor, question_id: int, read_version: int
    ) -> ChallengeRecord | VoteQuestion:
        """Close the vote. On a TRIP statement: see `_close_statement` (the closed question is
        returned). On a challenge: write its tallies into the challenge's group views, in one
        transaction: a group that voted by phone gets its counts (all of them: the record is
        the same a hand count makes, and a count of hands is seen by the room anyway); a
        group that did not keeps what was typed for it. Refused, changing nothing, when the
        save would be (more votes in a group than took part, say)."""
        actor = checked_actor(actor)
        question = self.question(question_id)
        self.ledger.gate.check_work(actor, round=question.round_id)
        if not question.open:
            raise ServiceError("This vote is closed already.", "status")
        if question.subject == STATEMENT:
            return self._close_statement(actor, question, read_version)
        with one_write(self.engine):
            # Closed first: the row's lock makes a cast under way finish before the votes are
            # counted, and one after it find the vote closed (PostgreSQL; SQLite's one writer
            # does the same), so no stored vote is left out of the tallies.
            with writing(self.engine) as conn:
                now = utc_now()
                self._bump(conn, question, read_version, status=CLOSED, closed_at=now,
                           closed_by=actor.name, updated_at=now)  # fmt: skip
                counts = exact_counts(self._votes(conn, question))
            record = self._workshop.challenge_record(question.round_id, question.challenge_id)
            note = PHONE_VOTE_NOTE.format(code=question.code, ballot=question.ballot)
            phoned = {
                group: GroupView(
                    group, **{ANSWERS[a]: n for a, n in found.items()}, note=note, phone_vote=True
                )
                for group, found in counts.items()
            }
            kept = [v for v in record.answer.views if v.group not in phoned]
            answer = replace(record.answer, views=tuple(kept) + tuple(phoned.values()))
            saved = self._workshop.save_challenge(
                actor, question.round_id, question.challenge_id, answer, record.version
            )
            with writing(self.engine) as conn:
                after = asdict(self._question(conn, question_id)) | {"tallies": counts}
                self.ledger.audit(conn, actor, "close", "vote", question_id, None, after)
        return saved

    def _close_statement(
        self, actor: Actor, question: VoteQuestion, read_version: int
    ) -> VoteQuestion:
        """Closed, in one transaction with its audit entry, which holds the ballot's line and
        its tallies with small groups only said to be small; the statement's rating is never
        touched (the module's docstring says why)."""
        with writing(self.engine) as conn:  # closed first, as for a challenge
            now = utc_now()
            self._bump(conn, question, read_version, status=CLOSED, closed_at=now,
                       closed_by=actor.name, updated_at=now)  # fmt: skip
            tally = self._tally(conn, question)
            after = asdict(self._question(conn, question.id)) | {
                "line": tallies_line(question.code, question.ballot, tally.groups, tally.choices),
                "tallies": {g.group: SUPPRESSED if g.suppressed else g.counts
                            for g in tally.groups if g.suppressed or g.voters},
            }  # fmt: skip
            self.ledger.audit(conn, actor, "close", "vote", question.id, None, after)
            return self._question(conn, question.id)

    def closed_lines(self, question_id: int) -> list[str]:
        """Each closed ballot of the question in one plain line, oldest first, small groups
        left out (see `analytics.votes.tallies_line`); none while its first vote is open."""
        question = self.question(question_id)
        closed = question.ballot - (1 if question.open else 0)
        v = store.votes
        with reading(self.engine) as conn:
            choices = self._choices_of(conn, question)
            rows = conn.execute(
                select(v.c.ballot, v.c.group_id, v.c.answer).where(
                    v.c.question_id == question.id, v.c.ballot <= closed
                )
            ).all()
        groups = {g.id: g.name for g in self.definitions.stakeholder_groups}
        answers = [c.value for c in choices]
        return [
            tallies_line(question.code, ballot, group_tallies(
                [(r[1], r[2]) for r in rows if r[0] == ballot], groups, answers=answers
            ), choices)
            for ballot in range(1, closed + 1)
        ]  # fmt: skip

    def reopen_vote(self, actor: Actor, question_id: int, read_version: int) -> VoteQuestion:
        """A second vote after discussion: the same code, the next ballot, results hidden
        again; the first ballot's votes are kept apart and stay as they were."""
        return self._change(
            actor, question_id, read_version, "reopen", want_open=False,
            status=OPEN, ballot=store.vote_questions.c.ballot + 1, revealed=False,
            closed_at=None, closed_by=None,
        )  # fmt: skip

    def reveal(
        self, actor: Actor, question_id: int, read_version: int, revealed: bool = True
    ) -> VoteQuestion:
        """Show the results to the room, or hide them again (so early votes do not steer it)."""
        action = "reveal" if revealed else "hide"
        return self._change(actor, question_id, read_version, action, None, revealed=revealed)

    def question(self, question_id: int) -> VoteQuestion:
        with reading(self.engine) as conn:
            question = self._question(conn, question_id)
        self.ledger.gate.check(Do.READ, round=question.round_id)
        return question

    def questions(self, round_id: int) -> list[VoteQuestion]:
        """The round's votes, by challenge."""
        self.ledger.gate.check(Do.READ, round=round_id)
        q = store.vote_questions
        with reading(self.engine) as conn:
            rows = conn.execute(select(q).where(q.c.round_id == round_id).order_by(q.c.id))
            return [question_from_row(row) for row in rows.mappings()]

    def tallies(self, question_id: int) -> Tally:
        """The current ballot's votes per stakeholder group, small groups as "fewer than N",
        with the question's answers in the order shown."""
        question = self.question(question_id)
        with reading(self.engine) as conn:
            return self._tally(conn, question)

    def _tally(self, conn: Connection, question: VoteQuestion) -> Tally:
        choices = self._choices_of(conn, question)
        cast = self._votes(conn, question)
        groups = {g.id: g.name for g in self.definitions.stakeholder_groups}
        answers = [c.value for c in choices]
        return Tally(question, len(cast), group_tallies(cast, groups, answers=answers), choices)

    # --- the phones' side --------------------------------------------------------------------

    def state(self, code: str) -> VoteState:
        """What a phone may know by a code: whether the vote is open, what on, and whether its
        results are shown. An unknown code is refused with a message for the phone."""
        with reading(self.engine) as conn:
            question = self._by_code(conn, clean_code(code))
            choices = self._choices_of(conn, question)
            title = self._subjects.title(question, round_kind(conn, question.round_id)[1])
        return VoteState(question.code, question.status, title, question.revealed,
                         question.ballot, question.subject, self._subjects.ask(question),
                         choices)  # fmt: skip

    def cast(
        self, code: str, device_token: str, group: str, answer: str, priority: int | None = None
    ) -> CastVote:
        """Store a phone's vote, or replace its earlier one on this ballot, while the vote is
        open. Anyone holding an open code may; nobody is named."""
        code, device = clean_code(code), device_hash(device_token)
        groups = {g.id: g.name for g in self.definitions.stakeholder_groups}
        if group not in groups:
            raise ServiceError("Choose the group you are in.", "group")
        if not isinstance(answer, str) or not answer:
            raise ServiceError("Choose your answer, or Not sure.", "answer")
        if priority is not None and (
            isinstance(priority, bool) or not isinstance(priority, int) or not 1 <= priority <= 10
        ):
            raise ServiceError("A priority is a whole number from 1 to 10, or none.", "priority")
        self.limit.check(device, code)
        v = store.votes
        try:
            with writing(self.engine) as conn:
                question = self._by_code(conn, code, lock=True)
                if not question.open:
                    raise NotOpen(
                        "This vote has closed, so your vote was not stored. "
                        "Wait for the next code on the screen at the front.",
                        code,
                    )
                choices = self._choices_of(conn, question)
                word = next((c.word for c in choices if c.value == answer), None)
                if word is None:
                    raise ServiceError(self._subjects.refusal(choices), "answer")
                if priority is not None and question.subject == STATEMENT:
                    raise ServiceError("A TRIP statement's vote takes no priority.", "priority")
                values = {"group_id": group, "answer": answer, "priority": priority}
                now = utc_now()
                changed = conn.execute(
                    v.update()
                    .where(v.c.question_id == question.id, v.c.ballot == question.ballot,
                           v.c.device == device)
                    .values(**values, version=v.c.version + 1, updated_at=now)
                ).rowcount == 1  # fmt: skip
                if not changed:
                    conn.execute(
                        v.insert().values(question_id=question.id, ballot=question.ballot,
                                          device=device, version=1, cast_at=now, updated_at=now,
                                          **values)
                    )  # fmt: skip
        except IntegrityError as exc:  # the same phone's two sends crossed: the first stands
            raise ServiceError("Your vote was sent twice at once: send it again.", "device") from (
                exc
            )
        return CastVote(code, group, answer, priority, changed, word)

    # --- steps ---------------------------------------------------------------------------------

    def _insert(self, conn: Connection, round_id, subject: dict, actor: Actor, now) -> int:
        q = store.vote_questions
        taken = set(conn.execute(select(q.c.code)).scalars())
        code = next(c for c in iter(new_code, None) if c not in taken)
        return conn.execute(
            q.insert().values(round_id=round_id, **subject, code=code,
                              status=OPEN, revealed=False, ballot=1, opened_at=now,
                              opened_by=actor.name, version=1, updated_at=now)
        ).inserted_primary_key[0]  # fmt: skip

    def _change(self, actor, question_id, read_version, action, want_open, **values):
        actor = checked_actor(actor)
        question = self.question(question_id)
        self.ledger.gate.check_work(actor, round=question.round_id)
        if want_open is not None and question.open != want_open:
            state = "open" if question.open else "closed"
            raise ServiceError(f"This vote is {state} already.", "status")
        with writing(self.engine) as conn:
            now = utc_now()
            if action == "reopen":
                values |= {"opened_at": now, "opened_by": actor.name}
            self._bump(conn, question, read_version, updated_at=now, **values)
            after = self._question(conn, question_id)
            self.ledger.audit(conn, actor, action, "vote", question_id, asdict(question),
                              asdict(after))  # fmt: skip
        return after

    def _bump(self, conn: Connection, question: VoteQuestion, read_version: int, **values):
        if not self.ledger.bump(conn, store.vote_questions, question.id, read_version, **values):
            raise StaleSave(
                f"the vote {question.code}",
                self.ledger.last_write(conn, "vote", question.id),
                [],
            )

    def _question(self, conn: Connection, question_id: int) -> VoteQuestion:
        return question_from_row(self.ledger.row(conn, store.vote_questions, question_id, "vote"))

    def _by_code(self, conn: Connection, code: str, lock: bool = False) -> VoteQuestion:
        """The question of a code; `lock`: held shared until the cast's transaction ends, so
        a close waits for it (PostgreSQL; SQLite has one writer at a time anyway)."""
        q = store.vote_questions
        query = select(q).where(q.c.code == code)
        row = conn.execute(query.with_for_update(read=True) if lock else query).first()
        if row is None:
            raise NotOpen(
                f"There is no vote with the code {code}. Check the code on the screen at the "
                "front and type it again.",
                code,
            )
        return question_from_row(row._mapping)

    def _votes(self, conn: Connection, question: VoteQuestion) -> list[tuple[str, str]]:
        v = store.votes
        return [
            (row[0], row[1])
            for row in conn.execute(
                select(v.c.group_id, v.c.answer).where(
                    v.c.question_id == question.id, v.c.ballot == question.ballot
                )
            )
        ]

    def _choices_of(self, conn: Connection, question: VoteQuestion) -> tuple[Choice, ...]:
        if question.id not in self._choices:
            ref = round_kind(conn, question.round_id)[1]
            self._choices[question.id] = self._subjects.choices(question, ref)
        return self._choices[question.id]
