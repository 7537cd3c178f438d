"""The service layer for Template A rounds: what a person is told when they save a round or a
challenge, and what is kept; a paper Template A entered in one go."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from assessments.records import Actor, Answer, GroupView
from assessments.rules.errors import StaleSave
from tests.unit.service_helpers import OTHER, refused


@pytest.fixture
def round_(service, actor, org):
    return service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(2026, 11, 2),
        facilitator="Sam Okafor",
        participants={"people-using-services": 6, "clinical-staff": 8},
    )


# --- rounds --------------------------------------------------------------------------------


def test_a_round_starts_with_an_empty_record_for_each_of_the_ten_challenges(service, round_):
    records = service.workshop.challenge_records(round_.id)

    assert len(records) == 10
    assert next(iter(records)) == "c01-interactions"
    assert not any(r.answer.decided for r in records.values())
    assert round_.participants == {"people-using-services": 6, "clinical-staff": 8}
    assert round_.people == 14


def test_round_input_is_checked_field_by_field(service, actor, org):
    def create(**changes):
        fields = {
            "framework": "imroc-challenges@2010",
            "held_on": date(2026, 11, 2),
            "facilitator": "Sam Okafor",
        } | changes
        return lambda: service.workshop.create_round(actor, org.id, **fields)

    assert "cannot be dated in the future" in refused(
        create(held_on=date(2027, 1, 15), status="agreed"), "held_on"
    )
    assert "not a loaded framework" in refused(create(framework="imroc@1999"), "framework")
    assert "must be 0 or more" in refused(
        create(participants={"carers-family": -2}), "participants.carers-family"
    )
    assert "is empty" in refused(create(facilitator=""), "facilitator")
    planned = create(held_on=date(2027, 1, 15))()  # a draft may be planned ahead
    assert planned.status == "draft"


def test_a_team_round_is_scoped_to_a_current_team_of_the_provider(service, actor, org):
    other = service.providers.create_organisation(actor, "Southdale Demo Partnership")
    stranger = service.providers.create_team(actor, other.id, "Beacon Ward", "acute-ward")

    assert "not a current team of this provider" in refused(
        lambda: service.workshop.create_round(
            actor,
            org.id,
            team_id=stranger.id,
            framework="imroc-challenges@2018",
            held_on=date(2026, 11, 2),
            facilitator="Sam",
        ),
        "team",
    )


# --- saving a challenge --------------------------------------------------------------------

VIEWS = (
    GroupView("people-using-services", stage_1=4, stage_2=2, note="Few are asked about goals"),
    GroupView("clinical-staff", stage_2=6, stage_3=1, not_sure=1),
)


def test_a_challenge_saves_views_agreement_priority_comments_and_evidence(service, actor, round_):
    record = service.workshop.challenge_record(round_.id, "c05-personalisation")
    answer = Answer(
        views=VIEWS, agreed_stage=1, priority=2, comments=" Budgets are rare ", evidence="Audit"
    )

    saved = service.workshop.save_challenge(
        actor, round_.id, "c05-personalisation", answer, record.version
    )

    assert saved.version == record.version + 1
    assert saved.answer.views == VIEWS
    assert (saved.answer.agreed_stage, saved.answer.priority) == (1, 2)
    assert saved.answer.comments == "Budgets are rare"
    assert saved.answer.decided
    entry = service.history("challenge")[0]
    assert entry.after["agreed_stage"] == 1 and entry.before["agreed_stage"] is None


def test_saving_what_is_stored_writes_nothing(service, actor, round_):
    record = service.workshop.challenge_record(round_.id, "c01-interactions")

    again = service.workshop.save_challenge(
        actor, round_.id, "c01-interactions", Answer(), record.version
    )

    assert again.version == record.version
    assert service.history("challenge") == []


def test_a_room_that_does_not_agree_records_the_dissent_in_words(service, actor, round_):
    record = service.workshop.challenge_record(round_.id, "c06-risk")

    assert "say in words where views differ" in refused(
        lambda: service.workshop.save_challenge(
            actor, round_.id, "c06-risk", Answer(not_agreed=True), record.version
        ),
        "dissent",
    )
    saved = service.workshop.save_challenge(
        actor,
        round_.id,
        "c06-risk",
        Answer(not_agreed=True, dissent="Staff say 2; people using services say 1"),
        record.version,
    )
    assert saved.answer.not_agreed and saved.answer.agreed_stage is None


def test_a_priority_rank_is_used_once_per_round(service, actor, round_):
    first = service.workshop.challenge_record(round_.id, "c03-education-centre")
    service.workshop.save_challenge(
        actor, round_.id, "c03-education-centre", Answer(priority=1), first.version
    )
    second = service.workshop.challenge_record(round_.id, "c04-leadership")

    message = refused(
        lambda: service.workshop.save_challenge(
            actor, round_.id, "c04-leadership", Answer(priority=1), second.version
        ),
        "priority",
    )

    assert (
        "Priority 1 is already given to challenge 3 (Establishing a Recovery Education Unit)"
        in message
    )
    assert service.workshop.challenge_record(round_.id, "c04-leadership").answer.priority is None


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        (Answer(views=(GroupView("carers-family", stage_2=-1),)), "views.carers-family"),
        (Answer(priority=11), "priority"),
        (Answer(agreed_stage=4), "agreed_stage"),
        (Answer(agreed_stage=2, not_agreed=True, dissent="x"), "agreed_stage"),
        (Answer(views=(GroupView("everyone", stage_1=1),)), "views"),
    ],
)
def test_bad_answers_are_refused_naming_the_field(service, actor, round_, answer, field):
    record = service.workshop.challenge_record(round_.id, "c02-education")

    refused(
        lambda: service.workshop.save_challenge(
            actor, round_.id, "c02-education", answer, record.version
        ),
        field,
    )

    assert service.workshop.challenge_record(round_.id, "c02-education").version == record.version


def test_a_stale_save_is_refused_with_both_values(service, actor, round_):
    opened = service.workshop.challenge_record(round_.id, "c08-workforce")
    service.workshop.save_challenge(
        OTHER, round_.id, "c08-workforce", Answer(agreed_stage=2), opened.version
    )

    with pytest.raises(StaleSave) as caught:
        service.workshop.save_challenge(
            actor,
            round_.id,
            "c08-workforce",
            Answer(agreed_stage=3, comments="Peer posts in every team"),
            opened.version,
        )

    assert "Jo Reyes (Peer worker) saved challenge 8" in caught.value.message
    assert [(d.field, d.yours, d.stored) for d in caught.value.differences] == [
        ("Agreed stage", "Stage 3", "Stage 2"),
        ("Comments", "Peer posts in every team", "(empty)"),
    ]
    assert service.workshop.challenge_record(round_.id, "c08-workforce").answer.agreed_stage == 2


def test_a_stale_save_that_says_the_same_as_the_stored_one_is_accepted(service, actor, round_):
    opened = service.workshop.challenge_record(round_.id, "c08-workforce")
    service.workshop.save_challenge(
        OTHER, round_.id, "c08-workforce", Answer(agreed_stage=2), opened.version
    )

    same = service.workshop.save_challenge(
        actor, round_.id, "c08-workforce", Answer(agreed_stage=2), opened.version
    )

    assert same.answer.agreed_stage == 2


def test_of_many_simultaneous_saves_of_one_rating_exactly_one_wins(service, round_):
    opened = service.workshop.challenge_record(round_.id, "c09-staff-support")
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def save(n: int) -> None:
        start.wait()
        try:
            service.workshop.save_challenge(
                Actor(f"Tab {n}", "Facilitator"),
                round_.id,
                "c09-staff-support",
                Answer(agreed_stage=1 + n % 3, comments=f"from tab {n}"),
                opened.version,
            )
            outcomes.append("saved")
        except StaleSave:
            outcomes.append("told")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["saved"] + ["told"] * 5
    final = service.workshop.challenge_record(round_.id, "c09-staff-support")
    assert final.version == opened.version + 1
    assert len(service.history("challenge")) == 1


def test_a_finished_paper_template_a_is_entered_in_one_go(service, actor, org):
    answers = {
        "c01-interactions": Answer(views=VIEWS, agreed_stage=2, priority=3, comments="Good"),
        "c06-risk": Answer(not_agreed=True, dissent="Carers see stage 1, staff stage 2"),
    }

    entered = service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(2026, 6, 1),
        facilitator="Sam Okafor",
        status="agreed",
        answers=answers,
        completers={"recovery_lead": "Recovery lead"},
    )

    records = service.workshop.challenge_records(entered.id)
    assert records["c01-interactions"].answer == answers["c01-interactions"]
    assert records["c06-risk"].answer.not_agreed
    assert not records["c02-education"].answer.decided


def test_a_paper_template_a_with_a_rank_used_twice_is_refused_whole(service, actor, org):
    answers = {"c01-interactions": Answer(priority=1), "c02-education": Answer(priority=1)}

    message = refused(
        lambda: service.workshop.create_round(
            actor,
            org.id,
            framework="imroc-challenges@2010",
            held_on=date(2026, 6, 1),
            facilitator="Sam Okafor",
            answers=answers,
        ),
        "priority",
    )

    assert "Priority 1 is given to challenges 1 and 2" in message
    assert service.rounds.rounds(org.id) == []


def test_many_rounds_are_named_and_counted_in_a_few_queries(service, actor, org, round_):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht")
    team_round = service.workshop.create_round(
        actor, org.id, team_id=team.id, framework="imroc-challenges@2010",
        held_on=date(2026, 10, 1), facilitator="Sam", answers={
            "c01-interactions": Answer(agreed_stage=1),
            "c02-education": Answer(not_agreed=True, dissent="Views differ"),
        },
    )  # fmt: skip

    names = service.rounds.scope_names([round_, team_round])

    assert names == {
        round_.id: "Northfield Demo Trust",
        team_round.id: "Riverside CMHT, Northfield Demo Trust",
    }
    assert service.workshop.decided_counts([round_.id, team_round.id]) == {
        round_.id: 0,
        team_round.id: 2,
    }
