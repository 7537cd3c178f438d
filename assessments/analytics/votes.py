"""Tallies of a live vote per stakeholder group: counts by answer, with a group of fewer voters
than `SMALL_NUMBER` reported only as "fewer than N" (the same small number the portfolio
suppresses below), so no one's vote can be picked out. Pure: vote rows in, records out."""

from __future__ import annotations

from collections.abc import Iterable

from assessments.analytics.portfolio import SMALL_NUMBER, SUPPRESSED
from assessments.records.votes import ANSWERS, GroupTally


def exact_counts(votes: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Per group, how many voted each answer, from (group, answer) pairs; only groups that
    voted."""
    counts: dict[str, dict[str, int]] = {}
    for group, answer in votes:
        counts.setdefault(group, dict.fromkeys(ANSWERS, 0))[answer] += 1
    return counts


def group_tallies(
    votes: Iterable[tuple[str, str]], groups: dict[str, str], small: int = SMALL_NUMBER
) -> tuple[GroupTally, ...]:
    """Every group of `groups` (id: name, in their order): its voters and counts, or, below
    `small` voters (but not none), only that it had fewer."""
    counts = exact_counts(votes)
    tallies = []
    for group, name in groups.items():
        found = counts.get(group, dict.fromkeys(ANSWERS, 0))
        voters = sum(found.values())
        suppressed = 0 < voters < small
        shown = (
            SUPPRESSED.replace(str(SMALL_NUMBER), str(small))
            if suppressed
            else f"{voters} voter{'s' if voters != 1 else ''}"
        )
        tallies.append(
            GroupTally(
                group,
                name,
                None if suppressed else voters,
                dict.fromkeys(ANSWERS, 0) if suppressed else found,
                suppressed,
                shown,
            )
        )
    return tuple(tallies)
