"""The live tables of live votes from the room's phones, on the same metadata as `tables.py`
(kept apart only so that neither file outgrows a module). Changed only with a new frozen
migration, as every live table is."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from assessments.store.tables import metadata

# A question the room votes on: a challenge of a Template A round or a statement of a TRIP
# round (exactly one of the two is set). Its join code is short,
# of letters that cannot be misread (no I or O, no digits), unique for ever, so an old code is
# answered "closed", never with another room's question. `ballot` counts the votes held on it:
# re-opening after discussion starts ballot 2, whose votes are kept apart from ballot 1's.
vote_questions = Table(
    "vote_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("challenge_id", String(60)),
    Column("statement_id", String(60)),
    Column("code", String(8), nullable=False, unique=True),
    Column("status", String(10), nullable=False),  # open or closed
    Column("revealed", Boolean, nullable=False, default=False),
    Column("ballot", Integer, nullable=False, default=1),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("opened_by", String(200), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed_by", String(200)),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="vote_questions_status_known"),
    CheckConstraint(
        "(challenge_id IS NULL) <> (statement_id IS NULL)", name="vote_questions_one_subject"
    ),
    CheckConstraint("ballot >= 1", name="vote_questions_ballot_from_1"),
)

# One phone's vote on one ballot of a question: the hash of the random token the phone keeps
# (never the token, never a name), its stakeholder group, its answer and an optional priority.
# The phone changes it until the vote closes: one row per device per ballot. The answer is a
# stage or a value of a TRIP round's scale (defined in the YAML, so checked by the service).
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", ForeignKey("vote_questions.id"), nullable=False),
    Column("ballot", Integer, nullable=False),
    Column("device", String(64), nullable=False),  # sha-256 of the phone's token, in hex
    Column("group_id", String(60), nullable=False),
    Column("answer", String(40), nullable=False),
    Column("priority", Integer),
    Column("version", Integer, nullable=False, default=1),
    Column("cast_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("answer <> ''", name="votes_answer_given"),
    CheckConstraint("priority BETWEEN 1 AND 10", name="votes_priority_1_to_10"),
    UniqueConstraint("question_id", "ballot", "device", name="votes_one_per_device"),
)
