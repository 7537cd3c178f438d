"""Success stories recorded against a priority: what changed for someone, told in their own
way, kept with the consent they gave. Added over time, so not part of a plan's signed content.

A story never holds the name of a person who uses services (the service refuses text that reads
like a name). Who may read it follows the consent given (`CONSENTS`, widest last):
- within the team: the people who work in the provider or team the plan belongs to
  (facilitators, provider leads and team members with it in their scope; this computer alone);
- in board reports: also everyone who may read the plan (commissioners, viewers,
  administrators) and the board report;
- publicly: the same readers, and marked as one that may be told outside the organisation.
A withdrawn consent removes the story's words for good; the row stays to say when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Consent(StrEnum):
    """What the person whose story it is agreed to. Stored as its value."""

    TEAM = "team"
    BOARD = "board"
    PUBLIC = "public"
    WITHDRAWN = "withdrawn"


# The consents a story can be recorded with, narrowest first, as the form offers them.
CONSENTS = {
    Consent.TEAM: "Within the team only",
    Consent.BOARD: "Within the team and in board reports",
    Consent.PUBLIC: "Within the team, in board reports and publicly",
}
# Consents that let a story reach readers beyond the team, and the board report.
BEYOND_THE_TEAM = frozenset({Consent.BOARD, Consent.PUBLIC})


def consent_text(consent: str) -> str:
    if consent == Consent.WITHDRAWN:
        return "Consent withdrawn: the story was removed"
    return f"Consent to share: {CONSENTS[Consent(consent)].lower()}"


@dataclass(frozen=True)
class Story:
    id: int
    plan_id: int
    text: str  # empty once consent is withdrawn
    consent: Consent
    told_on: date  # when the story was told
    recorded_by: str  # who recorded it: a member of staff, never the person it is about
    recorded_as: str  # their role
    withdrawn_on: date | None
    version: int

    @property
    def withdrawn(self) -> bool:
        return self.consent == Consent.WITHDRAWN
