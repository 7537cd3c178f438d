"""Local accounts and signing in: creating an account, its password, disabling it, and the
sessions of a browser signed in with it.

Passwords are kept only as argon2 hashes (argon2-cffi's PasswordHasher; a hash made with older
parameters is made again at the next sign-in). A session's token goes to the browser and only
its SHA-256 to the store. A refused sign-in never says whether the username exists: the same
words, and a hash checked either way so it takes as long. Wrong passwords are rows in the store
(rules/sign_in.py says when they hold a username back), so a reload cannot reset them.

A person whose account says they sign in through their organisation (OpenID Connect: NHSmail,
Microsoft Entra ID) has no password here: their organisation vouches for an identity, whose
email is matched to the account's username, and the role and the providers and teams are the
account's, never the identity's. Such an identity makes a session of the same kind, with the
same limits, and only while it is fresh (rules/sign_in.py): the provider's cookie outlives any
session, and ending someone's sessions must end them.

Creating, disabling, enabling an account, setting a password and ending someone's sessions are
for an administrator (an actor whose role is "Administrator"); setting one's own password needs
the current one instead. Every write is in the audit log, never with a password or a hash.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import Account, Scope, SignedIn, SignInWith
from assessments.rules.errors import ServiceError, SignInRefused, SignInThrottled, StaleSave
from assessments.rules.passwords import (
    MAX_LENGTH,
    check_password,
    checked_username,
    normal_username,
    username_problem,
)
from assessments.rules.sign_in import (
    IDLE_MINUTES,
    LIFETIME_HOURS,
    REMEMBERED,
    IdentityRefused,
    SignInEnded,
    held_back_until,
    identity_over,
    minutes_left,
    needs_touch,
    session_over,
)
from assessments.rules.text import NAME_LENGTH, checked_actor, clean_text
from assessments.service.account_rows import (
    ADMINISTRATOR,
    administrator,
    checked_role,
    checked_scopes,
    checked_sign_in_with,
    one_account,
    read_accounts,
    refuse_last_administrator,
)
from assessments.service.ledger import Ledger, as_utc, utc_now
from assessments.store import reading, writing

__all__ = ["IDLE_MINUTES", "LIFETIME_HOURS", "Accounts"]

TOKEN_LENGTH = 200  # a token we made is 43 characters; anything far longer was not one of ours
WRONG = (
    "The username or the password is not right. Check both and try again; if you have "
    "forgotten your password, an administrator can set a new one."
)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    def __init__(
        self,
        ledger: Ledger,
        now: Callable[[], datetime] = utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.now = now  # UTC; tests move it instead of sleeping
        self.hasher = hasher or PasswordHasher()
        self._unknown_hash: str | None = None

    # --- reading ----------------------------------------------------------------------------

    def any_accounts(self) -> bool:
        """Whether anyone can sign in yet (disabled accounts count: they can be enabled)."""
        with reading(self.engine) as conn:
            return conn.execute(select(func.count()).select_from(store.accounts)).scalar_one() > 0

    def any_passwords(self) -> bool:
        """Whether any account signs in with a password (the sign-in page shows the form)."""
        a = store.accounts
        with reading(self.engine) as conn:
            found = conn.execute(
                select(a.c.id).where(a.c.sign_in_with == SignInWith.PASSWORD.value).limit(1)
            ).first()
        return found is not None

    def accounts(self) -> list[Account]:
        """Every account, by username."""
        with reading(self.engine) as conn:
            return read_accounts(conn)

    def account(self, account_id: int) -> Account:
        with reading(self.engine) as conn:
            return one_account(conn, account_id)

    # --- administration ---------------------------------------------------------------------

    def create_account(
        self,
        actor: Actor,
        username: str,
        display_name: str,
        role: str,
        password: str = "",
        scopes: Iterable[Scope] = (),
        *,
        sign_in_with: str = SignInWith.PASSWORD,
    ) -> Account:
        """A new account; the username is kept lower-case and must be free. A person who signs
        in through their organisation has no password here, and their username is the email
        address their organisation's sign-in gives."""
        actor = administrator(actor, "create an account")
        username = checked_username(username)
        display_name = clean_text(
            display_name, "display_name", "The name", required=True, limit=NAME_LENGTH
        )
        role = checked_role(role)
        sign_in_with = checked_sign_in_with(sign_in_with)
        scopes = tuple(scopes)
        if sign_in_with == SignInWith.ORGANISATION:
            check_organisation_account(username, password)
            password_hash = ""  # no password matches it
        else:
            check_password(password or "", username)
            password_hash = self.hasher.hash(password)  # slow on purpose: before the write lock
        a = store.accounts
        with writing(self.engine) as conn:
            if conn.execute(select(a.c.id).where(a.c.username == username)).first():
                raise ServiceError(
                    f"There is already an account with the username '{username}'.", "username"
                )
            scopes = checked_scopes(conn, role, scopes)
            now = self.now()
            new_id = conn.execute(
                insert(a).values(
                    username=username,
                    display_name=display_name,
                    role=role.value,
                    password_hash=password_hash,
                    sign_in_with=sign_in_with.value,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key[0]
            if scopes:
                conn.execute(
                    insert(store.account_scopes),
                    [{"account_id": new_id, **asdict(scope)} for scope in scopes],
                )
            after = one_account(conn, new_id)
            self.ledger.audit(conn, actor, "create", "account", new_id, None, asdict(after))
        return after

    def set_password(
        self,
        actor: Actor,
        account_id: int,
        password: str,
        *,
        current_password: str | None = None,
    ) -> Account:
        """A new password. An administrator sets anyone's; anyone else gives the account's
        current password (a wrong one counts as a failed sign-in). Every session of the account
        ends, so whoever held one must sign in with the new password."""
        actor = checked_actor(actor)
        account = self.account(account_id)
        if account.sign_in_with == SignInWith.ORGANISATION:
            raise ServiceError(
                f"{account.display_name} signs in through their organisation and has no "
                "password here.",
                "password",
            )
        if current_password is not None:
            try:
                self._verified(account.username, current_password)
            except SignInThrottled:
                raise
            except SignInRefused:
                raise ServiceError(
                    "Your current password is not right; nothing was changed.", "current_password"
                ) from None
        elif actor.role != ADMINISTRATOR:
            raise ServiceError(
                "Give your current password to set a new one; an administrator can set anyone's.",
                "current_password",
            )
        check_password(password or "", account.username)
        password_hash = self.hasher.hash(password)
        a = store.accounts
        with writing(self.engine) as conn:
            conn.execute(
                update(a)
                .where(a.c.id == account_id)
                .values(password_hash=password_hash, version=a.c.version + 1, updated_at=self.now())
            )
            ended = self._end_all(conn, account_id)
            after = one_account(conn, account_id)
            self.ledger.audit(
                conn,
                actor,
                "set-password",
                "account",
                account_id,
                {"version": account.version},
                {"version": after.version, "sessions_ended": ended},
            )
        return after

    def set_sign_in_with(
        self,
        actor: Actor,
        account_id: int,
        read_version: int,
        sign_in_with: str,
        password: str = "",
    ) -> Account:
        """An administrator changes how a person signs in: through their organisation (the
        password, if any, is forgotten) or with a password, given here. Every session of the
        account ends."""
        actor = administrator(actor, "change how a person signs in")
        sign_in_with = checked_sign_in_with(sign_in_with)
        account = self.account(account_id)
        if sign_in_with == SignInWith.ORGANISATION:
            check_organisation_account(account.username, password)
            password_hash = ""
        else:
            check_password(password or "", account.username)
            password_hash = self.hasher.hash(password)
        a = store.accounts
        with writing(self.engine) as conn:
            before = one_account(conn, account_id)
            if not self.ledger.bump(
                conn,
                a,
                account_id,
                read_version,
                sign_in_with=sign_in_with.value,
                password_hash=password_hash,
                updated_at=self.now(),
            ):
                raise StaleSave(
                    "this account", self.ledger.last_write(conn, "account", account_id), []
                )
            ended = self._end_all(conn, account_id)
            after = one_account(conn, account_id)
            self.ledger.audit(
                conn,
                actor,
                "set-sign-in",
                "account",
                account_id,
                {"version": before.version, "sign_in_with": before.sign_in_with.value},
                {
                    "version": after.version,
                    "sign_in_with": after.sign_in_with.value,
                    "sessions_ended": ended,
                },
            )
        return after

    def disable_account(self, actor: Actor, account_id: int, read_version: int) -> Account:
        """The account can no longer sign in, and its sessions end; nothing of it is deleted.
        The last administrator who can sign in cannot be disabled."""
        return self._set_disabled(actor, account_id, read_version, disabled=True)

    def enable_account(self, actor: Actor, account_id: int, read_version: int) -> Account:
        return self._set_disabled(actor, account_id, read_version, disabled=False)

    def end_sessions(self, actor: Actor, account_id: int) -> int:
        """An administrator signs a person out everywhere (a lost laptop); how many ended."""
        actor = administrator(actor, "end a person's sessions")
        with writing(self.engine) as conn:
            one_account(conn, account_id)
            ended = self._end_all(conn, account_id)
            self.ledger.audit(
                conn, actor, "end-sessions", "account", account_id, None, {"sessions_ended": ended}
            )
        return ended

    # --- signing in -------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> SignedIn:
        """A new session for the account, or SignInRefused (SignInThrottled when held back)."""
        row = self._verified(username, password)
        new_hash = (
            self.hasher.hash(password)
            if self.hasher.check_needs_rehash(row["password_hash"])
            else None
        )
        token = secrets.token_urlsafe(32)
        a = store.accounts
        with writing(self.engine) as conn:
            now = self.now()
            current = conn.execute(
                select(a.c.password_hash, a.c.disabled_at).where(a.c.id == row["id"])
            ).first()
            if current is None or current.password_hash != row["password_hash"]:
                raise SignInRefused(WRONG)  # the password was changed while it was checked
            if current.disabled_at is not None:
                raise SignInRefused("This account is disabled: ask an administrator to enable it.")
            if new_hash is not None:
                conn.execute(update(a).where(a.c.id == row["id"]).values(password_hash=new_hash))
            f = store.sign_in_failures
            conn.execute(delete(f).where(f.c.username == row["username"]))
            session_id = conn.execute(
                insert(store.sessions).values(
                    account_id=row["id"],
                    token_hash=token_digest(token),
                    created_at=now,
                    last_seen_at=now,
                )
            ).inserted_primary_key[0]
            account = one_account(conn, row["id"])
            self.ledger.audit(
                conn, account.actor, "sign-in", "account", account.id, None, {"session": session_id}
            )
        return SignedIn(token, account)

    def sign_in_with_identity(self, email: str | None, issued_at: datetime | None) -> SignedIn:
        """A new session for the account whose username is `email`, an identity the person's
        organisation issued at `issued_at` (its `iat`). Refused with IdentityRefused when no
        account lets the identity in (none for the email, one that signs in with a password, or
        one disabled), and with SignInEnded when the identity is no longer fresh: issued more
        than LIFETIME_HOURS ago or before the account's sessions were last ended, or its
        sessions idle, signed out or ended (rules/sign_in.py)."""
        shown = normal_username(email)
        name = shown if username_problem(shown) is None else None
        if issued_at is None:
            raise IdentityRefused(
                f"Your organisation's sign-in for {shown or 'you'} did not say when it was "
                "issued, so it cannot be checked; ask whoever runs this tool.",
                shown,
            )
        issued_at = as_utc(issued_at)
        token = secrets.token_urlsafe(32)
        a, s = store.accounts, store.sessions
        with writing(self.engine) as conn:
            now = self.now()
            row = (
                conn.execute(select(a).where(a.c.username == name)).first()
                if name is not None
                else None
            )
            if row is None or row.sign_in_with != SignInWith.ORGANISATION.value:
                raise IdentityRefused(no_account(shown, password=row is not None), shown)
            if row.disabled_at is not None:
                raise IdentityRefused(
                    f"The account for {shown} is disabled: ask an administrator of this tool "
                    "to enable it.",
                    shown,
                )
            made = [
                (as_utc(used.last_seen_at), as_utc(used.ended_at))
                for used in conn.execute(
                    select(s.c.last_seen_at, s.c.ended_at).where(
                        s.c.account_id == row.id, s.c.identity_issued_at == issued_at
                    )
                )
            ]
            if identity_over(issued_at, now, as_utc(row.sessions_ended_at), made):
                raise SignInEnded("Your sign-in has ended; sign in again.")
            session_id = conn.execute(
                insert(s).values(
                    account_id=row.id,
                    token_hash=token_digest(token),
                    created_at=now,
                    last_seen_at=now,
                    identity_issued_at=issued_at,
                )
            ).inserted_primary_key[0]
            account = one_account(conn, row.id)
            self.ledger.audit(
                conn,
                account.actor,
                "sign-in",
                "account",
                account.id,
                None,
                {"session": session_id, "with": SignInWith.ORGANISATION.value},
            )
        return SignedIn(token, account)

    def session_account(self, token: str | None) -> Account | None:
        """Who holds the session of `token`, or None: unknown, signed out, ended by an
        administrator, idle for IDLE_MINUTES, older than LIFETIME_HOURS, or its account
        disabled. Its last use is written at most once a minute."""
        if not token or len(token) > TOKEN_LENGTH:
            return None
        s = store.sessions
        now = self.now()
        with reading(self.engine) as conn:
            session = conn.execute(select(s).where(s.c.token_hash == token_digest(token))).first()
            if session is None or session.ended_at is not None:
                return None
            last_seen = as_utc(session.last_seen_at)
            # A session of an organisation's identity lasts no longer than the identity.
            began = as_utc(session.identity_issued_at or session.created_at)
            if session_over(began, last_seen, now):
                return None
            account = one_account(conn, session.account_id)
        if account.disabled:
            return None
        if needs_touch(last_seen, now):
            with writing(self.engine) as conn:
                conn.execute(
                    update(s)
                    .where(s.c.id == session.id, s.c.ended_at.is_(None))
                    .values(last_seen_at=now)
                )
        return account

    def sign_out(self, token: str | None) -> None:
        """The session of `token` ends; nothing happens for a token that is not a session's."""
        if not token or len(token) > TOKEN_LENGTH:
            return
        s = store.sessions
        with writing(self.engine) as conn:
            session = conn.execute(
                select(s.c.id, s.c.account_id).where(
                    s.c.token_hash == token_digest(token), s.c.ended_at.is_(None)
                )
            ).first()
            if session is None:
                return
            conn.execute(update(s).where(s.c.id == session.id).values(ended_at=self.now()))
            account = one_account(conn, session.account_id)
            self.ledger.audit(
                conn,
                account.actor,
                "sign-out",
                "account",
                account.id,
                None,
                {"session": session.id},
            )

    # --- mechanics --------------------------------------------------------------------------

    def _verified(self, username: str, password: str):
        """The account row whose password `password` is, or SignInRefused. A username held back
        is refused before its password is checked; a wrong password is counted."""
        name = normal_username(username)
        password = password or ""
        now = self.now()
        a, f = store.accounts, store.sign_in_failures
        with reading(self.engine) as conn:
            failures = conn.execute(
                select(f.c.at)
                .where(f.c.username == name, f.c.at > now - REMEMBERED)
                .order_by(f.c.at)
            ).scalars()
            until = held_back_until([as_utc(at) for at in failures], now)
            row = conn.execute(select(a).where(a.c.username == name)).first()
        if until is not None:
            minutes = minutes_left(until, now)
            raise SignInThrottled(
                "Too many wrong passwords for this username: try again in "
                f"{minutes} minute{'' if minutes == 1 else 's'}.",
                until,
            )
        # An unknown username is checked against a hash too, so the time taken tells nothing.
        stored = row.password_hash if row is not None else self._unknown()
        matches = self._matches(stored, password)
        if row is not None and matches and len(password) <= MAX_LENGTH:
            return row._mapping
        if username_problem(name) is None:  # one that cannot be a username cannot be held back
            with writing(self.engine) as conn:
                conn.execute(delete(f).where(f.c.at <= now - REMEMBERED))
                conn.execute(insert(f).values(username=name, at=now))
        raise SignInRefused(WRONG)

    def _matches(self, stored: str, password: str) -> bool:
        # Cut to MAX_LENGTH: a longer password is refused anyway, and is not hashed whole.
        try:
            return self.hasher.verify(stored, password[:MAX_LENGTH])
        except (VerificationError, InvalidHashError):
            return False

    def _unknown(self) -> str:
        if self._unknown_hash is None:
            self._unknown_hash = self.hasher.hash(secrets.token_urlsafe(16))
        return self._unknown_hash

    def _set_disabled(self, actor: Actor, account_id: int, read_version: int, *, disabled: bool):
        actor = administrator(actor, "disable or enable an account")
        a = store.accounts
        with writing(self.engine) as conn:
            before = one_account(conn, account_id)
            if disabled:
                refuse_last_administrator(conn, before)
            stamp = self.now() if disabled else None
            if not self.ledger.bump(
                conn, a, account_id, read_version, disabled_at=stamp, updated_at=self.now()
            ):
                raise StaleSave(
                    "this account", self.ledger.last_write(conn, "account", account_id), []
                )
            ended = self._end_all(conn, account_id) if disabled else 0
            after = one_account(conn, account_id)
            self.ledger.audit(
                conn,
                actor,
                "disable" if disabled else "enable",
                "account",
                account_id,
                asdict(before),
                {**asdict(after), "sessions_ended": ended},
            )
        return after

    def _end_all(self, conn: Connection, account_id: int) -> int:
        """Every session of the account ends, and no identity issued until now makes another."""
        s, a = store.sessions, store.accounts
        conn.execute(update(a).where(a.c.id == account_id).values(sessions_ended_at=self.now()))
        return conn.execute(
            update(s)
            .where(s.c.account_id == account_id, s.c.ended_at.is_(None))
            .values(ended_at=self.now())
        ).rowcount


def check_organisation_account(username: str, password: str | None) -> None:
    """An account for organisation sign-in is named by the email its identity carries, and has
    no password here."""
    if "@" not in username:
        raise ServiceError(
            "For a person who signs in through their organisation, the username is the email "
            "address their organisation's sign-in gives (such as sam.okafor@nhs.net).",
            "username",
        )
    if password:
        raise ServiceError(
            "A person who signs in through their organisation has no password here: leave the "
            "password empty.",
            "password",
        )


def no_account(email: str, *, password: bool) -> str:
    """The refusal of an identity no account lets in, naming its email and what to do."""
    if not email:
        return (
            "Your organisation's sign-in gave no email address, so no account here can be "
            "matched to it; ask whoever runs this tool."
        )
    if password:
        return (
            f"The account for {email} signs in with its username and password, not through "
            "your organisation: sign out, then sign in with the password, or ask an "
            "administrator of this tool to change how you sign in."
        )
    return (
        f"There is no account here for {email}. To use this tool, ask an administrator of it "
        f"to add an account for {email}, signing in through the organisation; then sign in "
        "again."
    )
