"""The refusals a person reads: each names what to fix, and nothing was saved."""

from __future__ import annotations

from datetime import datetime

from assessments.records import AuditEntry, Difference, RowProblem


class ServiceError(Exception):
    """Input the service refused; `field` names what to fix. Nothing was saved."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleSave(ServiceError):
    """Someone saved the same thing after this person read it; their save changed nothing."""

    def __init__(self, what: str, last: AuditEntry | None, differences: list[Difference]):
        who = f"{last.actor_name} ({last.actor_role})" if last else "someone else"
        when = f" at {last.at:%H:%M on %d %b %Y}" if last else ""
        super().__init__(
            f"Not saved: {who} saved {what}{when}, after you opened it. "
            "Nothing of yours was written; compare the two and choose what to keep."
        )
        self.last = last
        self.differences = differences


class ImportRefused(ServiceError):
    """A file with bad rows: nothing in it was imported, and every bad row is listed."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            f"Nothing was imported: {len(problems)} problem(s) to fix first.", field="file"
        )
        self.problems = problems


class SignInRefused(ServiceError):
    """A sign-in that did not work. The message is the same whether or not the username
    exists, so a refusal never tells anyone which usernames do."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="password")


class SignInThrottled(SignInRefused):
    """Too many wrong passwords for one username in a short time: no attempt is tried until
    `until` (UTC), however right its password."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class NotAllowed(ServiceError):
    """A use case the person's role or scopes do not allow: refused before anything is read
    or written (rules/permissions.py)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="access")
