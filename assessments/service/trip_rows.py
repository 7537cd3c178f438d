"""TRIP's rows and records: ratings and assets, each table row as the record pages read."""

from __future__ import annotations

from assessments.records.trip import Asset, Rating, StatementRating
from assessments.service.ledger import as_utc


def rating_row(rating: Rating) -> dict:
    return {"rating": rating.value, "proud": rating.proud, "next_step": rating.next_step}


def statement_rating_from_row(row) -> StatementRating:
    return StatementRating(
        round_id=row["round_id"],
        statement_id=row["statement_id"],
        rating=Rating(value=row["rating"], proud=row["proud"], next_step=row["next_step"]),
        version=row["version"],
    )


def asset_from_row(row) -> Asset:
    return Asset(
        id=row["id"],
        team_id=row["team_id"],
        kind=row["kind"],
        holder=row["holder"],
        held_by=row["held_by"],
        what=row["what"],
        archived_at=as_utc(row["archived_at"]),
        version=row["version"],
    )
