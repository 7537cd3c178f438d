"""The tables a round is read through: the paper's Template A, each group's spread of views,
and the advice to consider challenges 3 and 4 early. Records are built directly, no store."""

from __future__ import annotations

from datetime import datetime

import pytest

from assessments.analytics.template_a import (
    agreed_stage_counts,
    early_attention,
    group_spread,
    stage_number,
    template_a_table,
    views_table,
)
from assessments.records import Answer, ChallengeRecord, GroupView

FRAMEWORK = "imroc-challenges@2010"


def record(challenge_id: str, **answer) -> ChallengeRecord:
    return ChallengeRecord(1, challenge_id, Answer(**answer), 1, datetime(2026, 11, 2, 10))


def ranked(**ranks: int) -> dict[str, ChallengeRecord]:
    """Records giving each named challenge (c01 ... c10, by its id prefix) a priority."""
    ids = {
        "c01": "c01-interactions",
        "c02": "c02-education",
        "c03": "c03-education-centre",
        "c04": "c04-leadership",
        "c05": "c05-personalisation",
    }
    return {ids[key]: record(ids[key], priority=rank) for key, rank in ranks.items()}


@pytest.fixture
def framework(definitions):
    return definitions.framework(FRAMEWORK)


@pytest.fixture
def groups(definitions):
    return definitions.stakeholder_groups


@pytest.fixture
def records():
    return {
        "c01-interactions": record(
            "c01-interactions",
            agreed_stage=2,
            priority=3,
            comments="Warm in the community teams, less so on the wards.",
            views=(
                GroupView("clinical-staff", stage_1=1, stage_2=5, stage_3=2, note="Mostly 2"),
                GroupView("people-using-services", stage_1=4, stage_2=1, not_sure=1),
                GroupView("commissioners"),  # an untouched row is not a view
            ),
        ),
        "c02-education": record(
            "c02-education",
            not_agreed=True,
            dissent="Staff see Stage 2; people using services see Stage 1.",
            comments="Revisit after the audit.",
        ),
        "c04-leadership": record("c04-leadership", agreed_stage=1, priority=1),
    }


# --- Template A ----------------------------------------------------------------------------


def test_template_a_has_one_row_per_challenge_in_order(framework, records):
    table = template_a_table(framework, records)

    assert list(table.columns) == ["No.", "Challenge", "Stage", "Priority", "Comments"]
    assert table.index.name == "challenge_id"
    assert table["No."].tolist() == list(range(1, 11))
    assert table.loc["c01-interactions", "Challenge"] == "Changing day-to-day interactions"
    assert table.index[2] == "c03-education-centre"


def test_template_a_names_the_stage_in_words(framework, records):
    stages = template_a_table(framework, records)["Stage"]

    assert stages["c01-interactions"] == "2 Development"
    assert stages["c04-leadership"] == "1 Engagement"
    assert stages["c02-education"] == "Not agreed"
    assert stages["c03-education-centre"] == "Not decided yet"
    # The whole scale travels with the table, even stages no challenge has reached.
    assert list(stages.cat.categories) == [
        "1 Engagement",
        "2 Development",
        "3 Transformation",
        "Not agreed",
        "Not decided yet",
    ]
    assert [stage_number(s) for s in stages.cat.categories] == [1, 2, 3, None, None]


def test_template_a_priority_is_a_whole_rank_or_empty(framework, records):
    priority = template_a_table(framework, records)["Priority"]

    assert str(priority.dtype) == "Int64"
    assert priority["c01-interactions"] == 3
    assert priority["c04-leadership"] == 1
    assert priority.isna().sum() == 8


def test_not_agreed_puts_the_dissent_first_in_comments(framework, records):
    comments = template_a_table(framework, records)["Comments"]

    assert comments["c02-education"] == (
        "Not agreed: Staff see Stage 2; people using services see Stage 1.\n"
        "Revisit after the audit."
    )
    assert comments["c01-interactions"] == "Warm in the community teams, less so on the wards."
    assert comments["c05-personalisation"] == ""


