"""Small groups of a phone vote: a group view the room's phones counted, with fewer than 5
voters, is shown only as "fewer than 5"; a hand count of any size stays exact. Whether a view
is a phone vote is its flag, set by closing a vote: editing its note keeps it, typing a count
over it makes it a hand count, and no note can make a hand count one (on both databases)."""

from __future__ import annotations

import pytest

from assessments.analytics.small_groups import (
    carried,
    counted,
    held_back,
    kept_back,
    shown,
    suppressed,
)
from assessments.records import Answer, GroupView

CHALLENGE = "c04-leadership"
USERS, STAFF, CARERS = "people-using-services", "clinical-staff", "carers-family"
PHONE_NOTE = "Counted by phone vote (code ABCD, vote 1)"


def phoned(**counts) -> GroupView:
    return GroupView(CARERS, **counts, note=PHONE_NOTE, phone_vote=True)


@pytest.mark.parametrize(
    ("view", "hidden"),
    [
        (phoned(stage_1=1, stage_2=1), True),  # 2 carers voted by phone
        (phoned(stage_2=4), True),
        (phoned(stage_1=3, not_sure=2), False),  # 5 voters: counts shown
        (GroupView(CARERS, stage_1=1, stage_2=1, note="Hands"), False),  # a hand count of 2
        (GroupView(CARERS, stage_2=2, note=PHONE_NOTE), False),  # the words alone do not hide
        (phoned(), True),  # counts held back by a team file: still fewer than 5
    ],
)
def test_a_phone_vote_of_fewer_than_5_is_suppressed_and_nothing_else(view, hidden):
    assert suppressed(view) is hidden
    seen = shown(view)
    assert seen.suppressed is hidden
    if hidden:
        assert (seen.counts, seen.people) == (None, None)
        assert seen.text == "fewer than 5 (by phone)"
        assert not any(str(n) in seen.text.replace("5", "") for n in range(1, 5))
    else:
        assert seen.counts == view.counts and seen.people == sum(view.counts.values())


def test_what_a_reader_is_told_of_each_kind_of_view():
    assert shown(phoned(stage_1=3, stage_3=3)).text == "6 people (by phone)"
    assert shown(GroupView(CARERS, stage_2=1)).text == "1 person"
    assert shown(phoned(stage_1=1)).text == "fewer than 5 (by phone)"


def test_only_the_views_that_may_be_added_up_are_counted():
    hand = GroupView(STAFF, stage_1=2)
    assert counted((hand, phoned(stage_1=2), phoned(stage_1=5))) == (hand, phoned(stage_1=5))


def test_the_flag_stays_while_the_counts_are_the_phones_and_goes_when_one_is_typed_over():
    stored = phoned(stage_1=1, stage_2=1)
    note_edited = GroupView(CARERS, stage_1=1, stage_2=1, note="Two carers, by phone")
    assert carried(note_edited, stored).phone_vote  # the form knows no flag: kept
    typed_over = GroupView(CARERS, stage_1=1, stage_2=2, note=PHONE_NOTE)
    assert not carried(typed_over, stored).phone_vote  # a paper count: public, exact
    assert not carried(GroupView(CARERS, stage_2=2), GroupView(CARERS, stage_2=2)).phone_vote


def test_a_team_file_holds_back_a_small_phone_votes_counts_and_never_writes_zeros_over_them():
    small, large = phoned(stage_1=1, stage_2=1), phoned(stage_3=6)
    hands = GroupView(USERS, stage_1=1)
    assert held_back(small) == GroupView(CARERS, note=PHONE_NOTE, phone_vote=True)
    assert (held_back(large), held_back(hands)) == (large, hands)
    assert not held_back(small).empty  # kept by a save though it has no count
    stored = Answer(views=(small, hands))
    brought = Answer(views=(held_back(small), GroupView(USERS, stage_1=2)), agreed_stage=2)
    assert kept_back(brought, stored).views == (small, GroupView(USERS, stage_1=2))


def test_through_the_service_a_note_edit_keeps_the_suppression_and_a_typed_count_ends_it(
    service, actor, round_
):
    vote = service.votes.open_vote(actor, round_.id, CHALLENGE)
    for n, answer in enumerate(["stage-1", "stage-2"]):
        service.votes.cast(vote.code, f"phone-token-{n:08d}", CARERS, answer)
    for n in range(5):
        service.votes.cast(vote.code, f"phone-token-{10 + n:08d}", USERS, "stage-3")
    closed = service.votes.close_vote(actor, vote.id, vote.version)
    carers = closed.answer.view(CARERS)
    assert carers.phone_vote and suppressed(carers)
    assert closed.answer.view(USERS).phone_vote and not suppressed(closed.answer.view(USERS))

    # The full form saves what it shows, with no flag: the note cleared, the counts the same.
    views = tuple(
        GroupView(v.group, v.stage_1, v.stage_2, v.stage_3, v.not_sure, note="")
        for v in closed.answer.views
    )
    edited = service.workshop.save_challenge(
        actor, round_.id, CHALLENGE, Answer(views=views, agreed_stage=2), closed.version
    )
    assert suppressed(edited.answer.view(CARERS))  # a cleared note reveals nothing
    assert service.workshop.challenge_records(round_.id)[CHALLENGE].answer.view(CARERS).phone_vote

    # A paper count typed over it is a count of hands in the open room: exact.
    paper = GroupView(CARERS, stage_2=2, note="Counted by hand after the discussion")
    views = tuple(paper if v.group == CARERS else v for v in edited.answer.views)
    typed = service.workshop.save_challenge(
        actor, round_.id, CHALLENGE, Answer(views=views, agreed_stage=2), edited.version
    )
    assert not typed.answer.view(CARERS).phone_vote
    assert shown(typed.answer.view(CARERS)).counts["Stage 2"] == 2
    assert typed.answer.view(USERS).phone_vote  # the other group's phones untouched
