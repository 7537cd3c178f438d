"""Accounts read from rows and checked before they are written: the role, and the providers
and teams a person works with. Shared mechanics of `accounts.py`, no use case of their own."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import ROLES, Account, Role, Scope, SignInWith
from assessments.rules.errors import ServiceError
from assessments.rules.text import checked_actor
from assessments.service.ledger import as_utc

ADMINISTRATOR = ROLES[Role.ADMINISTRATOR]  # an actor's role, as the audit log names it
MAX_SCOPES = 1000


def administrator(actor: Actor, what: str) -> Actor:
    """`actor`, checked, if an administrator; otherwise a refusal saying who may `what`."""
    actor = checked_actor(actor)
    if actor.role != ADMINISTRATOR:
        raise ServiceError(f"Only an administrator may {what}.", "actor")
    return actor


def refuse_last_administrator(conn: Connection, account: Account) -> None:
    """Disabling the one administrator who can still sign in would leave nobody to manage the
    accounts (but for the command line): refused."""
    if account.role != Role.ADMINISTRATOR or account.disabled:
        return
    a = store.accounts
    others = conn.execute(
        select(func.count()).where(
            a.c.role == Role.ADMINISTRATOR.value, a.c.disabled_at.is_(None), a.c.id != account.id
        )
    ).scalar_one()
    if not others:
        raise ServiceError(
            f"{account.display_name} is the only administrator who can sign in; make another "
            "administrator first.",
            "account",
        )


def read_accounts(conn: Connection, account_id: int | None = None) -> list[Account]:
    """Every account by username (or the one of `account_id`) with its scopes, in two
    statements however many there are."""
    a, sc = store.accounts, store.account_scopes
    query = select(a).order_by(a.c.username)
    scopes_query = select(sc).order_by(sc.c.id)
    if account_id is not None:
        query = query.where(a.c.id == account_id)
        scopes_query = scopes_query.where(sc.c.account_id == account_id)
    rows = [r._mapping for r in conn.execute(query)]
    scopes: dict[int, list[Scope]] = {}
    for scope in conn.execute(scopes_query):
        scopes.setdefault(scope.account_id, []).append(Scope(scope.organisation_id, scope.team_id))
    return [account_from_row(row, scopes.get(row["id"], ())) for row in rows]


def one_account(conn: Connection, account_id: int) -> Account:
    found = read_accounts(conn, account_id)
    if not found:
        raise ServiceError(f"There is no account {account_id}; it may have been typed wrongly.")
    return found[0]


def account_from_row(row, scopes: Iterable[Scope]) -> Account:
    return Account(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        scopes=tuple(scopes),
        disabled_at=as_utc(row["disabled_at"]),
        version=row["version"],
        created_at=as_utc(row["created_at"]),
        sign_in_with=SignInWith(row["sign_in_with"]),
    )


def checked_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(Role)
        raise ServiceError(f"'{role}' is not a role; choose one of {known}.", "role") from None


def checked_sign_in_with(sign_in_with: str) -> SignInWith:
    try:
        return SignInWith(sign_in_with)
    except ValueError:
        known = ", ".join(SignInWith)
        raise ServiceError(
            f"'{sign_in_with}' is not a way to sign in; choose one of {known}.", "sign_in_with"
        ) from None


def checked_scopes(conn: Connection, role: Role, scopes: tuple[Scope, ...]) -> tuple[Scope, ...]:
    """Each scope's provider and team exist and belong together; a team's names its provider;
    no scope twice. An administrator works with everything and has none."""
    if len(scopes) > MAX_SCOPES:
        raise ServiceError(f"Give at most {MAX_SCOPES} providers and teams.", "scopes")
    if role == Role.ADMINISTRATOR and scopes:
        raise ServiceError(
            "An administrator works with every provider and team: give none.", "scopes"
        )
    o, t = store.organisations, store.teams
    found: list[Scope] = []
    for scope in scopes:
        if scope.team_id is not None:
            team = conn.execute(select(t.c.organisation_id).where(t.c.id == scope.team_id)).first()
            if team is None:
                raise ServiceError(f"There is no team {scope.team_id}.", "scopes")
            if scope.organisation_id not in (None, team.organisation_id):
                raise ServiceError(
                    f"Team {scope.team_id} is not a team of provider {scope.organisation_id}.",
                    "scopes",
                )
            scope = Scope(team.organisation_id, scope.team_id)
        elif scope.organisation_id is None:
            raise ServiceError("Each scope names a provider or a team.", "scopes")
        elif not conn.execute(select(o.c.id).where(o.c.id == scope.organisation_id)).first():
            raise ServiceError(f"There is no provider {scope.organisation_id}.", "scopes")
        if scope not in found:
            found.append(scope)
    return tuple(found)
