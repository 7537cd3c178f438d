"""Signing in through the person's organisation (OpenID Connect), on SQLite and PostgreSQL: an
identity gets in only through an account an administrator made for its email, to sign in
through the organisation; its role and providers are the account's. An identity makes a session
only while it is fresh: not after LIFETIME_HOURS, not when issued before the account's sessions
were ended (or it was disabled), not once its sessions went idle or were signed out. Time is a
clock the tests move, never a sleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from assessments import store
from assessments.records.accounts import Role, Scope, SignInWith
from assessments.rules.errors import SignInRefused
from assessments.rules.sign_in import IdentityRefused, SignInEnded
from assessments.service import Service
from assessments.service.sessions import token_digest
from assessments.store.migrations import m006_accounts
from tests.unit.service_helpers import refused
from tests.unit.test_accounts import ADMIN, PASSWORD, QUICK, Clock, quick_accounts

EMAIL = "sam.okafor@nhs.net"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(service, clock):
    return quick_accounts(service, clock)


@pytest.fixture
def sam(accounts, service, actor):
    """A facilitator who signs in through their organisation, for one provider."""
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    return accounts.create_account(
        ADMIN,
        EMAIL,
        "Sam Okafor",
        "facilitator",
        scopes=[Scope(organisation_id=org.id)],
        sign_in_with="organisation",
    )


def identity_refusal(call) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        call()
    return caught.value


# --- who gets in ----------------------------------------------------------------------------


def test_an_identity_gets_in_as_the_account_made_for_its_email(accounts, sam, clock, service):
    assert (sam.sign_in_with, sam.role) == (SignInWith.ORGANISATION, Role.FACILITATOR)

    signed = accounts.sign_in_with_identity(" Sam.Okafor@NHS.net ", clock.at)  # any case

    assert signed.account == sam  # the role and the providers are the account's
    assert accounts.session_account(signed.token) == sam
    (entry,) = [e for e in service.history("account") if e.action == "sign-in"]
    assert (entry.actor_name, entry.after["with"]) == ("Sam Okafor", "organisation")


def test_an_identity_with_no_account_is_refused_naming_its_email(accounts, sam, clock):
    refusal = identity_refusal(lambda: accounts.sign_in_with_identity("jo.reyes@nhs.net", clock.at))

    assert type(refusal) is IdentityRefused and refusal.email == "jo.reyes@nhs.net"
    assert refusal.message.startswith("There is no account here for jo.reyes@nhs.net.")
    assert "ask an administrator" in refusal.message
    assert "gave no email address" in (
        identity_refusal(lambda: accounts.sign_in_with_identity(None, clock.at)).message
    )
    assert not accounts.accounts()[0].disabled  # nothing changed for anyone


def test_an_identity_never_gets_into_an_account_that_signs_in_with_a_password(accounts, clock):
    accounts.create_account(ADMIN, "jo@nhs.net", "Jo Reyes", "viewer", PASSWORD)

    refusal = identity_refusal(lambda: accounts.sign_in_with_identity("jo@nhs.net", clock.at))

    assert type(refusal) is IdentityRefused
    assert "signs in with its username and password" in refusal.message


def test_a_disabled_account_refuses_its_identity_and_enabled_asks_for_a_new_one(
    accounts, sam, clock
):
    accounts.create_account(ADMIN, "ada", "Ada Admin", "administrator", PASSWORD)
    issued = clock.at
    token = accounts.sign_in_with_identity(EMAIL, issued).token
    clock.move(minutes=5)
    disabled = accounts.disable_account(ADMIN, sam.id, sam.version)

    assert accounts.session_account(token) is None
    refusal = identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))
    assert type(refusal) is IdentityRefused
    assert refusal.message == (
        f"The account for {EMAIL} is disabled: ask an administrator of this tool to enable it."
    )

    clock.move(minutes=5)
    accounts.enable_account(ADMIN, sam.id, disabled.version)
    assert type(identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))) is (
        SignInEnded
    )  # the cookie kept from before the disabling does not bring the person back
    assert accounts.sign_in_with_identity(EMAIL, clock.at).account.id == sam.id


# --- an identity makes sessions only while it is fresh --------------------------------------


def test_ending_the_sessions_ends_them_and_refuses_identities_issued_before(accounts, sam, clock):
    issued = clock.at
    token = accounts.sign_in_with_identity(EMAIL, issued).token
    clock.move(minutes=10)

    assert accounts.end_sessions(ADMIN, sam.id) == 1

    assert accounts.session_account(token) is None
    ended = identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))
    assert type(ended) is SignInEnded
    assert ended.message == "Your sign-in has ended; sign in again."
    clock.move(seconds=1)  # signed in again at the organisation: a new identity
    again = accounts.sign_in_with_identity(EMAIL, clock.at)
    assert accounts.session_account(again.token) == sam


def test_an_identity_issued_in_the_second_the_sessions_were_ended_is_taken_as_after(
    accounts, sam, clock
):
    clock.move(minutes=10, seconds=0.4)
    accounts.end_sessions(ADMIN, sam.id)  # at 09:10:00.4
    clock.move(seconds=0.3)

    # `iat` is in whole seconds: 09:10:00 is the second of the ending, not before it
    signed = accounts.sign_in_with_identity(EMAIL, clock.at.replace(microsecond=0))

    assert accounts.session_account(signed.token) == sam
    assert (
        type(
            identity_refusal(
                lambda: accounts.sign_in_with_identity(EMAIL, clock.at - timedelta(seconds=1))
            )
        )
        is SignInEnded
    )


def test_an_identity_older_than_the_lifetime_makes_no_session(accounts, sam, clock):
    issued = clock.at
    clock.move(hours=11)
    token = accounts.sign_in_with_identity(EMAIL, issued).token  # made 11 hours in
    for _ in range(2):
        clock.move(minutes=29)
        assert accounts.session_account(token) == sam

    clock.move(minutes=3)  # 12 h 1 min since the identity was issued, 1 h 1 min since the
    # session began and 3 minutes since its last use

    assert accounts.session_account(token) is None  # the session ends with its identity
    assert type(identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))) is (
        SignInEnded
    )
    assert (
        type(
            identity_refusal(
                lambda: accounts.sign_in_with_identity(EMAIL, clock.at + timedelta(minutes=6))
            )
        )
        is SignInEnded
    )  # nor one issued in the future, beyond a small difference of clocks
    assert accounts.sign_in_with_identity(EMAIL, clock.at + timedelta(minutes=4)).account == sam


def test_an_identity_in_use_opens_more_tabs_but_not_once_it_went_idle(accounts, sam, clock):
    issued = clock.at
    first = accounts.sign_in_with_identity(EMAIL, issued).token
    clock.move(minutes=20)
    accounts.session_account(first)  # in use
    clock.move(minutes=25)
    second = accounts.sign_in_with_identity(EMAIL, issued).token  # a refresh, or a new tab
    assert accounts.session_account(second) == sam

    clock.move(minutes=31)  # nobody used either

    assert accounts.session_account(second) is None
    assert type(identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))) is (
        SignInEnded
    )


def test_signing_out_ends_the_identity(accounts, sam, clock):
    issued = clock.at
    token = accounts.sign_in_with_identity(EMAIL, issued).token

    accounts.sign_out(token)

    assert type(identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, issued))) is (
        SignInEnded
    )


# --- accounts for organisation sign-in ------------------------------------------------------


def test_an_organisation_account_is_named_by_an_email_and_has_no_password(accounts, sam):
    assert "email address" in refused(
        lambda: accounts.create_account(
            ADMIN, "jo", "Jo Reyes", "viewer", sign_in_with="organisation"
        ),
        "username",
    )
    assert "leave the password empty" in refused(
        lambda: accounts.create_account(
            ADMIN, "jo@nhs.net", "Jo Reyes", "viewer", PASSWORD, sign_in_with="organisation"
        ),
        "password",
    )
    assert "not a way to sign in" in refused(
        lambda: accounts.create_account(
            ADMIN, "jo@nhs.net", "Jo Reyes", "viewer", PASSWORD, sign_in_with="magic"
        ),
        "sign_in_with",
    )
    assert "no password here" in refused(
        lambda: accounts.set_password(ADMIN, sam.id, "a different long passphrase"), "password"
    )
    wrong = identity_refusal(lambda: accounts.sign_in(EMAIL, ""))
    assert "username or the password is not right" in wrong.message  # as for any username
    assert not accounts.any_passwords()
    accounts.create_account(ADMIN, "ada", "Ada Admin", "administrator", PASSWORD)
    assert accounts.any_passwords()


def test_an_administrator_changes_how_a_person_signs_in(accounts, sam, clock):
    token = accounts.sign_in_with_identity(EMAIL, clock.at).token
    assert "Only an administrator" in refused(
        lambda: accounts.set_sign_in_with(sam.actor, sam.id, sam.version, "password", PASSWORD),
        "actor",
    )

    with_password = accounts.set_sign_in_with(ADMIN, sam.id, sam.version, "password", PASSWORD)

    assert with_password.sign_in_with == SignInWith.PASSWORD
    assert accounts.session_account(token) is None
    assert accounts.sign_in(EMAIL, PASSWORD).account.id == sam.id
    clock.move(seconds=1)
    assert type(identity_refusal(lambda: accounts.sign_in_with_identity(EMAIL, clock.at))) is (
        IdentityRefused
    )

    back = accounts.set_sign_in_with(ADMIN, sam.id, with_password.version, "organisation")

    assert back.sign_in_with == SignInWith.ORGANISATION
    assert isinstance(identity_refusal(lambda: accounts.sign_in(EMAIL, PASSWORD)), SignInRefused)
    clock.move(seconds=1)
    assert accounts.sign_in_with_identity(EMAIL, clock.at).account.id == sam.id


# --- the upgrade ----------------------------------------------------------------------------


def test_an_upgrade_keeps_every_account_and_session_signing_in_with_a_password(
    database_url, definitions, clock
):
    engine = store.make_engine(database_url)
    store.upgrade(engine, to=6)
    token = "a-session-token-made-before-the-upgrade"
    made = datetime(2026, 11, 23, 8, 50, tzinfo=UTC)
    with engine.begin() as conn:
        account_id = conn.execute(
            m006_accounts.accounts.insert().values(
                username="sam",
                display_name="Sam Okafor",
                role="facilitator",
                password_hash=QUICK.hash(PASSWORD),
                version=1,
                created_at=made,
                updated_at=made,
            )
        ).inserted_primary_key[0]
        conn.execute(
            m006_accounts.sessions.insert().values(
                account_id=account_id,
                token_hash=token_digest(token),
                created_at=made,
                last_seen_at=made,
            )
        )

    assert store.upgrade(engine) == store.SCHEMA_VERSION
    accounts = quick_accounts(Service(engine, definitions), clock)
    (sam,) = accounts.accounts()
    assert (sam.username, sam.sign_in_with) == ("sam", SignInWith.PASSWORD)
    assert accounts.session_account(token) == sam  # still signed in
    assert accounts.sign_in("sam", PASSWORD).account == sam
    with engine.connect() as conn:
        ended = conn.execute(select(store.accounts.c.sessions_ended_at)).scalar_one()
    assert ended is None
    engine.dispose()
