"""What a round speaks for, and who completed it: Template A for a provider is agreed with its
recovery lead named; a team's own Template A is its own view; a TRIP round has no completers."""

from __future__ import annotations

from datetime import date

from assessments.records import RoundLevel
from assessments.rules.errors import StaleSave
from tests.unit.service_helpers import refused

HELD = date(2026, 11, 2)
NAMED = {
    "recovery_lead": "Director of nursing and recovery",
    "commissioner_lead": "Mental health commissioning manager",
    "co_facilitator": "Peer trainer (lived experience)",
}


def start(service, actor, org, **fields):
    return service.workshop.create_round(
        actor, org.id, framework="imroc-challenges@2010", held_on=HELD,
        facilitator="Sam Okafor", **fields,
    )  # fmt: skip


def test_a_provider_round_is_agreed_only_with_its_recovery_lead_named(service, actor, org):
    message = refused(lambda: start(service, actor, org, status="agreed"), "recovery_lead")
    assert "recovery lead" in message
    assert service.rounds.rounds(org.id) == []

    made = start(service, actor, org, status="agreed", completers=NAMED)

    assert made.level == RoundLevel.PROVIDER and not made.own_view
    stored = service.rounds.round(made.id)
    assert {role: getattr(stored, role) for role in NAMED} == NAMED


def test_a_teams_template_a_is_its_own_view_and_needs_no_recovery_lead(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Alpha CMHT", "cmht", "North")

    made = start(service, actor, org, status="agreed", team_id=team.id)

    assert made.level == RoundLevel.OWN_VIEW and made.own_view


def test_a_trip_round_is_a_teams_and_has_no_template_a_completers(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Alpha CMHT", "cmht", "North")
    trip = service.trip.create_trip_round(actor, team.id, held_on=HELD, facilitator="Sam Okafor")

    assert trip.level == RoundLevel.TEAM
    assert (trip.recovery_lead, trip.commissioner_lead, trip.co_facilitator) == ("", "", "")


def test_completers_are_kept_when_details_change_and_a_stale_save_names_them(service, actor, org):
    made = start(service, actor, org, completers={"recovery_lead": "Recovery lead"})
    details = {"held_on": HELD, "facilitator": "Sam Okafor", "participants": {}}

    # Saved without completers: they stay as they were.
    agreed = service.rounds.update_round(actor, made.id, made.version, status="agreed", **details)
    assert agreed.recovery_lead == "Recovery lead"
    # Cleared on an agreed provider round: refused, nothing changed.
    refused(
        lambda: service.rounds.update_round(
            actor, made.id, agreed.version, status="agreed", completers={"recovery_lead": " "},
            **details,
        ),
        "recovery_lead",
    )  # fmt: skip
    assert service.rounds.round(made.id) == agreed
    named = service.rounds.update_round(
        actor, made.id, agreed.version, status="agreed", completers=NAMED, **details
    )
    assert named.commissioner_lead == NAMED["commissioner_lead"]

    try:
        service.rounds.update_round(
            actor, made.id, agreed.version, status="agreed",
            completers={"commissioner_lead": "Someone else"}, **details,
        )  # fmt: skip
    except StaleSave as stale:
        assert "Commissioner lead" in {d.field for d in stale.differences}
    else:
        raise AssertionError("a save on an old version was taken")


def test_an_unknown_completer_role_is_refused_by_name(service, actor, org):
    message = refused(lambda: start(service, actor, org, completers={"chair": "X"}), "chair")
    assert "'chair' is not a completer's role" in message
