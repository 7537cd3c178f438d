"""Tables made from a team's TRIP conversation: how many statements of each challenge got each
answer, how far the room has got through the statements, the same answers round after round,
and the words the team wrote.

TRIP is a conversation, never a score: these tables count answers and keep the team's words,
and nothing here adds answers up into a mean, a percentage or a single number for a team or a
challenge. The answers are ordinal and shown in the scale's order, so a reader sees the spread.
Pure functions of frozen records and the loaded framework: no database, no Streamlit. Every
chart in `trip_charts.py` is drawn from one of these frames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

import pandas as pd

from assessments.records.trip import Rating
from framework.model import BenchmarkSet, Framework, Scale, StatementGroup

ANSWER_NOT_YET_TALKED = "Not talked through"
WORDS_COLUMNS = {"proud": "What we are proud of", "next_step": "What we could do next"}
PROFILE_COLUMNS = ["Held on", "No.", "Challenge", "Answer", "Statements"]

WordsField = Literal["proud", "next_step"]


def answer_labels(scale: Scale) -> list[str]:
    """Every answer in the order it is shown: the ranked answers from the first step to the
    last, then the answers outside the scale as listed, then "Not talked through"."""
    ranked = sorted((v for v in scale.values if v.rank is not None), key=lambda v: v.rank)
    unranked = [v for v in scale.values if v.rank is None]
    return [v.label for v in [*ranked, *unranked]] + [ANSWER_NOT_YET_TALKED]


def rating_distribution(
    framework: Framework, bset: BenchmarkSet, scale: Scale, ratings: Mapping[str, Rating]
) -> pd.DataFrame:
    """How many statements of each challenge got each answer: one row per challenge of the
    set, in its order. Columns: No., Challenge, one count per answer (`answer_labels` order,
    ending with "Not talked through"); all counts int. Index: the challenge id."""
    labels = answer_labels(scale)
    rows = []
    for group in bset.groups:
        counts = _counts(group, scale, ratings)
        rows.append({"challenge_id": group.challenge, **_challenge(framework, group), **counts})
    frame = pd.DataFrame(rows, columns=["challenge_id", "No.", "Challenge", *labels])
    frame = frame.astype(dict.fromkeys(["No.", *labels], "int64"))
    return frame.set_index("challenge_id")


def conversation_progress(
    bset: BenchmarkSet, ratings: Mapping[str, Rating]
) -> dict[str, tuple[int, int]]:
    """For each challenge id, in the set's order: (statements talked through, statements).
    How far the conversation has got, not how well the team does."""
    return {
        group.challenge: (
            sum(1 for s in group.statements if _value(ratings, s.id) is not None),
            len(group.statements),
        )
        for group in bset.groups
    }


def progress_overall(progress: Mapping[str, tuple[int, int]]) -> tuple[int, int]:
    """(statements talked through, statements) over the whole set, from
    `conversation_progress`: the room's place in the conversation."""
    return (
        sum(done for done, _ in progress.values()),
        sum(statements for _, statements in progress.values()),
    )


def profile_over_time(
    framework: Framework,
    bset: BenchmarkSet,
    scale: Scale,
    rounds: Sequence[tuple[date, Mapping[str, Rating]]],
) -> pd.DataFrame:
    """The benchmark profile round after round, tidy: one row per round, challenge and answer,
    zero counts kept so every bar stacks the same answers in the same order.

    Rounds come earliest first (the caller leaves practice rounds out). Columns: Held on
    (date), No., Challenge, Answer (categorical in `answer_labels` order) and Statements
    (int); then Round (int, 1 for the earliest), which tells apart two rounds held on one day.
    """
    labels = answer_labels(scale)
    ordered = sorted(enumerate(rounds), key=lambda item: (item[1][0], item[0]))
    rows = []
    for position, (_, (held_on, ratings)) in enumerate(ordered, start=1):
        for group in bset.groups:
            challenge = _challenge(framework, group)
            for answer, statements in _counts(group, scale, ratings).items():
                rows.append(
                    {
                        "Held on": held_on,
                        **challenge,
                        "Answer": answer,
                        "Statements": statements,
                        "Round": position,
                    }
                )
    frame = pd.DataFrame(rows, columns=[*PROFILE_COLUMNS, "Round"])
    return frame.astype(
        {
            "No.": "int64",
            "Answer": pd.CategoricalDtype(labels, ordered=True),
            "Statements": "int64",
            "Round": "int64",
        }
    )


def team_words(
    framework: Framework,
    bset: BenchmarkSet,
    ratings: Mapping[str, Rating],
    field: WordsField,
) -> pd.DataFrame:
    """What the team wrote about its statements, in the set's order: "proud" (what we are
    proud of) or "next_step" (what we could do next). Only statements with words appear.
    Columns: No. (the challenge's), Challenge, Statement, and the field's heading. Index: the
    statement id."""
    if field not in WORDS_COLUMNS:
        raise ValueError(f"'{field}' is not one of {', '.join(WORDS_COLUMNS)}.")
    heading = WORDS_COLUMNS[field]
    rows = []
    for group in bset.groups:
        for statement in group.statements:
            rating = ratings.get(statement.id)
            words = getattr(rating, field).strip() if rating is not None else ""
            if words:
                rows.append(
                    {
                        "statement_id": statement.id,
                        **_challenge(framework, group),
                        "Statement": statement.text,
                        heading: words,
                    }
                )
    frame = pd.DataFrame(rows, columns=["statement_id", "No.", "Challenge", "Statement", heading])
    return frame.astype({"No.": "int64"}).set_index("statement_id")


def _counts(group: StatementGroup, scale: Scale, ratings: Mapping[str, Rating]) -> dict[str, int]:
    """How many of the group's statements got each answer, every answer present, in order."""
    by_value = {v.value: v.label for v in scale.values}
    counts = dict.fromkeys(answer_labels(scale), 0)
    for statement in group.statements:
        value = _value(ratings, statement.id)
        if value is None:
            counts[ANSWER_NOT_YET_TALKED] += 1
        elif value in by_value:
            counts[by_value[value]] += 1
        else:
            # The service refuses answers off the scale, so this is a caller's mistake.
            raise ValueError(f"'{value}' is not an answer of the scale '{scale.id}'.")
    return counts


def _value(ratings: Mapping[str, Rating], statement_id: str) -> str | None:
    rating = ratings.get(statement_id)
    return rating.value if rating is not None else None


def _challenge(framework: Framework, group: StatementGroup) -> dict[str, object]:
    challenge = framework.challenge(group.challenge)
    return {"No.": challenge.number, "Challenge": challenge.short_title or challenge.title}
