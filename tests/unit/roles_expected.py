"""What the role x use-case test expects, written out by hand from the issue's roles (not
computed from rules/permissions.py): the roles, who may do what at each place, and the shape of
a row of the table (tests/unit/roles_cases_*.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from assessments.records.portfolio import PortfolioFilters
from assessments.service import Service
from tests.unit.roles_world import (
    FRAMEWORK,
    LOCAL,
)

ADMIN, FACILITATOR, LEAD = "administrator", "facilitator", "provider-lead"
MEMBER, COMMISSIONER, VIEWER = "team-member", "commissioner", "viewer"
EVERYONE = frozenset({LOCAL, ADMIN, FACILITATOR, LEAD, MEMBER, COMMISSIONER, VIEWER})


def read_everywhere() -> dict[str, frozenset[str]]:
    """A record of a team (or a round or plan of its own): everyone with the provider reads
    the first team's; the team member not the second team's; only an administrator (and this
    computer alone) another provider's."""
    return {"mine": EVERYONE, "sibling": EVERYONE - {MEMBER}, "other": frozenset({LOCAL, ADMIN})}


def provider_read() -> dict[str, frozenset[str]]:
    """The provider itself: its team's people read it too."""
    return {"mine": EVERYONE, "sibling": EVERYONE, "other": frozenset({LOCAL, ADMIN})}


def write(*roles: str) -> dict[str, frozenset[str]]:
    """A change `roles` may make where they work (the team member at its own team only); on
    another provider's records, only this computer alone and an administrator's own work."""
    mine = frozenset({LOCAL, *roles})
    return {
        "mine": mine,
        "sibling": mine - {MEMBER},
        "other": frozenset({LOCAL, *({ADMIN} & set(roles))}),
    }


def nowhere(*roles: str) -> dict[str, frozenset[str]]:
    """A use case of no provider's record (the audit log, a new provider)."""
    return {"mine": frozenset({LOCAL, *roles})}


@dataclass(frozen=True)
class UseCase:
    name: str  # the unit and method, and what is special about this call
    call: Callable  # (svc, local svc, actor, side, role) -> the result
    allowed: dict[str, frozenset[str]]
    seen: Callable | None = None  # a list: (result, side, local svc) -> the record is in it


def version_of(svc: Service, what: str, record_id: int) -> int:
    reads = {
        "plan": svc.plans.plan,
        "round": svc.rounds.round,
        "team": svc.providers.team,
        "organisation": svc.providers.organisation,
        "asset": svc.trip.asset,
    }
    return reads[what](record_id).version


def rating_version(svc: Service, side) -> int:
    return svc.trip.trip_ratings(side.trip_round)["com-c01-2"].version


def sign_for_their_side(svc, local, actor, side, role):
    return svc.versions.sign_plan(
        actor,
        side.plan,
        version_of(local, "plan", side.plan),
        signed_on=date(2026, 4, 1),
        commissioner_agrees=role in (LOCAL, COMMISSIONER),
        provider_agrees=role in (LOCAL, LEAD),
    )


def review(svc, local, actor, side, role):
    return svc.reviews.record_review(
        actor,
        side.signed,
        held_on=date(2026, 6, 1),
        measurements={"g1": "31"},
        goal_outcomes={"g1": "carry-on"},
        action_statuses={"a1": "on-track"},
        stage=None,
        stage_evidence="",
        learned="Peer trainers need paid time",
        next_review_on=date(2026, 9, 1),
    )


def portfolio_of(svc: Service):
    return svc.portfolio.portfolio(PortfolioFilters(framework=FRAMEWORK))


def in_portfolio(records, side, local) -> bool:
    """A team with an agreed round of its own is compared; any other is named as without."""
    named = local.providers.team(side.team).name in records.without_rounds
    return named or side.team in set(records.teams["team_id"])


# Public methods of the units that are not use cases of a record, and why.
NOT_USE_CASES = {
    "plans.priority_limit": "the framework's advice, from the definitions",
    "rounds.scope_name": "names the scope of a round already read",
    "rounds.scope_names": "names the scopes of rounds already read",
    "rounds.round_fields": "checks typed round details; reads and writes nothing",
    "providers.is_empty": "whether the store holds any provider yet, for the first run",
    "trip.benchmark_set_for": "a team type's statements, from the definitions",
    "portfolio.compared_versions": "framework versions, from the definitions",
    "portfolio.priority_name": "a priority's title, from the definitions",
    "portfolio.portfolio_views": "reads only the rounds of records portfolio() gave the person",
    "accounts.any_accounts": "whether anyone signs in at all, asked before anyone has",
    "accounts.any_passwords": "whether the sign-in page shows a password form",
    "accounts.sign_in": "signing in: before anyone is known",
    "accounts.sign_in_with_identity": "signing in through an organisation: the same",
    "accounts.session_account": "who a browser's session belongs to: how anyone is known",
    "accounts.sign_out": "ends the session of the token given, whoever holds it",
    "votes.cast": "a phone's vote: open to anyone holding an open code; no account, no name",
    "votes.state": "what a phone may know of a vote by its code (open, its title), no more",
}
