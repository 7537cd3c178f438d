"""What a local account's username and password may be, as the NCSC advises for passwords:
long rather than complicated, never one of the passwords attackers try first, never the
username, and nothing forced (no "one capital, one digit, one symbol"), so people can use three
random words. Each refusal names what to change.

The common passwords are Django's list (common-passwords.txt.gz beside this file, with its
licence in common-passwords.LICENSE), compared without regard to case as Django does.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from assessments.rules.errors import ServiceError

# The NCSC advises length over complexity: a long password resists guessing better than a short
# one with forced symbols, which people make predictable. 12 characters is a common floor for
# staff accounts, and three random words clear it easily.
MIN_LENGTH = 12
# Long enough for any passphrase or password manager; a cap keeps a hash from being asked to
# work on megabytes.
MAX_LENGTH = 128

USERNAME_LENGTH = 60
# Letters, digits and . _ - @ (an email address works), starting with a letter or a digit: a
# username is typed on a sign-in form and read in lists, so nothing that looks like another.
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]*")

COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    """Django's list of common passwords, lower-case; read once."""
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def normal_username(username: str | None) -> str:
    """A username as stored and compared: trimmed and lower-case."""
    return (username or "").strip().lower()


def username_problem(username: str) -> str | None:
    """Why `username` (already normal) cannot be one, or None."""
    if len(username) < 2:
        return "The username is too short: give at least 2 characters."
    if len(username) > USERNAME_LENGTH:
        return (
            f"The username is {len(username)} characters long; make it at most {USERNAME_LENGTH}."
        )
    if not _USERNAME.fullmatch(username):
        return (
            "The username may hold only letters, digits and . _ - @, and starts with a letter "
            "or a digit (an email address works)."
        )
    return None


def checked_username(username: str | None) -> str:
    """`username` as stored (trimmed, lower-case), or a ServiceError naming what to change."""
    normal = normal_username(username)
    problem = username_problem(normal)
    if problem:
        raise ServiceError(problem, "username")
    return normal


def password_problem(password: str, username: str) -> str | None:
    """Why `password` cannot be the password of `username`, or None. Spaces count: a passphrase
    is kept exactly as typed."""
    if len(password) < MIN_LENGTH:
        return (
            f"The password is {len(password)} characters long; make it at least {MIN_LENGTH}. "
            "Three random words make a long password that is easy to remember."
        )
    if len(password) > MAX_LENGTH:
        return f"The password is {len(password)} characters long; make it at most {MAX_LENGTH}."
    if password.strip().lower() == normal_username(username):
        return "The password is the username; choose a password nobody could guess from it."
    if password.lower() in common_passwords():
        return (
            "That password is on a list of common passwords that attackers try first; choose "
            "another (three random words work well)."
        )
    return None


def check_password(password: str, username: str) -> None:
    """A ServiceError naming what to change, or nothing when `password` may be used."""
    problem = password_problem(password, username)
    if problem:
        raise ServiceError(problem, "password")
