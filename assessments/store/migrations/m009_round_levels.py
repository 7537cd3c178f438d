"""Migration 9: the level a round speaks for, and who completed it. Template A belongs to a
provider (Implementing Recovery, 2010: completed by the provider's lead for recovery with its
stakeholders and commissioners); a team's own Template A round is kept, relabelled as its own
view (never compared); a TRIP round is a team's. Three completers beside the facilitator: the
recovery lead, the commissioner lead and a lived-experience co-facilitator. As at schema
version 9.

Frozen: these columns are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def upgrade(conn: Connection) -> None:
    # SQLite adds a NOT NULL column only with a default.
    conn.execute(
        text("ALTER TABLE rounds ADD COLUMN level VARCHAR(20) NOT NULL DEFAULT 'provider'")
    )
    for column in ("recovery_lead", "commissioner_lead", "co_facilitator"):
        conn.execute(
            text(f"ALTER TABLE rounds ADD COLUMN {column} VARCHAR(200) NOT NULL DEFAULT ''")
        )
    conn.execute(
        text(
            "UPDATE rounds SET level = 'own-view' WHERE kind = 'template-a' AND team_id IS NOT NULL"
        )
    )
    conn.execute(text("UPDATE rounds SET level = 'team' WHERE kind = 'trip'"))
