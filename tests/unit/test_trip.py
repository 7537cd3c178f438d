"""TRIP through the service: a team's round on the benchmark set of its type, the conversation
statement by statement, the assets register, and co-led priorities on Template B's mechanism."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor
from assessments.records.plans import Action, Lead, PlanContent
from assessments.records.trip import Rating
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.smart import agreement_gaps

OTHER = Actor("Jo Reyes", "Peer worker")
HELD = date(2026, 9, 14)


def refused(call, field: str) -> str:
    with pytest.raises(ServiceError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value.message


@pytest.fixture
def org(service, actor):
    return service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")


@pytest.fixture
def team(service, actor, org):
    return service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht", "East")


@pytest.fixture
def trip_round(service, actor, team):
    return service.trip.create_trip_round(
        actor,
        team.id,
        held_on=HELD,
        facilitator="Sam Okafor",
        participants={"clinical-staff": 6, "people-using-services": 4},
    )


def agreed_content(asset_ids=(), **changes) -> PlanContent:
    content = PlanContent(
        title="A welcoming information corner in the waiting room",
        description="Leaflets are out of date and nobody points people to them.",
        timescale="quick-win",
        staff_lead=Lead(name="Priya Shah", role="Team administrator"),
        person_lead_initials="J.K.",
        actions=(
            Action(
                key="", what="Collect leaflets on local groups", who="J.K.",
                by_when=date(2026, 10, 30),
            ),
        ),
        assets=tuple(asset_ids),
        next_review_on=date(2026, 12, 1),
    )  # fmt: skip
    return content.model_copy(update=changes)


def test_a_trip_round_uses_the_benchmark_set_of_the_teams_type(service, actor, org, trip_round):
    ward = service.providers.create_team(actor, org.id, "Willow Ward", "acute-ward", "North")
    ward_round = service.trip.create_trip_round(
        actor, ward.id, held_on=HELD, facilitator="Sam Okafor"
    )

    assert trip_round.framework == "trip-community@1"
    assert ward_round.framework == "trip-inpatient@1"
    ratings = service.trip.trip_ratings(trip_round.id)
    statements = service.definitions.benchmark_set("trip-community@1").statements
    assert list(ratings) == [s.id for s in statements]
    assert not any(r.rating.talked_through for r in ratings.values())
    # TRIP rounds stay out of the Template A lists, and the other way round.
    assert service.rounds.rounds(org.id) == []
    assert [r.id for r in service.trip.trip_rounds(ward.id)] == [ward_round.id]
    assert trip_round.participants == {"clinical-staff": 6, "people-using-services": 4}


def test_a_past_round_keeps_the_set_it_used_and_an_unknown_set_is_refused(service, actor, org):
    ward = service.providers.create_team(actor, org.id, "Willow Ward", "acute-ward", "North")
    earlier = service.trip.create_trip_round(
        actor, ward.id, held_on=HELD, facilitator="Sam", benchmark_set="trip-community@1"
    )
    assert earlier.framework == "trip-community@1"
    assert len(service.trip.trip_ratings(earlier.id)) == len(
        service.definitions.benchmark_set("trip-community@1").statements
    )
    message = refused(
        lambda: service.trip.create_trip_round(
            actor, ward.id, held_on=HELD, facilitator="Sam", benchmark_set="trip-ward@9"
        ),
        "benchmark_set",
    )
    assert message == "'trip-ward@9' is not a loaded benchmark set."


def test_an_archived_team_cannot_start_a_trip(service, actor, team):
    service.providers.set_team_archived(actor, team.id, team.version, True)
    message = refused(
        lambda: service.trip.create_trip_round(actor, team.id, held_on=HELD, facilitator="Sam"),
        "team",
    )
    assert "not a current team" in message


def test_the_room_rates_a_statement_and_a_stale_save_is_refused_with_both_versions(
    service, actor, trip_round
):
    first = service.trip.trip_ratings(trip_round.id)["com-c01-1"]
    said = Rating(
        "partly", proud="We start with hopes at first contact", next_step="Ask at reviews too"
    )
    saved = service.trip.save_rating(actor, trip_round.id, "com-c01-1", first.version, said)
    assert saved.rating == said and saved.version == first.version + 1
    # The same words again write nothing, even from an old version.
    assert service.trip.save_rating(OTHER, trip_round.id, "com-c01-1", first.version, said) == saved

    with pytest.raises(StaleSave) as caught:
        service.trip.save_rating(OTHER, trip_round.id, "com-c01-1", first.version, Rating("mostly"))
    shown = {d.field: (d.yours, d.stored) for d in caught.value.differences}
    assert shown["How far we have got"] == ("Mostly", "Partly")
    assert "Sam Okafor" in caught.value.message
    assert service.trip.trip_ratings(trip_round.id)["com-c01-1"].rating == said


def test_a_rating_outside_the_scale_or_an_unknown_statement_is_refused(service, actor, trip_round):
    version = service.trip.trip_ratings(trip_round.id)["com-c01-1"].version
    message = refused(
        lambda: service.trip.save_rating(actor, trip_round.id, "com-c01-1", version, Rating("7")),
        "value",
    )
    assert "Not yet, Started, Partly, Mostly, Fully, Not applicable, Don't know" in message
    refused(
        lambda: service.trip.save_rating(
            actor, trip_round.id, "inp-c01-1", version, Rating("fully")
        ),
        "statement",
    )


def test_assets_are_held_by_role_or_initials_searchable_and_archivable(service, actor, team):
    band = service.trip.add_asset(
        actor, team.id, kind="hidden-talent", holder="staff",
        held_by="Support worker", what="Plays guitar and could start a music group",
    )  # fmt: skip
    service.trip.add_asset(
        actor, team.id, kind="community-contact", holder="people-using-the-service",
        held_by="R.T.", what="Volunteers at the allotment society",
    )  # fmt: skip

    assert [a.what for a in service.trip.assets(team.id, search="GUITAR")] == [band.what]
    assert len(service.trip.assets(team.id, search="community contacts")) == 1  # the kind's name
    assert len(service.trip.assets(team.id)) == 2
    message = refused(
        lambda: service.trip.add_asset(
            actor, team.id, kind="money", holder="staff", held_by="Manager", what="A budget"
        ),
        "kind",
    )
    assert "Lived experience, Hidden talents, Community contacts and networks" in message
    refused(
        lambda: service.trip.add_asset(
            actor, team.id, kind="hidden-talent", holder="staff", held_by="", what="Welsh"
        ),
        "held_by",
    )

    archived = service.trip.set_asset_archived(actor, band.id, band.version, True)
    assert archived.archived and len(service.trip.assets(team.id)) == 1
    with pytest.raises(StaleSave):
        service.trip.update_asset(
            OTHER, band.id, band.version, kind="hidden-talent", holder="staff",
            held_by="Support worker", what="Plays the drums",
        )  # fmt: skip


def test_an_asset_held_by_a_name_is_refused_and_a_role_is_not(service, actor, team):
    message = refused(
        lambda: service.trip.add_asset(
            actor, team.id, kind="hidden-talent", holder="people-using-the-service",
            held_by="Jane Smith", what="Paints murals",
        ),
        "held_by",
    )  # fmt: skip
    assert message.startswith("'Jane Smith' reads as a person's name. Say who holds it by a role")
    assert service.trip.assets(team.id) == []
    kept = service.trip.add_asset(
        actor, team.id, kind="hidden-talent", holder="people-using-the-service",
        held_by="Ward clerk", what="Paints murals",
    )  # fmt: skip
    assert kept.held_by == "Ward clerk"


def test_three_to_five_priorities_each_from_one_statement(service, actor, team, trip_round):
    statements = list(service.trip.trip_ratings(trip_round.id))
    made = [service.trip.create_trip_priority(actor, trip_round.id, sid) for sid in statements[:5]]

    assert all(p.trip and p.open for p in made)
    assert len(service.trip.trip_priorities(team.id)) == 5
    message = refused(
        lambda: service.trip.create_trip_priority(actor, trip_round.id, statements[5]), "statement"
    )
    assert "already 5 open priorities" in message
    # A team's TRIP priorities do not count against its Template B places, nor show there.
    assert service.plans.plans(team.organisation_id, team.id) == []

    first = made[0]
    service.plans.set_plan_status(actor, first.id, first.version, "closed", "Merged with another")
    again = refused(
        lambda: service.trip.create_trip_priority(actor, trip_round.id, statements[1]), "statement"
    )
    assert "Statement 2 already has an open priority" in again
    service.trip.create_trip_priority(actor, trip_round.id, statements[5])


def test_a_priority_starts_from_what_the_room_could_do_next(service, actor, trip_round):
    version = service.trip.trip_ratings(trip_round.id)["com-c01-5"].version
    idea = "Rewrite the first appointment letter with people who use the service"
    service.trip.save_rating(
        actor, trip_round.id, "com-c01-5", version, Rating("started", next_step=idea)
    )

    plan = service.trip.create_trip_priority(actor, trip_round.id, "com-c01-5")

    assert plan.latest.content.description == idea
    assert plan.challenge_id == "com-c01-5"


def test_both_co_leads_agree_a_priority_and_it_is_then_frozen(service, actor, team, trip_round):
    asset = service.trip.add_asset(
        actor, team.id, kind="lived-experience", holder="people-using-the-service",
        held_by="J.K.", what="Knows what the waiting room feels like on a bad day",
    )  # fmt: skip
    plan = service.trip.create_trip_priority(actor, trip_round.id, "com-c01-5")
    assert "No co-lead who uses the service (their initials)." in agreement_gaps(
        plan.latest.content
    )
    plan = service.versions.save_plan(actor, plan.id, plan.version, agreed_content([asset.id]))

    message = refused(
        lambda: service.versions.agree_trip_priority(
            actor, plan.id, plan.version, agreed_on=HELD,
            staff_lead_agrees=True, person_lead_agrees=False,
        ),
        "leads",
    )  # fmt: skip
    assert "Both co-leads" in message
    agreed = service.versions.agree_trip_priority(
        actor,
        plan.id,
        plan.version,
        agreed_on=HELD,
        staff_lead_agrees=True,
        person_lead_agrees=True,
    )
    assert agreed.latest.signed and agreed.latest.content.assets == (asset.id,)
    refused(
        lambda: service.versions.save_plan(actor, plan.id, agreed.version, agreed_content()),
        "reason",
    )
    refused(
        lambda: service.versions.sign_plan(
            actor, plan.id, agreed.version, signed_on=HELD,
            commissioner_agrees=True, provider_agrees=True,
        ),
        "plan",
    )  # fmt: skip


def test_a_name_where_initials_belong_is_refused_and_nothing_is_saved(service, actor, trip_round):
    plan = service.trip.create_trip_priority(actor, trip_round.id, "com-c01-5")
    message = refused(
        lambda: service.versions.save_plan(
            actor, plan.id, plan.version, agreed_content(person_lead_initials="Jane Kerr")
        ),
        "person_lead_initials",
    )
    assert "never hold their name" in message
    assert service.plans.plan(plan.id).latest.content == PlanContent()
    refused(
        lambda: service.versions.save_plan(
            actor, plan.id, plan.version, agreed_content(timescale="soon")
        ),
        "timescale",
    )


def test_another_teams_asset_cannot_be_linked(service, actor, org, trip_round):
    other = service.providers.create_team(actor, org.id, "Willow Ward", "acute-ward", "North")
    theirs = service.trip.add_asset(
        actor, other.id, kind="hidden-talent", holder="staff", held_by="Nurse", what="Baking"
    )
    plan = service.trip.create_trip_priority(actor, trip_round.id, "com-c01-5")
    refused(
        lambda: service.versions.save_plan(
            actor, plan.id, plan.version, agreed_content([theirs.id])
        ),
        "assets",
    )


def test_a_trip_review_records_actions_but_no_stage(service, actor, trip_round):
    plan = service.trip.create_trip_priority(actor, trip_round.id, "com-c01-5")
    plan = service.versions.save_plan(actor, plan.id, plan.version, agreed_content())
    plan = service.versions.agree_trip_priority(
        actor,
        plan.id,
        plan.version,
        agreed_on=HELD,
        staff_lead_agrees=True,
        person_lead_agrees=True,
    )
    action = plan.latest.content.actions[0].key
    review = dict(
        held_on=date(2026, 11, 2), measurements={}, goal_outcomes={},
        action_statuses={action: "done"}, stage_evidence="", learned="People use the corner",
        next_review_on=date(2027, 2, 1),
    )  # fmt: skip
    refused(lambda: service.reviews.record_review(actor, plan.id, stage=2, **review), "stage")

    service.reviews.record_review(actor, plan.id, stage=None, **review)

    assert service.reviews.action_statuses(service.plans.plan(plan.id)) == {action: "done"}
    assert service.reviews.next_review_due(service.plans.plan(plan.id)) == date(2027, 2, 1)


def test_template_b_cannot_be_chosen_from_a_trip_round(service, actor, trip_round):
    message = refused(
        lambda: service.plans.create_plan(actor, trip_round.id, "c01-interactions"), "round"
    )
    assert "TRIP page" in message
