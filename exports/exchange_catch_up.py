"""Whether a record the store already holds can be brought up to the file's state: a provider
sends its commissioner a newer file each quarter, and the reviews, figures and versions added
since the last one must arrive, not be passed over as "already there".

The store's copy catches up only when the file carries on from it: a draft round takes what the
room recorded since, and a plan takes its later versions, reviews, figures and status. A record
the store changed in its own way (an agreed round that says something else, a version signed
differently, a review the file does not have) is left as it was, and the import says so: one
store's work is never overwritten by another's.

Both sides are compared as file entries (the store's copy exported with the file's keys), so
"the same" means the same to a person reading the two files.
"""

from __future__ import annotations

from exports.exchange_format import ChallengeEntry, PlanEntry, RatingEntry, RoundEntry

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
    """SAME, BEHIND (the store's copy is a draft the file carries on) or DIFFERS."""
    if _said(stored) == _said(given):
        return SAME
    return BEHIND if stored.status == "draft" else DIFFERS


def plan_state(stored: PlanEntry, given: PlanEntry) -> str:
    """SAME, BEHIND (the file carries on from the store's copy) or DIFFERS."""
    if stored == given:
        return SAME
    carries_on = (
        _versions_carry_on(stored, given)
        and _reviews_carry_on(stored, given)
        and _figures_carry_on(stored, given)
    )
    return BEHIND if stored.status == "open" and carries_on else DIFFERS


def _versions_carry_on(stored: PlanEntry, given: PlanEntry) -> bool:
    """The store's versions are the file's first ones; only a last draft may have changed since
    (a signed version is never written again)."""
    k = len(stored.versions)
    if k > len(given.versions) or stored.versions[:-1] != given.versions[: k - 1]:
        return False
    last, theirs = stored.versions[-1], given.versions[k - 1]
    return last == theirs or (last.signed_on is None and last.reason == theirs.reason)


def _reviews_carry_on(stored: PlanEntry, given: PlanEntry) -> bool:
    """Every review the store has is in the file, and each new one reviews the version in force
    in the store or a later one: a review is always of the version in force when it is held."""
    if any(r not in given.reviews for r in stored.reviews):
        return False
    in_force = max((v.number for v in stored.versions if v.signed_on is not None), default=0)
    return all(r.plan_version >= in_force for r in given.reviews if r not in stored.reviews)


def _figures_carry_on(stored: PlanEntry, given: PlanEntry) -> bool:
    """Every figure the store has is in the file, and each new one is of a goal the store's
    latest version, or a later one, still has: a figure is entered while its goal is there."""
    if any(m not in given.measurements for m in stored.measurements):
        return False
    last_with = last_version_with(given)
    latest = len(stored.versions)
    return all(
        last_with[m.goal] >= latest for m in given.measurements if m not in stored.measurements
    )


def last_version_with(plan: PlanEntry) -> dict[str, int]:
    """The number of the last version that has each goal."""
    return {g.key: n for n, v in enumerate(plan.versions, 1) for g in v.content.goals}
