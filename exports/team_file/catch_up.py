"""Whether a record the store already holds can be brought up to the file's state: a provider
sends its commissioner a newer file each quarter, and the reviews, figures and versions added
since the last one must arrive, not be passed over as "already there".

A round is the provider's record of its own workshop, editable there after it was agreed: one
already here takes what the file says (the audit log keeps what it said before). A plan only
grows: its later versions, its new reviews and figures, and its status arrive, and what this
store added itself (a review, a figure) stays. A plan whose signed versions went another way
here, or that this store completed or closed, is left as it was, and the import names it: a
signed version is never written again, and one store's decision is not undone by another's.

Both sides are compared as file entries (the store's copy exported with the file's keys), so
"the same" means the same to a person reading the two files.
"""

from __future__ import annotations

from exports.team_file.format import ChallengeEntry, PlanEntry, RatingEntry, RoundEntry

SAME, BEHIND, DIFFERS = "same", "behind", "differs"


def _said(entry: RoundEntry) -> RoundEntry:
    """The round without the challenges or statements nobody has said anything about: the store
    keeps an empty record of each, and a file may leave them out."""
    if entry.kind == "trip":
        said = {k: v for k, v in entry.statements.items() if v != RatingEntry()}
        return entry.model_copy(update={"statements": said})
    said = {k: v for k, v in entry.challenges.items() if v != ChallengeEntry()}
    return entry.model_copy(update={"challenges": said})


def round_state(stored: RoundEntry, given: RoundEntry) -> str:
    """SAME, or BEHIND: the round here takes the file's."""
    return SAME if _said(stored) == _said(given) else BEHIND


def plan_state(stored: PlanEntry, given: PlanEntry) -> str:
    """SAME (nothing in the file is new here), BEHIND (what is new can be added) or DIFFERS."""
    new_versions = stored.versions != given.versions
    new_status = (stored.status, stored.status_reason) != (given.status, given.status_reason)
    reviews = [r for r in given.reviews if r not in stored.reviews]
    figures = [m for m in given.measurements if m not in stored.measurements]
    if not (new_versions or new_status or reviews or figures):
        return SAME
    if stored.status != "open" and (new_versions or new_status):
        return DIFFERS
    if not _versions_carry_on(stored, given):
        return DIFFERS
    # A review is of the version in force when it is held; a figure is entered while its
    # goal is in the plan's latest version.
    in_force = max((v.number for v in stored.versions if v.signed_on is not None), default=0)
    last_with, latest = last_version_with(given), len(stored.versions)
    if any(r.plan_version < in_force for r in reviews):
        return DIFFERS
    if any(last_with[m.goal] < latest for m in figures):
        return DIFFERS
    return BEHIND


def _versions_carry_on(stored: PlanEntry, given: PlanEntry) -> bool:
    """The store's versions are the file's first ones; only a last draft may have changed since
    (a signed version is never written again)."""
    k = len(stored.versions)
    if k > len(given.versions) or stored.versions[:-1] != given.versions[: k - 1]:
        return False
    last, theirs = stored.versions[-1], given.versions[k - 1]
    return last == theirs or (last.signed_on is None and last.reason == theirs.reason)


def last_version_with(plan: PlanEntry) -> dict[str, int]:
    """The number of the last version that has each goal."""
    return {g.key: n for n, v in enumerate(plan.versions, 1) for g in v.content.goals}
