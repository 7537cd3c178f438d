"""TRIP's rows and records: ratings and assets, each table row as the record pages read."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records.trip import Asset, Rating, StatementRating
from assessments.service.ledger import as_utc, utc_now


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


def insert_assets(
    conn: Connection, team_id: int, fields: list[dict], archived: list[bool]
) -> list[tuple[Asset, Asset]]:
    """Each asset (its checked fields) inserted in one statement and read back in another, as
    (the asset added, the asset now): an archived one is stored archived, as archiving it
    just after would leave it (its version the next, its time the archiving's)."""
    now = utc_now()
    rows = [
        {"team_id": team_id, "created_at": now, "updated_at": now, "archived_at": None,
         "version": 1, **given} | ({"archived_at": now, "version": 2} if gone else {})
        for given, gone in zip(fields, archived, strict=True)
    ]  # fmt: skip
    if not rows:
        return []
    a = store.assets
    ids = conn.execute(a.insert().returning(a.c.id, sort_by_parameter_order=True), rows)
    ids = ids.scalars().all()
    stored = {
        r.id: asset_from_row(r._mapping) for r in conn.execute(select(a).where(a.c.id.in_(ids)))
    }
    return [(replace(stored[i], archived_at=None, version=1), stored[i]) for i in ids]


def asset_changes(made: list[tuple[Asset, Asset]]) -> list[tuple]:
    """What the audit log says of each asset added: added, and archived if it is."""
    changes: list[tuple] = []
    for added, now in made:
        changes.append(("create", "asset", added.id, None, asdict(added)))
        if now != added:
            changes.append(("archive", "asset", added.id, asdict(added), asdict(now)))
    return changes