def test_agreed_stage_counts_always_has_five_rows(framework, records):
    counts = agreed_stage_counts(framework, records)

    assert counts.to_dict("records") == [
        {"Stage": "1 Engagement", "Challenges": 1},
        {"Stage": "2 Development", "Challenges": 1},
        {"Stage": "3 Transformation", "Challenges": 0},
        {"Stage": "Not agreed", "Challenges": 1},
        {"Stage": "Not decided yet", "Challenges": 7},
    ]
    assert counts["Challenges"].dtype == "int64"


# --- views of each group -------------------------------------------------------------------


def test_group_spread_lists_groups_that_gave_a_view_in_display_order(groups, records):
    spread = group_spread(groups, records["c01-interactions"])

    assert list(spread.columns) == [
        "Group",
        "Stage 1",
        "Stage 2",
        "Stage 3",
        "Not sure",
        "Total",
        "Note",
    ]
    # People using services come before clinical staff in the display order; the empty
    # commissioners' row is left out.
    assert spread["Group"].tolist() == ["People using services", "Clinical and practitioner staff"]
    assert spread["Total"].tolist() == [6, 8]
    assert spread.iloc[1][["Stage 1", "Stage 2", "Stage 3", "Not sure"]].tolist() == [1, 5, 2, 0]
    assert spread["Note"].tolist() == ["", "Mostly 2"]


def test_group_spread_keeps_a_view_from_a_group_no_longer_listed(groups):
    spread = group_spread(groups, record("c06-risk", views=(GroupView("old-forum", stage_1=2),)))

    assert spread["Group"].tolist() == ["old-forum"]
    assert spread["Total"].tolist() == [2]


def test_group_spread_of_a_challenge_without_views_is_empty(groups):
    assert group_spread(groups, record("c06-risk")).empty


def test_views_table_is_tidy_with_all_four_answers_per_group(framework, groups, records):
    views = views_table(framework, groups, records)

    assert list(views.columns) == [
        "challenge_id",
        "No.",
        "Challenge",
        "group_id",
        "Group",
        "Answer",
        "People",
    ]
    assert set(views["challenge_id"]) == {"c01-interactions"}
    assert views["group_id"].unique().tolist() == ["people-using-services", "clinical-staff"]
    staff = views[views["group_id"] == "clinical-staff"]
    assert staff["Answer"].tolist() == ["Stage 1", "Stage 2", "Stage 3", "Not sure"]
    assert staff["People"].tolist() == [1, 5, 2, 0]  # the zero is kept
    assert views["People"].dtype == "int64"
    assert views["People"].sum() == 14


# --- early attention to challenges 3 and 4 -------------------------------------------------


def numbers(advice) -> list[int]:
    return [c.number for c in advice.missing]


def test_early_attention_names_3_and_4_when_neither_is_in_the_top_five(framework):
    advice = early_attention(framework, ranked(c01=1, c02=2, c05=3, c03=6, c04=7))

    assert numbers(advice) == [3, 4]
    assert advice.at_most_open == 5
    assert "Recovery Education Centre" in advice.why


def test_early_attention_names_only_4_when_3_is_ranked(framework):
    advice = early_attention(framework, ranked(c03=2, c01=1))

    assert numbers(advice) == [4]


def test_no_early_attention_when_both_are_in_the_top_five(framework):
    assert early_attention(framework, ranked(c03=5, c04=1)) is None


def test_no_early_attention_before_anything_is_ranked(framework, records):
    unranked = {cid: record(cid, agreed_stage=1) for cid in records}

    assert early_attention(framework, unranked) is None
    assert early_attention(framework, {}) is None


def test_no_early_attention_when_the_framework_gives_no_advice(framework):
    silent = framework.model_copy(update={"priorities": None})

    assert early_attention(silent, ranked(c01=1)) is None
