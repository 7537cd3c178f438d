"""Live votes on a TRIP statement, through the service: whoever records the TRIP conversation
opens one; phones answer on the TRIP scale's steps (Not yet to Fully) or Not sure, and change
their minds; the tallies keep small groups as "fewer than 5"; closing never rates the statement
and gives one plain line for the record, audited, with small groups left out; a stale close
and a reader are refused; a second vote after re-opening is kept apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from assessments.records.accounts import Account, Role, Scope
from assessments.records.trip import Rating
from assessments.rules.errors import NotAllowed, StaleSave
from assessments.rules.permissions import Access
from assessments.service import Service
from tests.unit.service_helpers import refused

STATEMENT = "com-c01-1"
USERS, STAFF, CARERS = "people-using-services", "clinical-staff", "carers-family"
TRIP_WORDS = ["Not yet", "Started", "Partly", "Mostly", "Fully", "Not sure"]


def token(n: int) -> str:
    return f"phone-token-{n:08d}"


@pytest.fixture
def trip_round(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht", "East")
    return service.trip.create_trip_round(
        actor, team.id, held_on=date(2026, 9, 14), facilitator="Sam Okafor"
    )


@pytest.fixture
def vote(service, actor, trip_round):
    return service.votes.open_vote(actor, trip_round.id, STATEMENT)


def as_role(service, role: Role, org_id: int) -> Service:
    account = Account(
        id=90, username=role.value, display_name=f"{role.value} person", role=role,
        scopes=(Scope(org_id),), disabled_at=None, version=1, created_at=datetime.now(UTC),
    )  # fmt: skip
    return Service(service.engine, service.definitions, service.today, access=Access(account))


def cast_many(service, code, group, answers, start=0):
    for n, answer in enumerate(answers, start=start):
        service.votes.cast(code, token(n), group, answer)


def test_a_statement_vote_shows_the_phone_its_words_and_the_trip_answers(
    service, actor, trip_round, vote, bset
):
    assert (vote.subject, vote.statement_id, vote.challenge_id) == ("statement", STATEMENT, None)
    assert service.votes.open_vote(actor, trip_round.id, STATEMENT).code == vote.code
    state = service.votes.state(vote.code)
    words = bset.statement(STATEMENT).text
    assert state.subject == "statement" and state.title == f"Statement 1: {words}"
    assert state.ask == "How far has the team got with this statement?"
    assert [c.word for c in state.choices] == TRIP_WORDS
    assert state.choices[1].hint.startswith("We have taken first steps")
    assert [e.action for e in service.history("vote", vote.id)] == ["open"]


def test_phones_answer_on_the_trip_scale_and_change_their_minds(service, vote):
    first = service.votes.cast(vote.code, token(1), USERS, "not-yet")
    second = service.votes.cast(vote.code, token(1), USERS, "started")
    assert (first.answer_label, second.answer_label, second.changed) == ("Not yet", "Started", True)
    message = refused(lambda: service.votes.cast(vote.code, token(2), USERS, "stage-2"), "answer")
    assert message == "Choose Not yet, Started, Partly, Mostly or Fully, or Not sure."
    refused(lambda: service.votes.cast(vote.code, token(2), USERS, "not-applicable"), "answer")
    refused(lambda: service.votes.cast(vote.code, token(2), USERS, "started", 3), "priority")
    tally = service.votes.tallies(vote.id)
    assert tally.voters == 1 and [c.word for c in tally.choices] == TRIP_WORDS


def test_tallies_show_a_group_of_fewer_than_five_only_as_that(service, vote):
    cast_many(service, vote.code, STAFF, ["not-yet", "started", "started", "mostly", "not-sure"])
    cast_many(service, vote.code, CARERS, ["fully", "fully"], start=10)
    groups = {g.group: g for g in service.votes.tallies(vote.id).groups}
    staff, carers = groups[STAFF], groups[CARERS]
    assert (staff.voters, staff.counts["started"], staff.counts["not-sure"]) == (5, 2, 1)
    assert carers.suppressed and carers.shown == "fewer than 5"
    assert set(carers.counts.values()) == {0}


def test_closing_gives_a_line_for_the_record_and_never_rates_the_statement(
    service, actor, trip_round, vote
):
    said = Rating("partly", proud="Hopes asked at first contact", next_step="Ask at reviews")
    before = service.trip.trip_ratings(trip_round.id)[STATEMENT]
    rated = service.trip.save_rating(actor, trip_round.id, STATEMENT, before.version, said)
    cast_many(service, vote.code, STAFF, ["not-yet", "started", "started", "started", "mostly"])
    cast_many(service, vote.code, USERS, ["not-yet"] * 4 + ["started"] * 2, start=10)
    cast_many(service, vote.code, CARERS, ["fully", "fully"], start=20)

    closed = service.votes.close_vote(actor, vote.id, vote.version)

    assert (closed.status, closed.closed_by) == ("closed", actor.name)
    assert service.trip.trip_ratings(trip_round.id)[STATEMENT] == rated  # not a word or a version
    line = (
        f"Phone vote (code {vote.code}, vote 1): People using services (6): Not yet 4, "
        "Started 2; Clinical and practitioner staff (5): Not yet 1, Started 3, Mostly 1; "
        "groups of fewer than 5 voters not shown"
    )
    assert service.votes.closed_lines(vote.id) == [line]
    entry = service.history("vote", vote.id)[0]
    assert (entry.action, entry.actor_name, entry.after["line"]) == ("close", actor.name, line)
    assert entry.after["tallies"][CARERS] == "fewer than 5"  # never the carers' two "Fully"
    counted = [t for t in entry.after["tallies"].values() if isinstance(t, dict)]
    assert sum(sum(t.values()) for t in counted) == 11 and {t["fully"] for t in counted} == {0}
    message = refused(lambda: service.votes.cast(vote.code, token(1), STAFF, "fully"), "code")
    assert "closed" in message


def test_a_stale_close_is_refused_and_changes_nothing(service, actor, vote):
    service.votes.reveal(actor, vote.id, vote.version)
    with pytest.raises(StaleSave):
        service.votes.close_vote(actor, vote.id, vote.version)
    assert service.votes.question(vote.id).open
    assert service.votes.closed_lines(vote.id) == []


def test_the_team_opens_a_vote_and_a_reader_cannot(service, actor, org, trip_round, vote):
    member = as_role(service, Role.TEAM_MEMBER, org.id)
    other = member.votes.open_vote(
        member.ledger.gate.access.account.actor, trip_round.id, "com-c01-2"
    )
    assert other.statement_id == "com-c01-2"
    reader = as_role(service, Role.VIEWER, org.id)
    actor = reader.ledger.gate.access.account.actor
    assert reader.votes.question(vote.id).code == vote.code  # a reader reads it
    for reach in (
        lambda: reader.votes.open_vote(actor, trip_round.id, "com-c01-3"),
        lambda: reader.votes.reveal(actor, vote.id, vote.version),
        lambda: reader.votes.close_vote(actor, vote.id, vote.version),
    ):
        with pytest.raises(NotAllowed):
            reach()
    assert service.votes.question(vote.id).open


def test_re_opening_holds_a_second_vote_apart_with_its_own_line(service, actor, vote):
    cast_many(service, vote.code, STAFF, ["not-yet"] * 5)
    service.votes.close_vote(actor, vote.id, vote.version)
    again = service.votes.reopen_vote(actor, vote.id, service.votes.question(vote.id).version)
    assert (again.ballot, again.code, again.revealed, again.open) == (2, vote.code, False, True)
    assert service.votes.tallies(vote.id).voters == 0
    assert len(service.votes.closed_lines(vote.id)) == 1  # the second is not closed yet
    shown = service.votes.reveal(actor, vote.id, again.version)
    assert shown.revealed and service.votes.state(vote.code).revealed
    cast_many(service, vote.code, STAFF, ["partly"] * 5)  # the same phones, changed minds
    service.votes.close_vote(actor, vote.id, shown.version)
    first, second = service.votes.closed_lines(vote.id)
    assert first.endswith("vote 1): Clinical and practitioner staff (5): Not yet 5")
    assert second.endswith("vote 2): Clinical and practitioner staff (5): Partly 5")


def test_a_vote_is_on_a_subject_of_the_rounds_own_kind(service, actor, round_, trip_round):
    refused(lambda: service.votes.open_vote(actor, trip_round.id, "com-c99-1"), "statement")
    refused(lambda: service.votes.open_vote(actor, trip_round.id, "c04-leadership"), "statement")
    refused(lambda: service.votes.open_vote(actor, round_.id, STATEMENT), "challenge")


def test_a_closed_vote_with_only_small_groups_says_so_and_no_counts(service, actor, vote):
    cast_many(service, vote.code, CARERS, ["fully", "fully", "not-yet"])
    service.votes.close_vote(actor, vote.id, vote.version)
    assert service.votes.closed_lines(vote.id) == [
        f"Phone vote (code {vote.code}, vote 1): no group had enough voters to show; "
        "groups of fewer than 5 voters not shown"
    ]
    empty = service.votes.open_vote(actor, vote.round_id, "com-c01-2")
    service.votes.close_vote(actor, empty.id, empty.version)
    assert service.votes.closed_lines(empty.id) == [
        f"Phone vote (code {empty.code}, vote 1): no votes"
    ]


def test_a_statement_vote_is_named_as_one_in_the_record(service, vote):
    found = service.votes.questions(vote.round_id)
    assert [(q.subject, q.subject_id) for q in found] == [("statement", STATEMENT)]
    assert replace(vote, statement_id=None, challenge_id="c01").subject == "challenge"
