"""Migration 13: a group view knows whether it came from the room's phones. Closing a live vote
writes its tallies into the group views; a phone vote is anonymous, so a small group of voters
is shown only as "fewer than 5" (assessments/analytics/small_groups.py), while a hand count,
made in the open room, stays exact. Until now only the view's note said so, and a note is
typed text. The views closed by phone before this migration are found by the note the vote
wrote ("Counted by phone vote (code ..., vote ...)"). As at schema version 13.

Frozen: this column is this migration's own, never the live one. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def upgrade(conn: Connection) -> None:
    # SQLite adds a NOT NULL column only with a default.
    conn.execute(text("ALTER TABLE views ADD COLUMN phone_vote BOOLEAN NOT NULL DEFAULT false"))
    conn.execute(
        text("UPDATE views SET phone_vote = true WHERE note LIKE 'Counted by phone vote (code %'")
    )
