"""The role table's rows for live votes: everyone with the round reads its votes and tallies;
only a facilitator (who runs the round) opens, reveals, closes and re-opens one. Casting a vote
and asking a code's state are not a person's use cases: anyone holding an open code may
(NOT_USE_CASES says so; tests/unit/test_votes.py checks what a phone can and cannot reach)."""

from __future__ import annotations

from tests.unit.roles_expected import FACILITATOR, UseCase, read_everywhere, write


def _version(local, side) -> int:
    return local.votes.question(side.vote).version


# In this order: the vote is closed before it is re-opened.
VOTE_CASES = [
    UseCase(
        "votes.questions",
        lambda svc, local, actor, side, role: svc.votes.questions(side.round),
        read_everywhere(),
    ),
    UseCase(
        "votes.question",
        lambda svc, local, actor, side, role: svc.votes.question(side.vote),
        read_everywhere(),
    ),
    UseCase(
        "votes.tallies",
        lambda svc, local, actor, side, role: svc.votes.tallies(side.vote),
        read_everywhere(),
    ),
    UseCase(
        "votes.closed_lines",
        lambda svc, local, actor, side, role: svc.votes.closed_lines(side.vote),
        read_everywhere(),
    ),
    UseCase(
        "votes.open_vote",
        lambda svc, local, actor, side, role: svc.votes.open_vote(
            actor, side.round, "c08-workforce"
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "votes.reveal",
        lambda svc, local, actor, side, role: svc.votes.reveal(
            actor, side.vote, _version(local, side)
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "votes.close_vote",
        lambda svc, local, actor, side, role: svc.votes.close_vote(
            actor, side.vote, _version(local, side)
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "votes.reopen_vote",
        lambda svc, local, actor, side, role: svc.votes.reopen_vote(
            actor, side.vote, _version(local, side)
        ),
        write(FACILITATOR),
    ),
]
