"""Migration 7: sign-in through the person's organisation (OpenID Connect). An account says how
its person signs in (`sign_in_with`: 'password' for every account made before, or
'organisation') and when its sessions were last ended (`sessions_ended_at`); a session made
from an organisation's identity keeps when that identity was issued (`identity_issued_at`).
As they were at schema version 7.

Frozen: these columns are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import DateTime, text
from sqlalchemy.engine import Connection


def upgrade(conn: Connection) -> None:
    when = DateTime(timezone=True).compile(dialect=conn.dialect)
    # SQLite adds a NOT NULL column only with a default: every existing account has a password.
    conn.execute(
        text("ALTER TABLE accounts ADD COLUMN sign_in_with VARCHAR(20) NOT NULL DEFAULT 'password'")
    )
    conn.execute(text(f"ALTER TABLE accounts ADD COLUMN sessions_ended_at {when}"))
    conn.execute(text(f"ALTER TABLE sessions ADD COLUMN identity_issued_at {when}"))
