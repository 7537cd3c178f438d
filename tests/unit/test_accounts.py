"""Local accounts, on SQLite and PostgreSQL: an administrator makes one and its person signs in;
a refusal never says whether the username exists; five wrong passwords hold a username back for
15 minutes, even after a reload, and the right password with them; a session ends when idle,
when too old, on signing out and when an administrator ends it; passwords follow the NCSC's
advice; and the audit log never holds a password, its hash or a token. (`create-admin`, the
command line, is in test_create_admin_command_line.py.) Time is a clock the tests move, never a
sleep."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import Role, Scope
from assessments.rules.errors import ServiceError, SignInRefused, SignInThrottled
from assessments.rules.passwords import password_problem
from assessments.rules.sign_in import held_back_until
from assessments.service import Service
from assessments.service.accounts import IDLE_MINUTES, LIFETIME_HOURS, Accounts
from tests.unit.service_helpers import refused

ADMIN = Actor("Ada Admin", "Administrator")
PASSWORD = "correct horse battery staple"  # long, all lower-case, no digits: NCSC-style
# argon2 as cheap as it goes, so the tests spend their time on behaviour; one test below uses
# the real parameters.
QUICK = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


class Clock:
    """UTC now, moved by the test."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def move(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def quick_accounts(service: Service, clock: Clock) -> Accounts:
    service.accounts = Accounts(service.ledger, clock, hasher=QUICK)
    return service.accounts


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(service, clock):
    return quick_accounts(service, clock)


@pytest.fixture
def sam(accounts):
    return accounts.create_account(ADMIN, "Sam.Okafor", "Sam Okafor", "facilitator", PASSWORD)


def refusal(call) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        call()
    return caught.value


# --- creating and signing in ----------------------------------------------------------------


def test_an_administrator_makes_an_account_and_its_person_signs_in(accounts, service, actor):
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    team = service.providers.create_team(actor, org.id, "Quay CMHT", "cmht")
    made = accounts.create_account(
        ADMIN, " Jo.Reyes ", "Jo Reyes", "team-member", PASSWORD, [Scope(team_id=team.id)]
    )
    assert (made.username, made.role, made.disabled) == ("jo.reyes", Role.TEAM_MEMBER, False)
    assert made.scopes == (Scope(org.id, team.id),)  # a team's scope names its provider
    assert made.actor == Actor("Jo Reyes", "Team member")

    signed = accounts.sign_in("JO.REYES", PASSWORD)  # however the username is typed

    assert signed.account == made
    assert isinstance(signed.token, str) and len(signed.token) >= 40
    assert accounts.session_account(signed.token) == made
    assert accounts.session_account("not a token") is None
    assert accounts.any_accounts()


def test_an_empty_store_has_no_accounts(accounts):
    assert not accounts.any_accounts()
    assert accounts.accounts() == []


def test_only_an_administrator_makes_accounts_each_username_once_and_roles_are_known(accounts, sam):
    message = refused(
        lambda: accounts.create_account(
            Actor("Sam Okafor", "Facilitator"), "jo", "Jo", "viewer", PASSWORD
        ),
        "actor",
    )
    assert message == "Only an administrator may create an account."
    assert "already an account with the username 'sam.okafor'" in refused(
        lambda: accounts.create_account(ADMIN, "SAM.OKAFOR", "Sam", "viewer", PASSWORD), "username"
    )
    assert "'boss' is not a role" in refused(
        lambda: accounts.create_account(ADMIN, "jo", "Jo", "boss", PASSWORD), "role"
    )
    assert "letters, digits" in refused(
        lambda: accounts.create_account(ADMIN, "jo reyes", "Jo", "viewer", PASSWORD), "username"
    )
    assert "give none" in refused(
        lambda: accounts.create_account(
            ADMIN, "root", "Root", "administrator", PASSWORD, [Scope(organisation_id=1)]
        ),
        "scopes",
    )
    assert "no team 999" in refused(
        lambda: accounts.create_account(
            ADMIN, "jo", "Jo", "team-member", PASSWORD, [Scope(team_id=999)]
        ),
        "scopes",
    )
    assert [a.username for a in accounts.accounts()] == ["sam.okafor"]


# --- refusals that tell nothing, and throttling ---------------------------------------------


def test_a_wrong_password_and_an_unknown_username_are_refused_in_the_same_words(accounts, sam):
    wrong = refusal(lambda: accounts.sign_in("sam.okafor", "not the password at all"))
    unknown = refusal(lambda: accounts.sign_in("nobody.here", PASSWORD))

    assert type(wrong) is type(unknown) is SignInRefused
    assert wrong.message == unknown.message
    assert "username or the password is not right" in wrong.message
    assert "nobody.here" not in unknown.message and "sam" not in wrong.message


