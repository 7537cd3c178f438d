"""The live table definitions: the schema as the code uses it today.

Change a table here only with a new frozen migration in `migrations/` that brings every existing
database to the same shape; tests/unit/test_migrations.py fails until they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

# How far the migrations have brought this database: one row.
schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1: one row
    Column("version", Integer, nullable=False),
    Column("migrated_at", DateTime(timezone=True), nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),  # trust, vcfse, local-authority, other
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),  # optimistic concurrency
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("team_type", String(60), nullable=False),  # an id from framework team-types
    Column("locality", String(200)),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("organisation_id", "name"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_name", String(200), nullable=False),
    Column("actor_role", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(60), nullable=False),
    Column("entity_id", Integer),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
    # The hash chain (audit_chain.py): the entry before's hash, and this entry's own. The empty
    # default only lets migration 5 add them to a log with entries; it fills every one.
    Column("prev_hash", String(64), nullable=False, server_default=""),
    Column("hash", String(64), nullable=False, server_default=""),
)

# An assessment round: one sitting of Template A for an organisation or a team, or one TRIP
# benchmarking of a team (kind "trip", whose `framework` is the benchmark set's id@version).
rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),  # empty: the whole organisation
    Column("framework", String(100), nullable=False),  # id@version, fixed for the round
    Column("kind", String(20), nullable=False, server_default="template-a"),  # or "trip"
    # provider (Template A for the whole provider), own-view (a team's own Template A, never
    # compared) or team (a TRIP); set when the round is made, from its kind and scope.
    Column("level", String(20), nullable=False, server_default="provider"),
    Column("held_on", Date, nullable=False),
    Column("facilitator", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # draft, agreed, practice
    # Who completed a Template A round with its facilitator (names or role titles; never of
    # people who use services): the provider's recovery lead, the commissioner lead, and a
    # lived-experience co-facilitator.
    Column("recovery_lead", String(200), nullable=False, server_default=""),
    Column("commissioner_lead", String(200), nullable=False, server_default=""),
    Column("co_facilitator", String(200), nullable=False, server_default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# How many people of each stakeholder group took part; never who they were.
participants = Table(
    "participants",
    metadata,
    Column("round_id", ForeignKey("rounds.id"), primary_key=True),
    Column("group_id", String(60), primary_key=True),
    Column("people", Integer, nullable=False),
    CheckConstraint("people >= 0", name="participants_people_not_negative"),
)

# One challenge of a round: what the room agreed. Its version guards the views below too,
# because the room saves a challenge as one piece.
challenge_records = Table(
    "challenge_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("challenge_id", String(60), nullable=False),
    Column("agreed_stage", Integer),
    Column("not_agreed", Boolean, nullable=False, default=False),
    Column("dissent", Text, nullable=False, default=""),
    Column("priority", Integer),
    Column("comments", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "challenge_id"),
    UniqueConstraint("round_id", "priority"),
    CheckConstraint("agreed_stage BETWEEN 1 AND 3", name="challenge_records_stage_1_to_3"),
    CheckConstraint("priority BETWEEN 1 AND 10", name="challenge_records_priority_1_to_10"),
)

# A moderated rating of one challenge record, beside the provider's own: by a commissioner or
# a peer reviewer, with the reasons and the evidence; its own version, so it never conflicts with
# the room's saves.
moderations = Table(
    "moderations",
    metadata,
    Column("record_id", ForeignKey("challenge_records.id"), primary_key=True),
    Column("stage", Integer, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    Column("moderated_by", String(200), nullable=False),
    Column("moderated_as", String(100), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 3", name="moderations_stage_1_to_3"),
)

# Each stakeholder group's view of one challenge, as a tally of hands or cards, or of phones.
views = Table(
    "views",
    metadata,
    Column("record_id", ForeignKey("challenge_records.id"), primary_key=True),
    Column("group_id", String(60), primary_key=True),
    Column("stage_1", Integer, nullable=False, default=0),
    Column("stage_2", Integer, nullable=False, default=0),
    Column("stage_3", Integer, nullable=False, default=0),
    Column("not_sure", Integer, nullable=False, default=0),
    Column("note", Text, nullable=False, default=""),
    # Counted by the room's phones (anonymous: a small group is shown as "fewer than 5"),
    # not by hands; set by closing a vote, never by typing (analytics/small_groups.py).
    Column("phone_vote", Boolean, nullable=False, server_default=text("false")),
    CheckConstraint(
        "stage_1 >= 0 AND stage_2 >= 0 AND stage_3 >= 0 AND not_sure >= 0",
        name="views_tallies_not_negative",
    ),
)


# A priority of a scope with its Template B: `scope` is "org:ID" or "team:ID", so one open plan
# per challenge and scope can be a unique index. A team's TRIP priorities have the scope
# "trip:ID", and `challenge_id` holds the benchmark statement each grew from (one open priority
# per statement). The content lives in its versions below.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("team_id", ForeignKey("teams.id")),
    Column("scope", String(40), nullable=False),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),  # the round that chose it
    Column("framework", String(100), nullable=False),
    Column("challenge_id", String(60), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # open, completed, closed
    Column("status_reason", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),  # guards every change to the plan
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('open', 'completed', 'closed')", name="plans_status_known"),
    Index(
        "plans_one_open_per_challenge",
        "scope",
        "challenge_id",
        unique=True,
        sqlite_where=text("status = 'open'"),
        postgresql_where=text("status = 'open'"),
    ),
)

# Each version of a plan's Template B, as one JSON document. A draft is edited in place; once
# signed it is never written again, and a change makes the next number.
plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("signed_on", Date),
    Column("signed_by_commissioner", String(200), nullable=False, default=""),
    Column("signed_by_provider", String(200), nullable=False, default=""),
    Column("created_by", String(420), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("plan_id", "number"),
)

# A Plan-Do-Study-Act review: what moved, and what the room decided about each goal and action.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("plan_version", Integer, nullable=False),
    Column("held_on", Date, nullable=False),
    Column("stage", Integer),  # the re-rating, when the stage moved
    Column("stage_evidence", Text, nullable=False, default=""),
    Column("learned", Text, nullable=False, default=""),
    Column("goal_outcomes", Text, nullable=False),  # JSON: goal key -> outcome
    Column("action_statuses", Text, nullable=False),  # JSON: action key -> status
    Column("next_review_on", Date),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 3", name="reviews_stage_1_to_3"),
)

# One value of a goal's measure on a date: taken at a review, or entered between reviews.
measurements = Table(
    "measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("goal_key", String(20), nullable=False),
    Column("measured_on", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("review_id", ForeignKey("reviews.id")),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


# One statement of a TRIP round: how far the team has got (a value of the set's scale), what it
# is proud of, and what it could do next. Its version guards the three together.
trip_ratings = Table(
    "trip_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False),
    Column("statement_id", String(60), nullable=False),
    Column("rating", String(60)),  # empty: not talked through yet
    Column("proud", Text, nullable=False, default=""),
    Column("next_step", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "statement_id"),
)

# A team's asset: what someone can offer, held by a role or initials, never a name.
assets = Table(
    "assets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", ForeignKey("teams.id"), nullable=False, index=True),
    Column("kind", String(60), nullable=False),  # an asset kind of the TRIP method
    Column("holder", String(60), nullable=False),  # an asset holder of the TRIP method
    Column("held_by", String(60), nullable=False),  # a role or initials
    Column("what", Text, nullable=False),
    Column("archived_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# A local account: a person who signs in with a username and a password, or through their
# organisation (OpenID Connect), whose identity's email is then the username. The username is
# kept lower-case, so one person is one account however they type it; the password only as its
# argon2 hash (an encoded string with its own salt and parameters), empty for a person who signs
# in through their organisation (no password matches it).
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),  # a Role of records/accounts.py
    Column("password_hash", String(255), nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # A SignInWith of records/accounts.py.
    Column("sign_in_with", String(20), nullable=False, server_default="password"),
    # When an administrator last ended the person's sessions (a disabling and a new password
    # do too): an organisation's identity issued before then makes no session.
    Column("sessions_ended_at", DateTime(timezone=True)),
    UniqueConstraint("username"),
    CheckConstraint("username = lower(username)", name="accounts_username_lower_case"),
    CheckConstraint(
        "role IN ('administrator', 'facilitator', 'provider-lead', 'team-member', "
        "'commissioner', 'viewer')",
        name="accounts_role_known",
    ),
)

# The providers and teams a person works with: a provider, or one of its teams (both named).
account_scopes = Table(
    "account_scopes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("organisation_id", ForeignKey("organisations.id")),
    Column("team_id", ForeignKey("teams.id")),
    CheckConstraint(
        "organisation_id IS NOT NULL OR team_id IS NOT NULL", name="account_scopes_named"
    ),
    Index("ix_account_scopes_account_id", "account_id"),
)

# A wrong password for a username (lower-case, whether or not it is an account's), kept for a
# while so that throttling survives a reload and is shared by every replica.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_sign_in_failures_username_at", "username", "at"),
)

# A signed-in browser: only the SHA-256 of its random token is kept, so a copy of the store
# cannot be used to sign in.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    # For a session made from an organisation's identity: when the identity provider issued
    # it (its `iat`). The sessions of one identity end together (rules/sign_in.py).
    Column("identity_issued_at", DateTime(timezone=True)),
    UniqueConstraint("token_hash"),
    Index("ix_sessions_account_id", "account_id"),
)
