"""The role table's rows for accounts: every one an administrator's, but a person's own
password, which anyone changes by giving the current one."""

from __future__ import annotations

from assessments.service import Service
from tests.unit.roles_expected import ADMIN, EVERYONE, UseCase, nowhere
from tests.unit.roles_world import OTHER_PERSON, PASSWORD

NEW_PASSWORD = "a kettle sings by the window"


def other_person(local: Service) -> int:
    return next(a.id for a in local.accounts.accounts() if a.username == OTHER_PERSON)


def version(local: Service) -> int:
    return local.accounts.account(other_person(local)).version


ACCOUNT_CASES = [
    UseCase(
        "accounts.accounts",
        lambda svc, local, actor, side, role: svc.accounts.accounts(),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.account",
        lambda svc, local, actor, side, role: svc.accounts.account(other_person(local)),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.create_account",
        lambda svc, local, actor, side, role: svc.accounts.create_account(
            actor, f"new.{role.replace(' ', '.')}", "New Person", "viewer", PASSWORD
        ),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.set_password (one's own, with the current one)",
        lambda svc, local, actor, side, role: svc.accounts.set_password(
            actor,
            svc.ledger.gate.access.account.id
            if svc.ledger.gate.access.account
            else other_person(local),
            NEW_PASSWORD,
            current_password=PASSWORD,
        ),
        {"mine": EVERYONE},
    ),
    UseCase(
        "accounts.set_password (anyone's, by an administrator)",
        lambda svc, local, actor, side, role: svc.accounts.set_password(
            actor, other_person(local), NEW_PASSWORD
        ),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.set_sign_in_with",
        lambda svc, local, actor, side, role: svc.accounts.set_sign_in_with(
            actor, other_person(local), version(local), "organisation"
        ),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.end_sessions",
        lambda svc, local, actor, side, role: svc.accounts.end_sessions(actor, other_person(local)),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.disable_account",
        lambda svc, local, actor, side, role: svc.accounts.disable_account(
            actor, other_person(local), version(local)
        ),
        nowhere(ADMIN),
    ),
    UseCase(
        "accounts.enable_account",
        lambda svc, local, actor, side, role: svc.accounts.enable_account(
            actor, other_person(local), version(local)
        ),
        nowhere(ADMIN),
    ),
]
