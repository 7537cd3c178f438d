"""Keeping people's names out of the records: the co-lead who uses a service is written by
initials, and an asset is held by a role or initials. The checks here serve the service and
the team-file import alike, so a file is refused for what the app would refuse."""

from __future__ import annotations

import re

# Initials: up to three capital letters, with dots or spaces between them ("J.K.", "AB").
INITIALS = re.compile(r"^(?:[A-Z][. ]?){1,3}$")

# A name as people write one: two or three words, each starting with a capital.
_NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){1,2}$")

# Words that make such a phrase a role or a place, not a person ("Housing Officer").
ROLE_WORDS = frozenset(
    [
        "administrator",
        "admin",
        "advocate",
        "assistant",
        "care",
        "carer",
        "carers",
        "centre",
        "chaplain",
        "chef",
        "clerk",
        "coach",
        "college",
        "community",
        "consultant",
        "cook",
        "coordinator",
        "ordinator",  # of co-ordinator: the words are split at hyphens
        "council",
        "day",
        "director",
        "doctor",
        "family",
        "group",
        "head",
        "health",
        "housing",
        "lead",
        "leader",
        "librarian",
        "manager",
        "member",
        "mentor",
        "navigator",
        "nurse",
        "occupational",
        "officer",
        "parent",
        "peer",
        "pharmacist",
        "porter",
        "practitioner",
        "psychiatrist",
        "psychologist",
        "receptionist",
        "recovery",
        "secretary",
        "service",
        "services",
        "social",
        "specialist",
        "staff",
        "student",
        "support",
        "teacher",
        "team",
        "therapist",
        "trainer",
        "tutor",
        "volunteer",
        "ward",
        "worker",
    ]
)


def looks_like_a_name(text: str) -> bool:
    """Whether `text` reads as a person's name ("Jane Smith"), not a role ("Peer worker",
    "Housing Officer") or initials. A role written in capitals that this misreads can be
    written as a role is ("Ward clerk")."""
    text = text.strip()
    if not _NAME_SHAPE.match(text):
        return False
    return not any(word.lower() in ROLE_WORDS for word in re.split(r"[ -]", text))


NOT_A_NAME = "a role, written as one (such as 'Peer worker'), or initials (such as 'J.K.')"
