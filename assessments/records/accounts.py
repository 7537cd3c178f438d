"""Local accounts as the rest of the app sees them: who a person is, their role, which providers
and teams they work with, and a sign-in. Frozen values, no database, and never a password or
its hash; the service is in `service/accounts.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from assessments.records import Actor


class Role(StrEnum):
    """What a person may do. Stored as its value; equal to it as text."""

    ADMINISTRATOR = "administrator"
    FACILITATOR = "facilitator"
    PROVIDER_LEAD = "provider-lead"
    TEAM_MEMBER = "team-member"
    COMMISSIONER = "commissioner"
    VIEWER = "viewer"


ROLES = {
    Role.ADMINISTRATOR: "Administrator",
    Role.FACILITATOR: "Facilitator",
    Role.PROVIDER_LEAD: "Provider lead",
    Role.TEAM_MEMBER: "Team member",
    Role.COMMISSIONER: "Commissioner",
    Role.VIEWER: "Viewer",
}


class SignInWith(StrEnum):
    """How a person signs in: a password kept here (as its hash), or their organisation's
    sign-in (OpenID Connect, such as NHSmail / Microsoft Entra ID), whose identity's email is
    the account's username. Stored as its value."""

    PASSWORD = "password"
    ORGANISATION = "organisation"


SIGN_IN_WITH = {
    SignInWith.PASSWORD: "A password",
    SignInWith.ORGANISATION: "Their organisation's sign-in",
}


@dataclass(frozen=True)
class Scope:
    """A provider, or one of its teams, that a person works with. A team's scope names its
    provider too."""

    organisation_id: int | None = None
    team_id: int | None = None


@dataclass(frozen=True)
class Account:
    id: int
    username: str  # lower-case: one person, however they type it
    display_name: str
    role: Role
    scopes: tuple[Scope, ...]
    disabled_at: datetime | None
    version: int
    created_at: datetime
    sign_in_with: SignInWith = SignInWith.PASSWORD

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def actor(self) -> Actor:
        """Who this person is in the audit log: their name and their role's label."""
        return Actor(self.display_name, ROLES[self.role])


@dataclass(frozen=True)
class SignedIn:
    """A sign-in that worked: the session's token (kept by the browser, never stored here: the
    store keeps only its SHA-256) and who signed in."""

    token: str
    account: Account
