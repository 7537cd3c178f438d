"""Live votes from the room's phones, through the service: a vote opened on a challenge takes
phones' votes by its code, each phone's changed rather than added; a closed or unknown code is
refused with a message for the phone; a phone or a code sending too fast is slowed; closing
writes the tallies into the challenge's group views (marked as a phone vote, audited) where the
workshop summary shows them; a second vote after re-opening is kept apart; small groups are
reported as "fewer than 5"."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from assessments import store
from assessments.analytics.template_a import views_table
from assessments.records import Answer, GroupView
from assessments.rules.errors import NotAllowed, StaleSave
from assessments.rules.votes import CODE_LETTERS, DEVICE_CASTS, WINDOW_SECONDS, RateLimit
from assessments.service import Service
from assessments.service.votes import VOTER, VOTER_ACCESS
from tests.unit.service_helpers import refused

CHALLENGE = "c04-leadership"
USERS, STAFF, CARERS = "people-using-services", "clinical-staff", "carers-family"


def token(n: int) -> str:
    return f"phone-token-{n:08d}"


@pytest.fixture
def vote(service, actor, round_):
    return service.votes.open_vote(actor, round_.id, CHALLENGE)


def cast_many(service, code, group, answers, start=0):
    for n, answer in enumerate(answers, start=start):
        service.votes.cast(code, token(n), group, answer)


def test_an_opened_vote_has_a_short_code_of_letters_nobody_misreads(service, actor, round_, vote):
    assert len(vote.code) == 4 and set(vote.code) <= set(CODE_LETTERS)
    assert not {"I", "O", "0", "1"} & set(vote.code)
    assert (vote.status, vote.revealed, vote.ballot, vote.opened_by) == (
        "open", False, 1, actor.name,
    )  # fmt: skip
    # Opening it again (a second click) gives the same vote, not a second code.
    assert service.votes.open_vote(actor, round_.id, CHALLENGE).code == vote.code
    state = service.votes.state(vote.code.lower())  # typed in any case
    assert (state.status, state.revealed) == ("open", False)
    assert state.title.startswith("Challenge 4:")
    assert service.history("vote")[0].action == "open"


def test_a_phone_votes_and_changes_its_vote_until_the_vote_closes(service, vote):
    first = service.votes.cast(vote.code, token(1), USERS, "stage-1", priority=3)
    second = service.votes.cast(vote.code, token(1), USERS, "stage-2")
    assert not first.changed and second.changed
    rows = _vote_rows(service)
    assert [(r.group_id, r.answer, r.priority) for r in rows] == [(USERS, "stage-2", None)]
    assert token(1) not in {r.device for r in rows}  # only its hash is kept


def test_an_unknown_or_misshapen_code_is_refused_naming_the_code(service, vote):
    wrong = "ZZZZ" if vote.code != "ZZZZ" else "YYYY"
    assert "no vote with the code" in refused(
        lambda: service.votes.cast(wrong, token(1), USERS, "stage-1"), "code"
    )
    assert "4 letters" in refused(lambda: service.votes.state("AB1"), "code")
    assert (
        "group"
        in refused(
            lambda: service.votes.cast(vote.code, token(1), "aliens", "stage-1"), "group"
        ).lower()
    )
    assert "Stage 1, Stage 2 or Stage 3, or Not sure" in refused(
        lambda: service.votes.cast(vote.code, token(1), USERS, "stage-4"), "answer"
    )
    assert "1 to 10" in refused(
        lambda: service.votes.cast(vote.code, token(1), USERS, "stage-1", priority=11), "priority"
    )
    refused(lambda: service.votes.cast(vote.code, "short", USERS, "stage-1"), "device")
    assert _vote_rows(service) == []


def test_a_closed_code_is_refused_with_a_message_for_the_phone(service, actor, vote):
    service.votes.close_vote(actor, vote.id, vote.version)
    message = refused(lambda: service.votes.cast(vote.code, token(1), USERS, "stage-1"), "code")
    assert "closed" in message and "not stored" in message
    assert service.votes.state(vote.code).status == "closed"


def test_a_phone_sending_too_fast_is_slowed_and_then_let_through(service, vote):
    now = [0.0]
    service.votes.limit = RateLimit(clock=lambda: now[0])
    for _ in range(DEVICE_CASTS):
        service.votes.cast(vote.code, token(1), USERS, "stage-1")
    assert "Wait" in refused(
        lambda: service.votes.cast(vote.code, token(1), USERS, "stage-2"), "rate"
    )
    service.votes.cast(vote.code, token(2), USERS, "stage-2")  # another phone is not slowed
    now[0] += WINDOW_SECONDS + 1
    service.votes.cast(vote.code, token(1), USERS, "stage-3")
    assert sorted(r.answer for r in _vote_rows(service)) == ["stage-2", "stage-3"]


def test_a_code_taking_too_many_votes_at_once_is_slowed():
    limit = RateLimit(clock=lambda: 0.0)
    for n in range(600):
        limit.check(f"device-{n}", "ABCD")
    with pytest.raises(Exception, match="very many votes"):
        limit.check("device-new", "ABCD")
    limit.check("device-new", "EFGH")  # another room's vote is not


def test_closing_writes_the_tallies_into_the_group_views_marked_and_audited(
    service, actor, round_, vote, definitions
):
    before = service.workshop.challenge_record(round_.id, CHALLENGE)
    typed = Answer(views=(GroupView(CARERS, stage_2=2, note="Hands"),), agreed_stage=2)
    service.workshop.save_challenge(actor, round_.id, CHALLENGE, typed, before.version)
    cast_many(service, vote.code, USERS, ["stage-1", "stage-1", "stage-2", "not-sure", "stage-1"])
    cast_many(service, vote.code, STAFF, ["stage-3", "stage-2"], start=10)

    saved = service.votes.close_vote(actor, vote.id, vote.version)

    users, staff, carers = (saved.answer.view(g) for g in (USERS, STAFF, CARERS))
    assert (users.stage_1, users.stage_2, users.stage_3, users.not_sure) == (3, 1, 0, 1)
    assert (staff.stage_2, staff.stage_3) == (1, 1)
    assert carers == GroupView(CARERS, stage_2=2, note="Hands")  # the hand count stays
    assert users.note == f"Counted by phone vote (code {vote.code}, vote 1)"
    assert saved.answer.agreed_stage == 2  # the room's decision is its own
    closed = service.votes.question(vote.id)
    assert (closed.status, closed.closed_by) == ("closed", actor.name)
    entry = service.history("vote", vote.id)[0]
    assert entry.action == "close" and entry.after["tallies"][USERS]["stage-1"] == 3
    assert service.history("challenge")[0].actor_name == actor.name  # the workshop's own save
    # The workshop summary shows them as it shows a hand count.
    framework = definitions.framework(round_.framework)
    table = views_table(framework, definitions.stakeholder_groups,
                        service.workshop.challenge_records(round_.id))  # fmt: skip
    mine = table[(table["challenge_id"] == CHALLENGE) & (table["group_id"] == USERS)]
    assert dict(zip(mine["Answer"], mine["People"], strict=True))["Stage 1"] == 3


def test_a_close_over_a_newer_change_is_refused_and_changes_nothing(service, actor, vote):
    service.votes.reveal(actor, vote.id, vote.version)
    with pytest.raises(StaleSave):
        service.votes.close_vote(actor, vote.id, vote.version)
    assert service.votes.question(vote.id).open


def test_re_opening_holds_a_second_vote_apart_from_the_first(service, actor, round_, vote):
    cast_many(service, vote.code, USERS, ["stage-1"] * 5)
    service.votes.close_vote(actor, vote.id, vote.version)
    closed = service.votes.question(vote.id)
    again = service.votes.reopen_vote(actor, vote.id, closed.version)
    assert (again.status, again.ballot, again.code, again.revealed) == (
        "open", 2, vote.code, False,
    )  # fmt: skip
    assert service.votes.tallies(vote.id).voters == 0  # the second vote starts empty
    cast_many(service, vote.code, USERS, ["stage-2"] * 5)  # the same phones, changed minds
    saved = service.votes.close_vote(actor, vote.id, again.version)
    assert (saved.answer.view(USERS).stage_1, saved.answer.view(USERS).stage_2) == (0, 5)
    assert "vote 2" in saved.answer.view(USERS).note
    assert len(_vote_rows(service)) == 10  # the first vote's are kept
    assert "re-open" in refused(lambda: service.votes.open_vote(actor, round_.id, CHALLENGE),
                                "challenge")  # fmt: skip


def test_results_can_be_revealed_and_hidden_again(service, actor, vote):
    shown = service.votes.reveal(actor, vote.id, vote.version)
    assert shown.revealed and service.votes.state(vote.code).revealed
    hidden = service.votes.reveal(actor, vote.id, shown.version, revealed=False)
    assert not hidden.revealed
    assert [e.action for e in service.history("vote", vote.id)][:2] == ["hide", "reveal"]


def test_groups_of_fewer_than_five_voters_are_reported_only_as_that(service, vote):
    cast_many(service, vote.code, USERS, ["stage-1", "stage-2", "stage-2", "stage-3", "stage-1"])
    cast_many(service, vote.code, CARERS, ["stage-1", "stage-1"], start=20)
    tally = service.votes.tallies(vote.id)
    by_group = {g.group: g for g in tally.groups}
    assert tally.voters == 7
    users, carers = by_group[USERS], by_group[CARERS]
    assert (users.voters, users.counts["stage-2"], users.shown) == (5, 2, "5 voters")
    assert carers.suppressed and carers.shown == "fewer than 5"
    assert carers.voters is None and set(carers.counts.values()) == {0}
    assert by_group[STAFF].voters == 0 and not by_group[STAFF].suppressed


def test_a_vote_is_only_on_a_challenge_of_a_template_a_round(service, actor, round_):
    assert "not a challenge" in refused(
        lambda: service.votes.open_vote(actor, round_.id, "c99-nothing"), "challenge"
    )


def _vote_rows(service):
    with service.engine.connect() as conn:
        return conn.execute(select(store.votes).order_by(store.votes.c.id)).all()


def test_the_phones_access_casts_and_reads_a_codes_state_and_reaches_nothing_else(
    service, actor, round_, vote, definitions
):
    phones = Service(service.engine, definitions, access=VOTER_ACCESS)
    phones.votes.cast(vote.code, token(1), USERS, "stage-2")
    assert phones.votes.state(vote.code).status == "open"
    for reach in (
        lambda: phones.votes.tallies(vote.id),
        lambda: phones.votes.open_vote(VOTER, round_.id, "c01-interactions"),
        lambda: phones.votes.close_vote(VOTER, vote.id, vote.version),
        lambda: phones.workshop.challenge_records(round_.id),
        lambda: phones.providers.organisation(round_.organisation_id),
    ):
        with pytest.raises(NotAllowed):
            reach()
    assert phones.providers.organisations() == []
    assert service.votes.tallies(vote.id).voters == 1


def test_a_vote_being_stored_as_the_vote_closes_is_counted(service, actor, vote, monkeypatch):
    """A phone's cast that has found the vote open is still being written when the facilitator
    closes: the close waits for it, and counts it."""
    found_open = threading.Event()
    by_code = service.votes._by_code

    def slowly(conn, code, lock=False):
        question = by_code(conn, code, lock)
        found_open.set()
        time.sleep(0.5)
        return question

    monkeypatch.setattr(service.votes, "_by_code", slowly)
    phone = threading.Thread(
        target=service.votes.cast, args=(vote.code, token(1), USERS, "stage-1")
    )
    phone.start()
    assert found_open.wait(10)
    saved = service.votes.close_vote(actor, vote.id, vote.version)
    phone.join(10)
    assert saved.answer.view(USERS).stage_1 == 1
