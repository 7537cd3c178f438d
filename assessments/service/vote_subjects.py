"""What a live vote is on, and so what a phone may answer: a challenge of a Template A round
(its three stages, or Not sure) or a statement of a TRIP round (the steps of the round's scale,
Not yet to Fully, or Not sure). From the definitions and the round's kind and framework only;
no writes.

On a statement, the phones answer only the scale's ranked steps: "Not applicable" is the room's
decision with a note of why, not one person's vote, and "Don't know" is the phones' Not sure."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import TEMPLATE_A, TRIP
from assessments.records.votes import CHALLENGE, NOT_SURE, STATEMENT, Choice, VoteQuestion
from assessments.rules.errors import ServiceError
from framework.loader import Definitions

NOT_SURE_CHOICE = Choice(NOT_SURE, "Not sure", "Not sure", "")


def round_kind(conn: Connection, round_id: int) -> tuple[str, str] | None:
    """The round's kind and framework ("id@version", a benchmark set's for a TRIP round)."""
    r = store.rounds
    found = conn.execute(select(r.c.kind, r.c.framework).where(r.c.id == round_id)).first()
    return None if found is None else (found[0], found[1])


class Subjects:
    """The subjects of live votes, as the definitions describe them."""

    def __init__(self, definitions: Definitions) -> None:
        self.definitions = definitions

    def checked(self, kind_and_framework: tuple[str, str] | None, subject_id: str) -> str:
        """CHALLENGE or STATEMENT: what `subject_id` is in a round of this kind; refused when
        it is neither a challenge of a Template A round nor a statement of a TRIP round."""
        kind, ref = kind_and_framework or (None, None)
        if kind == TEMPLATE_A:
            if subject_id not in {c.id for c in self.definitions.framework(ref).challenges}:
                raise ServiceError(f"'{subject_id}' is not a challenge of this round.", "challenge")
            return CHALLENGE
        if kind == TRIP:
            if self.definitions.benchmark_set(ref).statement(subject_id) is None:
                raise ServiceError(f"'{subject_id}' is not a statement of this TRIP.", "statement")
            return STATEMENT
        raise ServiceError("A vote is on a challenge or a TRIP statement of a round.", "round")

    def choices(self, question: VoteQuestion, ref: str) -> tuple[Choice, ...]:
        """The answers a phone may give, in the order shown, Not sure last."""
        if question.subject == CHALLENGE:
            stages = self.definitions.framework(ref).stages
            found = [Choice(f"stage-{s.number}", f"Stage {s.number}",
                            f"Stage {s.number}: {s.name}", s.headline) for s in stages]  # fmt: skip
        else:
            scale = self.definitions.scales[self.definitions.benchmark_set(ref).scale]
            ranked = sorted((v for v in scale.values if v.rank is not None), key=lambda v: v.rank)
            found = [Choice(v.value, v.label, v.label, v.description or "") for v in ranked]
        return (*found, NOT_SURE_CHOICE)

    def title(self, question: VoteQuestion, ref: str) -> str:
        """What the phone says it votes on: the challenge's number and short title, or the
        statement's number and words (plain text: the phone shows it as text)."""
        if question.subject == CHALLENGE:
            challenge = self.definitions.framework(ref).challenge(question.challenge_id)
            return f"Challenge {challenge.number}: {challenge.short_title}"
        ids = [s.id for s in self.definitions.benchmark_set(ref).statements]
        statement = self.definitions.benchmark_set(ref).statement(question.statement_id)
        return f"Statement {ids.index(statement.id) + 1}: {statement.text}"

    @staticmethod
    def ask(question: VoteQuestion) -> str:
        if question.subject == CHALLENGE:
            return "Which stage is the service at on this challenge?"
        return "How far has the team got with this statement?"

    def refusal(self, choices: tuple[Choice, ...]) -> str:
        words = [c.word for c in choices[:-1]]
        return f"Choose {', '.join(words[:-1])} or {words[-1]}, or Not sure."
