"""The tables a team's TRIP conversation is read through: how many statements got each answer,
how far the room has got, the answers round after round, and the team's own words. Counts and
words only: never a mean, a percentage or one number for a team. Ratings are built directly."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from assessments.analytics.trip import (
    ANSWER_NOT_YET_TALKED,
    answer_labels,
    conversation_progress,
    profile_over_time,
    progress_overall,
    rating_distribution,
    team_words,
)
from assessments.records.trip import Rating
from tests.unit.trip_community import ANSWERS, SCORE_WORDS


@pytest.fixture
def ratings():
    """Challenge 1 (six statements) talked through but one; challenge 2 (five) only begun."""
    return {
        "com-c01-1": Rating("mostly", proud="Peer workers join every first meeting."),
        "com-c01-2": Rating("mostly"),
        "com-c01-3": Rating("started", next_step="Ask people what helped, at discharge."),
        "com-c01-4": Rating("not-applicable", proud="   "),  # blank words are no words
        "com-c01-5": Rating("dont-know"),
        "com-c02-3": Rating("fully", proud="Co-trainers are paid.", next_step="Train carers."),
        "com-c02-4": Rating(None, next_step="Come back to this next time."),  # words, no answer
    }


def distribution(framework, bset, scale, ratings):
    return rating_distribution(framework, bset, scale, ratings)


# --- the answers, counted ------------------------------------------------------------------


def test_answers_are_ranked_first_then_the_others_then_the_gap(scale):
    assert answer_labels(scale) == ANSWERS
    assert ANSWER_NOT_YET_TALKED == "Not talked through"


def test_distribution_has_one_row_per_challenge_in_the_sets_order(framework, bset, scale, ratings):
    table = distribution(framework, bset, scale, ratings)

    assert list(table.columns) == ["No.", "Challenge", *ANSWERS]
    assert table.index.name == "challenge_id"
    assert list(table.index) == [g.challenge for g in bset.groups]
    assert table["No."].tolist() == list(range(1, 11))
    assert table.loc["c01-interactions", "Challenge"] == "Changing day-to-day interactions"


def test_distribution_counts_each_answer_of_each_challenge(framework, bset, scale, ratings):
    table = distribution(framework, bset, scale, ratings)

    first = table.loc["c01-interactions", ANSWERS].tolist()
    assert first == [0, 1, 0, 2, 0, 1, 1, 1]  # statement 6 not talked through yet
    second = table.loc["c02-education", ANSWERS].tolist()
    assert second == [0, 0, 0, 0, 1, 0, 0, 4]  # words without an answer are not an answer


def test_a_challenge_not_yet_talked_through_keeps_its_row(framework, bset, scale, ratings):
    table = distribution(framework, bset, scale, ratings)

    row = table.loc["c03-education-centre"]
    assert row[ANSWERS[:-1]].sum() == 0
    assert row[ANSWER_NOT_YET_TALKED] == len(bset.groups[2].statements)
    # Every statement is counted exactly once.
    assert table[ANSWERS].sum(axis=1).tolist() == [len(g.statements) for g in bset.groups]


def test_an_answer_off_the_scale_is_refused(framework, bset, scale):
    with pytest.raises(ValueError, match="'brilliant' is not an answer"):
        distribution(framework, bset, scale, {"com-c01-1": Rating("brilliant")})


def test_ratings_of_statements_outside_the_set_are_left_out(framework, bset, scale):
    table = distribution(framework, bset, scale, {"inp-c01-1": Rating("fully")})

    assert table["Fully"].sum() == 0


# --- how far the conversation has got ------------------------------------------------------


def test_progress_counts_statements_talked_through_per_challenge(bset, ratings):
    progress = conversation_progress(bset, ratings)

    assert list(progress) == [g.challenge for g in bset.groups]
    assert progress["c01-interactions"] == (5, 6)
    assert progress["c02-education"] == (1, 5)
    assert progress["c03-education-centre"] == (0, 5)
    assert progress_overall(progress) == (6, len(bset.statements))


# --- the profile over time -----------------------------------------------------------------


@pytest.fixture
def profile(framework, bset, scale, ratings):
    later = {**ratings, "com-c01-6": Rating("partly"), "com-c03-1": Rating("not-yet")}
    # Given out of order: the table puts the earlier round first.
    return profile_over_time(
        framework, bset, scale, [(date(2026, 3, 9), later), (date(2025, 9, 15), ratings)]
    )


def test_profile_is_tidy_with_every_round_challenge_and_answer(bset, profile):
    assert list(profile.columns) == ["Held on", "No.", "Challenge", "Answer", "Statements", "Round"]
    assert len(profile) == 2 * len(bset.groups) * len(ANSWERS)  # zeros kept
    assert list(profile["Answer"].cat.categories) == ANSWERS
    assert profile["Held on"].iloc[0] == date(2025, 9, 15)
    assert profile["Round"].tolist()[:: len(bset.groups) * len(ANSWERS)] == [1, 2]


def test_profile_counts_each_rounds_answers(profile):
    counts = profile.set_index(["Round", "No.", "Answer"])["Statements"]

    assert counts[(1, 1, "Partly")] == 0
    assert counts[(2, 1, "Partly")] == 1
    assert counts[(1, 1, ANSWER_NOT_YET_TALKED)] == 1
    assert counts[(2, 1, ANSWER_NOT_YET_TALKED)] == 0
    assert counts[(1, 3, ANSWER_NOT_YET_TALKED)] == 5
    assert counts[(2, 3, "Not yet")] == 1


def test_profile_of_no_rounds_is_empty_with_its_columns(framework, bset, scale):
    profile = profile_over_time(framework, bset, scale, [])

    assert profile.empty
    assert "Statements" in profile.columns


# --- the team's words ----------------------------------------------------------------------


def test_words_tables_hold_only_statements_with_words_in_the_sets_order(framework, bset, ratings):
    proud = team_words(framework, bset, ratings, "proud")

    assert list(proud.columns) == ["No.", "Challenge", "Statement", "What we are proud of"]
    assert list(proud.index) == ["com-c01-1", "com-c02-3"]
    assert proud.loc["com-c01-1", "What we are proud of"] == (
        "Peer workers join every first meeting."
    )
    assert proud.loc["com-c02-3", "No."] == 2
    assert proud.loc["com-c02-3", "Statement"] == bset.statement("com-c02-3").text


def test_next_steps_keep_words_even_without_an_answer(framework, bset, ratings):
    next_steps = team_words(framework, bset, ratings, "next_step")

    assert list(next_steps.columns)[-1] == "What we could do next"
    assert list(next_steps.index) == ["com-c01-3", "com-c02-3", "com-c02-4"]


def test_words_of_a_conversation_not_begun_are_an_empty_table(framework, bset):
    words = team_words(framework, bset, {}, "proud")

    assert words.empty
    assert list(words.columns) == ["No.", "Challenge", "Statement", "What we are proud of"]


def test_an_unknown_words_field_is_refused(framework, bset, ratings):
    with pytest.raises(ValueError, match="'value' is not one of"):
        team_words(framework, bset, ratings, "value")


# --- a conversation, never a score ---------------------------------------------------------


def every_output(framework, bset, scale, ratings, profile) -> dict[str, object]:
    return {
        "distribution": distribution(framework, bset, scale, ratings),
        "progress": conversation_progress(bset, ratings),
        "overall": progress_overall(conversation_progress(bset, ratings)),
        "profile": profile,
        "proud": team_words(framework, bset, ratings, "proud"),
        "next": team_words(framework, bset, ratings, "next_step"),
    }


def numbers_in(value: object) -> list[object]:
    if isinstance(value, pd.DataFrame):
        return [v for column in value.columns for v in numbers_in(value[column].tolist())]
    if isinstance(value, dict):
        return numbers_in(list(value.values()))
    if isinstance(value, list | tuple):
        return [n for item in value for n in numbers_in(item)]
    return [value] if isinstance(value, int | float) else []


def test_no_table_holds_a_fraction(framework, bset, scale, ratings, profile):
    for name, output in every_output(framework, bset, scale, ratings, profile).items():
        if isinstance(output, pd.DataFrame):
            floats = [c for c in output.columns if pd.api.types.is_float_dtype(output[c])]
            assert floats == [], name
        numbers = numbers_in(output)
        assert numbers, name
        assert all(type(n) is int for n in numbers), (name, numbers)


def test_no_column_is_a_score(framework, bset, scale, ratings, profile):
    for name, output in every_output(framework, bset, scale, ratings, profile).items():
        if isinstance(output, pd.DataFrame):
            for column in output.columns:
                assert not any(word in column.lower() for word in SCORE_WORDS), (name, column)
