"""The service layer: what a person is told when they save, and what is kept."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from assessments.records import Actor, Answer, GroupView
from assessments.service.errors import ImportRefused, ServiceError, StaleSave

OTHER = Actor("Jo Reyes", "Peer worker")


@pytest.fixture
def org(service, actor):
    return service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")


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


def refused(call, field: str) -> str:
    with pytest.raises(ServiceError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value.message


# --- providers and teams -------------------------------------------------------------------


def test_a_provider_needs_a_name_and_a_unique_one(service, actor, org):
    assert "empty" in refused(lambda: service.providers.create_organisation(actor, "   "), "name")
    message = refused(
        lambda: service.providers.create_organisation(actor, "northfield demo trust"), "name"
    )
    assert "already a provider called 'Northfield Demo Trust'" in message
    assert [o.name for o in service.providers.organisations()] == ["Northfield Demo Trust"]


def test_every_write_needs_the_actor(service):
    assert "Your name is empty" in refused(
        lambda: service.providers.create_organisation(Actor(" ", "Lead"), "Trust"), "actor"
    )


def test_a_team_takes_a_type_from_the_taxonomy_and_a_name_unique_in_its_provider(
    service, actor, org
):
    team = service.providers.create_team(actor, org.id, " Riverside CMHT ", "cmht", "East")
    assert (team.name, team.team_type, team.locality) == ("Riverside CMHT", "cmht", "East")

    assert "'ward' is not a team type" in refused(
        lambda: service.providers.create_team(actor, org.id, "Elm Ward", "ward"), "team_type"
    )
    assert "already has a team called 'Riverside CMHT'" in refused(
        lambda: service.providers.create_team(actor, org.id, "RIVERSIDE cmht", "cmht"), "name"
    )
    other = service.providers.create_organisation(actor, "Southdale Demo Partnership")
    assert (
        service.providers.create_team(actor, other.id, "Riverside CMHT", "cmht").organisation_id
        == other.id
    )


def test_renaming_records_who_and_what_before_and_after(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht", "East")

    renamed = service.providers.update_team(
        OTHER,
        team.id,
        team.version,
        name="Riverside Community Team",
        team_type="cmht",
        locality="East",
    )

    assert renamed.version == team.version + 1
    last = service.history("team", team.id)[0]
    assert (last.actor_name, last.actor_role, last.action) == ("Jo Reyes", "Peer worker", "update")
    assert last.before["name"] == "Riverside CMHT"
    assert last.after["name"] == "Riverside Community Team"


def test_a_stale_rename_changes_nothing_and_shows_both_values(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht")
    service.providers.update_team(
        OTHER, team.id, team.version, name="Riverside North", team_type="cmht", locality=""
    )

    with pytest.raises(StaleSave) as caught:
        service.providers.update_team(
            actor, team.id, team.version, name="Riverside South", team_type="cmht", locality=""
        )

    assert "Jo Reyes (Peer worker) saved this team" in caught.value.message
    assert [(d.field, d.yours, d.stored) for d in caught.value.differences] == [
        ("Name", "Riverside South", "Riverside North")
    ]
    assert service.providers.team(team.id).name == "Riverside North"


def test_the_last_change_moves_with_every_write_and_only_then(service, actor):
    assert service.last_change() == (0, None)
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    first = service.last_change()
    assert first[0] > 0 and first[1] is not None
    service.providers.teams(org.id)  # a read writes nothing
    assert service.last_change() == first
    service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht")
    assert service.last_change()[0] > first[0]


def test_archiving_hides_a_team_but_keeps_it_and_its_history(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht")

    archived = service.providers.set_team_archived(actor, team.id, team.version, True)

    assert service.providers.teams(org.id) == []
    assert [t.name for t in service.providers.teams(org.id, include_archived=True)] == [
        "Riverside CMHT"
    ]
    assert "(archived: restore it instead)" in refused(
        lambda: service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht"), "name"
    )
    service.providers.set_team_archived(actor, team.id, archived.version, False)
    assert [t.name for t in service.providers.teams(org.id)] == ["Riverside CMHT"]
    assert [e.action for e in service.history("team", team.id)] == ["restore", "archive", "create"]


# --- importing teams -----------------------------------------------------------------------


def test_importing_a_csv_creates_every_team(service, actor, org):
    data = (
        "\ufeffName,Team type,Locality\r\n"
        "Riverside CMHT,cmht,East\r\n"
        "Harbour EIP,Early intervention in psychosis,West\r\n"
        ",,\r\n"
    ).encode()

    created = service.providers.import_teams(actor, org.id, data)

    assert [(t.name, t.team_type, t.locality) for t in created] == [
        ("Riverside CMHT", "cmht", "East"),
        ("Harbour EIP", "early-intervention", "West"),
    ]


def test_a_csv_with_bad_rows_imports_nothing_and_lists_every_bad_row(service, actor, org):
    service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht")
    data = (
        "name,team_type,locality\n"
        "Harbour EIP,early-intervention,West\n"
        "riverside cmht,cmht,East\n"
        ",cmht,East\n"
        "Elm Ward,ward,North\n"
        "Harbour EIP,cmht,West\n"
    )

    with pytest.raises(ImportRefused) as caught:
        service.providers.import_teams(actor, org.id, data)

    assert [str(p) for p in caught.value.problems] == [
        "line 3, name: 'riverside cmht' is already a team of this provider",
        "line 4, name: is empty (expected the team's name)",
        "line 5, team_type: 'ward' is not a team type (expected one of cmht, "
        "early-intervention, assertive-outreach, crisis-home-treatment, community-rehab, "
        "inpatient-rehab, acute-ward, forensic-secure, recovery-college, vcfse-service, "
        "corporate, other)",
        "line 6, name: 'Harbour EIP' is also on line 2",
    ]
    assert [t.name for t in service.providers.teams(org.id)] == ["Riverside CMHT"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("", "line 1, (file): is empty (expected a header row: name, team_type, locality)"),
        ("team,locality\nA,B\n", "line 1, team: unknown column"),
        ("name,locality\nA,B\n", "line 1, team_type: missing column"),
        ("name,team_type\n", "line 2, (file): has a header but no teams"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "line 1, (file): is not a text file"),
    ],
)
def test_a_csv_that_is_not_a_team_list_says_why(service, actor, org, data, expected):
    with pytest.raises(ImportRefused) as caught:
        service.providers.import_teams(actor, org.id, data)

    assert str(caught.value.problems[0]).startswith(expected)


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
