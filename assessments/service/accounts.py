"""Local accounts: creating one, how its person signs in (a password, or their organisation's
sign-in), a new password, disabling it, and ending its sessions. Signing in and the sessions
themselves are in sessions.py, which `Accounts` extends.

Creating, disabling, enabling an account, setting a password, changing how a person signs in
and ending someone's sessions are for an administrator (an actor whose role is
"Administrator"); setting one's own password needs the current one instead. Every write is in
the audit log, never with a password or a hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import Account, Scope, SignInWith
from assessments.rules.errors import ServiceError, SignInRefused, SignInThrottled, StaleSave
from assessments.rules.passwords import check_password, checked_username
from assessments.rules.permissions import Do
from assessments.rules.sign_in import IDLE_MINUTES, LIFETIME_HOURS
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
from assessments.service.sessions import Sessions, token_digest
from assessments.store import reading, writing

__all__ = ["IDLE_MINUTES", "LIFETIME_HOURS", "Accounts", "token_digest"]


class Accounts(Sessions):
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
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS)
        with reading(self.engine) as conn:
            return read_accounts(conn)

    def account(self, account_id: int) -> Account:
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS)
        return self._account(account_id)

    def _account(self, account_id: int) -> Account:
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
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS, actor=checked_actor(actor))
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
        if current_password is None:
            self.ledger.gate.check(Do.MANAGE_ACCOUNTS, actor=actor)
        else:
            self.ledger.gate.check_own_account(actor, account_id)
        account = self._account(account_id)
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
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS, actor=checked_actor(actor))
        actor = administrator(actor, "change how a person signs in")
        sign_in_with = checked_sign_in_with(sign_in_with)
        account = self._account(account_id)
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
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS, actor=checked_actor(actor))
        actor = administrator(actor, "end a person's sessions")
        with writing(self.engine) as conn:
            one_account(conn, account_id)
            ended = self._end_all(conn, account_id)
            self.ledger.audit(
                conn, actor, "end-sessions", "account", account_id, None, {"sessions_ended": ended}
            )
        return ended

    # --- mechanics --------------------------------------------------------------------------

    def _set_disabled(self, actor: Actor, account_id: int, read_version: int, *, disabled: bool):
        self.ledger.gate.check(Do.MANAGE_ACCOUNTS, actor=checked_actor(actor))
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