def test_five_wrong_passwords_hold_the_username_back_until_the_lockout_passes(accounts, sam, clock):
    for _ in range(5):
        clock.move(minutes=2)
        assert type(refusal(lambda: accounts.sign_in("sam.okafor", "guess guess guess"))) is (
            SignInRefused
        )

    clock.move(minutes=1)
    held = refusal(lambda: accounts.sign_in("sam.okafor", PASSWORD))  # the right one
    assert isinstance(held, SignInThrottled)
    assert held.message == ("Too many wrong passwords for this username: try again in 14 minutes.")
    assert held.until == clock.at + timedelta(minutes=14)

    clock.move(minutes=13, seconds=59)
    assert (
        "try again in 1 minute."
        in refusal(lambda: accounts.sign_in("sam.okafor", PASSWORD)).message
    )
    clock.move(seconds=1)
    assert accounts.sign_in("Sam.Okafor", PASSWORD).account == sam


def test_an_unknown_username_is_held_back_like_a_real_one(accounts, sam):
    for _ in range(5):
        refusal(lambda: accounts.sign_in("nobody.here", "guess guess guess"))
    assert isinstance(refusal(lambda: accounts.sign_in("nobody.here", PASSWORD)), SignInThrottled)
    assert accounts.sign_in("sam.okafor", PASSWORD).account == sam  # others are not held back


def test_the_count_survives_a_reload_and_another_service_on_the_same_store(
    accounts, sam, clock, database, definitions
):
    for _ in range(3):
        refusal(lambda: accounts.sign_in("sam.okafor", "guess guess guess"))
    engine = store.open_store(database)  # another process, or a replica, on the same store
    try:
        again = quick_accounts(Service(engine, definitions), clock)
        for _ in range(2):
            refusal(lambda: again.sign_in("sam.okafor", "guess guess guess"))

        assert isinstance(refusal(lambda: again.sign_in("sam.okafor", PASSWORD)), SignInThrottled)
        assert isinstance(
            refusal(lambda: accounts.sign_in("sam.okafor", PASSWORD)), SignInThrottled
        )
    finally:
        engine.dispose()


def test_a_sign_in_that_works_clears_the_count(accounts, sam):
    for _ in range(4):
        refusal(lambda: accounts.sign_in("sam.okafor", "guess guess guess"))
    accounts.sign_in("sam.okafor", PASSWORD)
    for _ in range(4):
        refusal(lambda: accounts.sign_in("sam.okafor", "guess guess guess"))

    assert accounts.sign_in("sam.okafor", PASSWORD).account == sam


def test_a_lockout_starts_only_at_five_failures_within_fifteen_minutes():
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    spread = [start + timedelta(minutes=m) for m in (0, 5, 10, 14, 16)]
    close = [start + timedelta(minutes=m) for m in (0, 5, 10, 14, 15)]

    assert held_back_until(spread, spread[-1]) is None
    assert held_back_until(close, close[-1]) == close[-1] + timedelta(minutes=15)
    assert held_back_until(close, close[-1] + timedelta(minutes=15)) is None


# --- sessions -------------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes(accounts, sam, clock):
    assert IDLE_MINUTES == 30
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    clock.move(minutes=29)
    assert accounts.session_account(token) == sam  # used: idle time starts again
    clock.move(minutes=29)
    assert accounts.session_account(token) == sam
    clock.move(minutes=31)

    assert accounts.session_account(token) is None


def test_use_is_written_at_most_once_a_minute(accounts, sam, clock):
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    clock.move(seconds=30)
    assert accounts.session_account(token) == sam  # not written: less than a minute since
    clock.move(minutes=29, seconds=45)  # 30 min 15 s since the last use written

    assert accounts.session_account(token) is None


def test_a_session_ends_twelve_hours_after_it_began_however_busy(accounts, sam, clock):
    assert LIFETIME_HOURS == 12
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    for _ in range(35):  # used every 20 minutes, for 11 hours 40 minutes
        clock.move(minutes=20)
        assert accounts.session_account(token) == sam
    clock.move(minutes=21)  # 12 hours 1 minute since it began, 21 minutes since its last use

    assert accounts.session_account(token) is None


def test_signing_out_and_an_administrator_ending_sessions_end_them(accounts, sam):
    here = accounts.sign_in("sam.okafor", PASSWORD).token
    laptop = accounts.sign_in("sam.okafor", PASSWORD).token
    phone = accounts.sign_in("sam.okafor", PASSWORD).token

    accounts.sign_out(here)
    accounts.sign_out(here)  # twice, or a stale token: nothing happens
    assert accounts.session_account(here) is None
    assert accounts.session_account(laptop) == sam

    assert "Only an administrator" in refused(
        lambda: accounts.end_sessions(sam.actor, sam.id), "actor"
    )
    assert accounts.end_sessions(ADMIN, sam.id) == 2
    assert accounts.session_account(laptop) is None and accounts.session_account(phone) is None
    assert accounts.sign_in("sam.okafor", PASSWORD).account == sam  # they can sign in again


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(accounts, sam):
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    disabled = accounts.disable_account(ADMIN, sam.id, sam.version)

    assert disabled.disabled and accounts.session_account(token) is None
    assert "disabled" in refusal(lambda: accounts.sign_in("sam.okafor", PASSWORD)).message
    wrong = refusal(lambda: accounts.sign_in("sam.okafor", "guess guess guess")).message
    assert "disabled" not in wrong  # only the right password learns it

    enabled = accounts.enable_account(ADMIN, sam.id, disabled.version)
    assert accounts.sign_in("sam.okafor", PASSWORD).account == enabled


