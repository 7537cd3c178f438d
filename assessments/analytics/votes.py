"""Tallies of a live vote per stakeholder group: counts by answer, with a group of fewer voters
than `SMALL_NUMBER` reported only as "fewer than N" (the same small number the portfolio
suppresses below), so no one's vote can be picked out. Pure: vote rows in, records out."""

from __future__ import annotations

from collections.abc import Iterable

from assessments.analytics.portfolio import SMALL_NUMBER, SUPPRESSED
from assessments.records.votes import ANSWERS, Choice, GroupTally


def exact_counts(
    votes: Iterable[tuple[str, str]], answers: Iterable[str] = ANSWERS
) -> dict[str, dict[str, int]]:
    """Per group, how many voted each of `answers`, from (group, answer) pairs; only groups
    that voted."""
    answers = tuple(answers)
    counts: dict[str, dict[str, int]] = {}
    for group, answer in votes:
        counts.setdefault(group, dict.fromkeys(answers, 0))[answer] += 1
    return counts


def group_tallies(
    votes: Iterable[tuple[str, str]],
    groups: dict[str, str],
    small: int = SMALL_NUMBER,
    answers: Iterable[str] = ANSWERS,
) -> tuple[GroupTally, ...]:
    """Every group of `groups` (id: name, in their order): its voters and counts, or, below
    `small` voters (but not none), only that it had fewer."""
    answers = tuple(answers)
    counts = exact_counts(votes, answers)
    tallies = []
    for group, name in groups.items():
        found = counts.get(group, dict.fromkeys(answers, 0))
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
                dict.fromkeys(answers, 0) if suppressed else found,
                suppressed,
                shown,
            )
        )
    return tuple(tallies)


def tallies_line(
    code: str, ballot: int, groups: Iterable[GroupTally], choices: Iterable[Choice]
) -> str:
    """A closed ballot in one plain line, for the record: each group that voted with its
    voters and the answers it gave (none given left out), a group of fewer voters than the
    small number only said to be left out, with no count of it at all."""
    words = {c.value: c.word for c in choices}
    shown, hidden = [], 0
    for group in groups:
        if group.suppressed:
            hidden += 1
        elif group.voters:
            given = ", ".join(f"{words[a]} {n}" for a, n in group.counts.items() if n)
            shown.append(f"{group.name} ({group.voters}): {given}")
    parts = shown or ["no group had enough voters to show" if hidden else "no votes"]
    if hidden:
        parts.append(f"groups of fewer than {SMALL_NUMBER} voters not shown")
    return f"Phone vote (code {code}, vote {ballot}): " + "; ".join(parts)
