"""The service layer for providers and teams: what a person is told when they save, and what is
kept; and a list of teams imported from CSV."""

from __future__ import annotations

import pytest

from assessments.records import Actor
from assessments.rules.errors import ImportRefused, ServiceError, StaleSave
from tests.unit.service_helpers import OTHER, refused

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
        'Quay CMHT,cmht,"North\nSide"\n'
        "Dock CMHT,cmht," + "x" * 10_000 + "\n"
    )

    with pytest.raises(ImportRefused) as caught:
        service.providers.import_teams(actor, org.id, data)

    assert [str(p) for p in caught.value.problems] == [
        "line 3, name: 'riverside cmht' is already a team of this provider",
        "line 4, name: The team's name is empty: give it a name.",
        "line 5, team_type: 'ward' is not a team type (expected one of cmht, "
        "early-intervention, assertive-outreach, crisis-home-treatment, community-rehab, "
        "inpatient-rehab, acute-ward, forensic-secure, recovery-college, vcfse-service, "
        "corporate, other)",
        "line 6, name: 'Harbour EIP' is also on line 2",
        "line 7, locality: The locality holds a line break at character 6; it is one line of text.",
        "line 8, locality: The locality is 10000 characters long; at most 200.",
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


@pytest.mark.parametrize(
    ("name", "locality", "said"),
    [
        ("Mill\x00 CMHT", "", "The team's name holds a control character (0x00) at character 5"),
        ("Mill CMHT", "North\x1b[31m", "The locality holds a control character (0x1b)"),
        ("Mill\nCMHT", "", "The team's name holds a line break at character 5"),
    ],
)
def test_a_control_character_or_line_break_in_a_name_is_refused_on_both_databases(
    service, actor, org, name, locality, said
):
    with pytest.raises(ServiceError) as refused:
        service.providers.create_team(actor, org.id, name, "cmht", locality)
    assert refused.value.message.startswith(said)
    assert service.providers.teams(org.id) == []
