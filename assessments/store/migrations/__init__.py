"""The migrations, in order: each a frozen file with its own table definitions as they were at
its version, so that it builds the same schema whatever the live tables become.

Append only: a released migration is never edited, so every database upgrades the same way. A
change to a live table (assessments/store/tables.py) comes with a new file here, written out in
full (never importing the live tables); tests/unit/test_migrations.py compares the schema they
build with the live one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, DateTime, Integer, MetaData, Table
from sqlalchemy.engine import Connection

from assessments.store.migrations import (
    m001_core,
    m002_template_a,
    m003_template_b,
    m004_trip,
    m005_audit_chain,
    m006_accounts,
    m007_organisation_sign_in,
    m008_moderation,
    m009_round_levels,
    m010_measure_values,
    m011_stories,
    m012_votes,
    m013_phone_vote_views,
    m014_statement_votes,
)

# How far the migrations have brought a database: one row, made before the first migration.
version_table = Table(
    "schema_version",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("migrated_at", DateTime(timezone=True), nullable=False),
)

MIGRATIONS: list[Callable[[Connection], None]] = [
    m001_core.upgrade,
    m002_template_a.upgrade,
    m003_template_b.upgrade,
    m004_trip.upgrade,
    m005_audit_chain.upgrade,
    m006_accounts.upgrade,
    m007_organisation_sign_in.upgrade,
    m008_moderation.upgrade,
    m009_round_levels.upgrade,
    m010_measure_values.upgrade,
    m011_stories.upgrade,
    m012_votes.upgrade,
    m013_phone_vote_views.upgrade,
    m014_statement_votes.upgrade,
]
SCHEMA_VERSION = len(MIGRATIONS)
