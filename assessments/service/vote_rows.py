"""A live vote's question as the store holds it, read into its record."""

from __future__ import annotations

from assessments.records.votes import VoteQuestion
from assessments.service.ledger import as_utc


def question_from_row(row) -> VoteQuestion:
    return VoteQuestion(
        id=row["id"],
        round_id=row["round_id"],
        challenge_id=row["challenge_id"],
        statement_id=row["statement_id"],
        code=row["code"],
        status=row["status"],
        revealed=bool(row["revealed"]),
        ballot=row["ballot"],
        opened_at=as_utc(row["opened_at"]),
        opened_by=row["opened_by"],
        closed_at=as_utc(row["closed_at"]),
        closed_by=row["closed_by"],
        version=row["version"],
    )
