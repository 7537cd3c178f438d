"""Who may do what to which record: the one table every use case is checked against, and the
scope a person works in. Plain values, no database; `service/gate.py` applies them.

A person signed in has a role and scopes (providers, or teams of a provider, they work with):
- administrator: accounts, providers and teams, the audit log; reads everything;
- facilitator: runs rounds (Template A and TRIP) and drafts plans, for their providers/teams,
  and may moderate a provider's ratings as a peer reviewer where their scopes include it;
- provider lead: their provider's plans, and signing a Template B plan off as the provider;
- facilitator, provider lead and commissioner: the measures commissioners contract on, for
  their providers and teams (service/measures.py says why not a team member);
- team member: their team's TRIP (ratings, assets, priorities);
- commissioner: reads across the providers they commission, signs off as commissioner, gives
  a moderated rating beside a provider's own, edits no provider record;
- viewer: reads their providers/teams.

Deny by default: a role may do only what `ALLOWED` lists, and only inside its scopes. Without
accounts, the app is one person's on this computer (`THIS_COMPUTER`): everything is allowed,
as it is to the command line, which whoever holds the store's files can do anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assessments.records import Actor
from assessments.records.accounts import ROLES, Account, Role, Scope


class Do(StrEnum):
    """What a use case does, as a person's role allows it or not."""

    READ = "read these records"
    READ_AUDIT = "read the audit log"
    MANAGE_ACCOUNTS = "manage accounts"
    MANAGE_PROVIDERS = "add or change providers and teams"
    RUN_ROUNDS = "run rounds and record what the room decides"
    MODERATE = "give a moderated rating beside a provider's own"
    TRIP = "record a team's TRIP"
    PLAN = "write or review plans"
    SIGN_AS_PROVIDER = "sign a plan off as the provider"
    SIGN_AS_COMMISSIONER = "sign a plan off as the commissioner"
    RECORD_MEASURES = "record the measures commissioners contract on"


ALLOWED: dict[Role, frozenset[Do]] = {
    Role.ADMINISTRATOR: frozenset(
        {Do.READ, Do.READ_AUDIT, Do.MANAGE_ACCOUNTS, Do.MANAGE_PROVIDERS}
    ),
    Role.FACILITATOR: frozenset(
        {Do.READ, Do.RUN_ROUNDS, Do.TRIP, Do.PLAN, Do.MODERATE, Do.RECORD_MEASURES}
    ),
    Role.PROVIDER_LEAD: frozenset({Do.READ, Do.PLAN, Do.SIGN_AS_PROVIDER, Do.RECORD_MEASURES}),
    Role.TEAM_MEMBER: frozenset({Do.READ, Do.TRIP}),
    Role.COMMISSIONER: frozenset(
        {Do.READ, Do.SIGN_AS_COMMISSIONER, Do.MODERATE, Do.RECORD_MEASURES}
    ),
    Role.VIEWER: frozenset({Do.READ}),
}

# Roles whose work is not tied to a provider: their scopes are not asked.
EVERYWHERE = frozenset({Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Place:
    """Where a record belongs: a provider, and the team when it is a team's."""

    organisation_id: int
    team_id: int | None = None


@dataclass(frozen=True)
class Access:
    """Who is asking. `account` None: this computer alone, without accounts, or the command
    line: everything is allowed."""

    account: Account | None = None

    @property
    def everything(self) -> bool:
        return self.account is None

    @property
    def role(self) -> Role | None:
        return None if self.account is None else self.account.role

    @property
    def scopes(self) -> tuple[Scope, ...]:
        return () if self.account is None else self.account.scopes

    def may(self, do: Do) -> bool:
        """Whether the role allows `do` somewhere (the page may offer it)."""
        return self.account is None or do in ALLOWED[self.account.role]

    def anywhere(self, do: Do) -> bool:
        """Whether `do` is allowed on every record, so no record need be looked up."""
        return self.account is None or (
            self.account.role in EVERYWHERE and do in ALLOWED[self.account.role]
        )


THIS_COMPUTER = Access()

# The two sides that sign a Template B plan off, and the role that signs for each.
COMMISSIONER = "commissioner"
PROVIDER = "provider"
BOTH = frozenset({COMMISSIONER, PROVIDER})
SIDE_NAMES = {COMMISSIONER: "commissioner lead", PROVIDER: "provider lead"}
SIGNS_FOR = {COMMISSIONER: Do.SIGN_AS_COMMISSIONER, PROVIDER: Do.SIGN_AS_PROVIDER}


def signing_sides(access: Access, place: Place) -> frozenset[str]:
    """The sides `access` may sign a plan at `place` off for: both at one keyboard without
    accounts; otherwise the side the role signs for, when the place is theirs."""
    return frozenset(side for side, do in SIGNS_FOR.items() if allowed(access, do, place))


def allowed(access: Access, do: Do, place: Place | None) -> bool:
    """Whether `access` may `do` to a record at `place` (None: a record of no provider, such
    as an account)."""
    if access.anywhere(do):
        return True
    if not access.may(do) or place is None:
        return False
    return any(covers(scope, place, do) for scope in access.scopes)


def covers(scope: Scope, place: Place, do: Do) -> bool:
    """A provider's scope covers it and all its teams; a team's covers that team, and lets
    its people read their provider's own records (a provider-wide round, its plans)."""
    if scope.organisation_id != place.organisation_id:
        return False
    if scope.team_id is None or scope.team_id == place.team_id:
        return True
    return do == Do.READ and place.team_id is None


def refusal(access: Access, do: Do) -> str:
    """The words for a refused use case: who they are, what was asked, what to do."""
    account = access.account
    assert account is not None  # nothing is refused to this computer alone
    who = f"{account.display_name} ({ROLES[account.role]})"
    if not access.may(do):
        return (
            f"Not allowed: {who} cannot {do.value}. Nothing was changed. Ask an administrator "
            "if your role should change."
        )
    return (
        f"Not allowed: {who} cannot {do.value} here, because this provider or team is not one "
        "you work with. Nothing was changed. Ask an administrator to add it to your account."
    )


def same_person(access: Access, actor: Actor) -> bool:
    """A save names the person signed in, never anyone typed."""
    return access.account is None or actor == access.account.actor