def test_the_last_administrator_who_can_sign_in_cannot_be_disabled(accounts):
    ada = accounts.create_account(ADMIN, "ada", "Ada Admin", "administrator", PASSWORD)
    assert "only administrator who can sign in" in refused(
        lambda: accounts.disable_account(ADMIN, ada.id, ada.version), "account"
    )
    accounts.create_account(ADMIN, "bo", "Bo Admin", "administrator", PASSWORD)
    assert accounts.disable_account(ADMIN, ada.id, ada.version).disabled


# --- passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("eleven char", "11 characters long; make it at least 12"),
        ("x" * 129, "129 characters long; make it at most 128"),
        ("QWERTY123456", "list of common passwords"),  # on the list, whatever the case
        ("1q2w3e4r5t6y", "list of common passwords"),
        ("Sam.Okafor.2026", "is the username"),
        (" SAM.OKAFOR.2026 ", "is the username"),
    ],
)
def test_a_password_is_refused_with_what_to_change(accounts, password, says):
    message = refused(
        lambda: accounts.create_account(ADMIN, "sam.okafor.2026", "Sam", "viewer", password),
        "password",
    )
    assert says in message
    assert not accounts.any_accounts()


def test_a_long_passphrase_needs_no_capitals_digits_or_symbols():
    assert password_problem("correct horse battery staple", "sam") is None
    assert password_problem("twelve chars", "sam") is None  # exactly 12
    assert password_problem("é" * 128, "sam") is None  # characters, not bytes


def test_setting_a_password_ends_the_sessions_and_the_old_one_stops_working(accounts, sam):
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    accounts.set_password(ADMIN, sam.id, "a different long passphrase")

    assert accounts.session_account(token) is None
    assert isinstance(refusal(lambda: accounts.sign_in("sam.okafor", PASSWORD)), SignInRefused)
    assert accounts.sign_in("sam.okafor", "a different long passphrase").account.id == sam.id


def test_a_person_sets_their_own_password_with_their_current_one(accounts, sam):
    assert "current password" in refused(
        lambda: accounts.set_password(sam.actor, sam.id, "a different long passphrase"),
        "current_password",
    )
    assert "not right" in refused(
        lambda: accounts.set_password(
            sam.actor, sam.id, "a different long passphrase", current_password="wrong guess!!"
        ),
        "current_password",
    )
    assert "list of common passwords" in refused(
        lambda: accounts.set_password(sam.actor, sam.id, "qwerty123456", current_password=PASSWORD),
        "password",
    )
    accounts.set_password(
        sam.actor, sam.id, "a different long passphrase", current_password=PASSWORD
    )
    assert accounts.sign_in("sam.okafor", "a different long passphrase").account.id == sam.id


def test_a_hash_made_with_weaker_parameters_is_made_again_at_sign_in(service, sam):
    def stored_hash() -> str:
        a = store.accounts
        with service.engine.connect() as conn:
            return conn.execute(select(a.c.password_hash).where(a.c.id == sam.id)).scalar_one()

    assert stored_hash().startswith("$argon2id$v=19$m=8,t=1,p=1$")
    real = Accounts(service.ledger)  # argon2-cffi's recommended parameters

    real.sign_in("sam.okafor", PASSWORD)

    assert stored_hash().startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert real.sign_in("sam.okafor", PASSWORD).account.id == sam.id


# --- what is kept ---------------------------------------------------------------------------


def test_the_audit_log_never_holds_a_password_its_hash_or_a_token(accounts, service, sam):
    token = accounts.sign_in("sam.okafor", PASSWORD).token
    accounts.set_password(ADMIN, sam.id, "a different long passphrase")
    token_2 = accounts.sign_in("sam.okafor", "a different long passphrase").token
    accounts.sign_out(token_2)
    accounts.end_sessions(ADMIN, sam.id)
    accounts.disable_account(ADMIN, sam.id, accounts.account(sam.id).version)
    with service.engine.connect() as conn:
        log = [dict(r._mapping) for r in conn.execute(select(store.audit_log).order_by("id"))]
        hashes = conn.execute(select(store.accounts.c.password_hash)).scalars().all()
        kept = [dict(r._mapping) for r in conn.execute(select(store.sessions))]

    actions = [entry["action"] for entry in log]
    assert actions == [
        "create", "sign-in", "set-password", "sign-in", "sign-out", "end-sessions", "disable",
    ]  # fmt: skip
    written = json.dumps(log, default=str)
    never = [PASSWORD, "a different long passphrase", token, token_2, *hashes, "$argon2"]
    assert not [secret for secret in never if secret in written]
    assert not [secret for secret in (token, token_2) if secret in json.dumps(kept, default=str)]
    assert [e.after["username"] for e in service.history("account") if e.action == "create"] == [
        "sam.okafor"
    ]
