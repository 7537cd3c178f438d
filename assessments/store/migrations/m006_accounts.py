"""Migration 6: local accounts for sign-in. The accounts (username lower-case, a role, the
password's argon2 hash), the providers and teams each works with, the failed sign-ins that
throttle guessing, and the sessions (a token's SHA-256, never the token), as they were at
schema version 6.

Frozen: these tables are this migration's own, never the live ones. Never edit a released
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# Made by earlier migrations; named here only so that the foreign keys resolve.
Table("organisations", metadata, Column("id", Integer, primary_key=True))
Table("teams", metadata, Column("id", Integer, primary_key=True))

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("username"),
    CheckConstraint("username = lower(username)", name="accounts_username_lower_case"),
    CheckConstraint(
        "role IN ('administrator', 'facilitator', 'provider-lead', 'team-member', "
        "'commissioner', 'viewer')",
        name="accounts_role_known",
    ),
)

account_scopes = Table(
    "account_scopes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("organisation_id", Integer, ForeignKey("organisations.id")),
    Column("team_id", Integer, ForeignKey("teams.id")),
    CheckConstraint(
        "organisation_id IS NOT NULL OR team_id IS NOT NULL", name="account_scopes_named"
    ),
    Index("ix_account_scopes_account_id", "account_id"),
)

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_sign_in_failures_username_at", "username", "at"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    UniqueConstraint("token_hash"),
    Index("ix_sessions_account_id", "account_id"),
)


def upgrade(conn: Connection) -> None:
    metadata.create_all(
        conn, tables=[accounts, account_scopes, sign_in_failures, sessions], checkfirst=False
    )
