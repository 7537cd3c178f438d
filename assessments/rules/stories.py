"""What a success story must be before it is stored: some words, a consent that was given, and
no name of a person who uses services. Names are found with the same rule that keeps them out
of asset holders and co-leads (`rules/names.py`), applied to each run of capitalised words in
the text; a title such as "Mr" or "Mrs" before a capitalised word is a name as well. It is a
guard, not a guarantee: the form also says plainly that no name belongs in a story."""

from __future__ import annotations

import re

from assessments.records.stories import CONSENTS, Consent
from assessments.rules.errors import ServiceError
from assessments.rules.names import looks_like_a_name
from assessments.rules.text import TEXT_LENGTH, clean_text

STORY_LENGTH = TEXT_LENGTH

_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][A-Za-z'’-]+")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)+")
# Capitalised words that open a sentence or name a time, never part of a person's name.
_NOT_NAMES = frozenset(
    [
        "a",
        "after",
        "an",
        "and",
        "as",
        "at",
        "before",
        "but",
        "by",
        "during",
        "each",
        "every",
        "for",
        "from",
        "he",
        "her",
        "his",
        "i",
        "in",
        "it",
        "its",
        "last",
        "my",
        "next",
        "now",
        "on",
        "once",
        "our",
        "over",
        "she",
        "since",
        "so",
        "that",
        "the",
        "their",
        "then",
        "there",
        "they",
        "this",
        "though",
        "through",
        "to",
        "today",
        "under",
        "until",
        "we",
        "when",
        "where",
        "while",
        "with",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
    ]
)
# Words that make a capitalised phrase a place or an organisation, beside rules/names.py's
# role words ("Northfield Library").
_PLACE_WORDS = frozenset(
    [
        "academy",
        "association",
        "bank",
        "cafe",
        "church",
        "club",
        "court",
        "estate",
        "football",
        "gallery",
        "garden",
        "gardens",
        "gym",
        "hall",
        "hospital",
        "house",
        "library",
        "market",
        "mosque",
        "museum",
        "park",
        "road",
        "school",
        "shop",
        "square",
        "station",
        "street",
        "temple",
        "trust",
        "unit",
        "university",
        "voices",
    ]
)


def names_in(text: str) -> list[str]:
    """The phrases of `text` that read as a person's name ("Jane Smith", "Mrs Khan")."""
    found = [m.group(0) for m in _TITLED.finditer(text)]
    for match in _CAPITALISED.finditer(text):
        segment: list[str] = []
        for word in [*match.group(0).split(" "), ""]:  # "" ends the last segment
            if word and word.lower() not in _NOT_NAMES:
                segment.append(word)
                continue
            for size in (3, 2):
                for start in range(len(segment) - size + 1):
                    words = segment[start : start + size]
                    phrase = " ".join(words)
                    place = any(w.lower() in _PLACE_WORDS for w in words)
                    if not place and looks_like_a_name(phrase) and phrase not in found:
                        found.append(phrase)
            segment = []
    return [p for p in found if not any(p != q and p in q for q in found)]


def clean_story(text: str) -> str:
    cleaned = clean_text(text, "text", "The story", required=False, limit=STORY_LENGTH)
    if not cleaned:
        raise ServiceError("The story is empty: write what changed, in a few sentences.", "text")
    named = names_in(cleaned)
    if named:
        shown = ", ".join(f"'{n}'" for n in named)
        raise ServiceError(
            f"The story seems to name someone ({shown}). Never name a person who uses "
            "services: write 'a man in his forties', 'a carer' or initials instead. If it is a "
            "place or a role, write it in lower case (such as 'the recovery college').",
            "text",
        )
    return cleaned


def checked_consent(consent: str) -> Consent:
    if consent not in CONSENTS:
        choices = "; ".join(CONSENTS.values())
        raise ServiceError(
            f"Say what the person agreed to: {choices}. A story told without consent to share "
            "it is not recorded here.",
            "consent",
        )
    return Consent(consent)
