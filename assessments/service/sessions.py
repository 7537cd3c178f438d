"""Signing in and the sessions of a browser signed in: with a username and a password, or
with an identity the person's organisation vouched for (OpenID Connect); a session found by
its token, and signed out. `Accounts` (accounts.py) adds the administration of accounts.

Passwords are kept only as argon2 hashes (argon2-cffi's PasswordHasher; a hash made with older
parameters is made again at the next sign-in). A session's token goes to the browser and only
its SHA-256 to the store. A refused sign-in never says whether the username exists: the same
words, and a hash checked either way so it takes as long. Wrong passwords are rows in the store
(rules/sign_in.py says when they hold a username back), so a reload cannot reset them.

A person whose account says they sign in through their organisation (NHSmail, Microsoft Entra
ID) has no password here: their organisation vouches for an identity, whose email is matched to
the account's username, and the role and the providers and teams are the account's, never the
identity's. Such an identity makes a session of the same kind, with the same limits, and only
while it is fresh (rules/sign_in.py): the provider's cookie outlives any session, and ending
someone's sessions must end them.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from assessments import store
from assessments.records.accounts import Account, SignedIn, SignInWith
from assessments.rules.errors import SignInRefused, SignInThrottled
from assessments.rules.passwords import MAX_LENGTH, normal_username, username_problem
from assessments.rules.sign_in import (
    REMEMBERED,
    IdentityRefused,
    SignInEnded,
    held_back_until,
    identity_over,
    minutes_left,
    needs_touch,
    session_over,
)
from assessments.service.account_rows import one_account
from assessments.service.ledger import Ledger, as_utc, utc_now
from assessments.store import reading, writing

TOKEN_LENGTH = 200  # a token we made is 43 characters; anything far longer was not one of ours
WRONG = (
    "The username or the password is not right. Check both and try again; if you have "
    "forgotten your password, an administrator can set a new one."
)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Sessions:
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
