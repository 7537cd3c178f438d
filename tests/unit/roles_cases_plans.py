"""The role table's rows for providers and teams, rounds and the workshop, and plans with
their versions and reviews."""

from __future__ import annotations

from datetime import date

from assessments.records import Answer
from tests.unit.plan_helpers import full_content
from tests.unit.roles_expected import (
    ADMIN,
    COMMISSIONER,
    FACILITATOR,
    LEAD,
    LOCAL,
    MEMBER,
    UseCase,
    nowhere,
    provider_read,
    read_everywhere,
    review,
    sign_for_their_side,
    version_of,
    write,
)
from tests.unit.roles_world import FRAMEWORK
from tests.unit.test_trip import agreed_content


def moderated_version(local, round_id: int) -> int:
    found = local.workshop.challenge_record(round_id, "c01-interactions").moderation
    return found.version if found else 0


PLAN_CASES = [
    # --- providers and teams: an administrator's ---------------------------------------------
    UseCase(
        "providers.organisations",
        lambda svc, local, actor, side, role: svc.providers.organisations(),
        provider_read(),
        seen=lambda found, side, local: side.organisation in {o.id for o in found},
    ),
    UseCase(
        "providers.organisation",
        lambda svc, local, actor, side, role: svc.providers.organisation(side.organisation),
        provider_read(),
    ),
    UseCase(
        "providers.teams",
        lambda svc, local, actor, side, role: svc.providers.teams(side.organisation),
        read_everywhere(),
        seen=lambda found, side, local: side.team in {t.id for t in found},
    ),
    UseCase(
        "providers.team",
        lambda svc, local, actor, side, role: svc.providers.team(side.team),
        read_everywhere(),
    ),
    UseCase(
        "providers.create_organisation",
        lambda svc, local, actor, side, role: svc.providers.create_organisation(
            actor, f"New provider of {role} (fictional)"
        ),
        nowhere(ADMIN),
    ),
    UseCase(
        "providers.update_organisation",
        lambda svc, local, actor, side, role: svc.providers.update_organisation(
            actor,
            side.organisation,
            version_of(local, "organisation", side.organisation),
            name=f"Renamed {side.organisation} (fictional)",
            kind="trust",
        ),
        write(ADMIN),
    ),
    UseCase(
        "providers.create_team",
        lambda svc, local, actor, side, role: svc.providers.create_team(
            actor, side.organisation, f"New team {side.team}", "cmht"
        ),
        write(ADMIN),
    ),
    UseCase(
        "providers.update_team",
        lambda svc, local, actor, side, role: svc.providers.update_team(
            actor,
            side.team,
            version_of(local, "team", side.team),
            name=f"Renamed team {side.team}",
            team_type="cmht",
            locality="East",
        ),
        write(ADMIN),
    ),
    UseCase(
        "providers.import_teams",
        lambda svc, local, actor, side, role: svc.providers.import_teams(
            actor, side.organisation, f"name,team_type,locality\nImported {side.team},cmht,\n"
        ),
        write(ADMIN),
    ),
    # --- rounds and the workshop: a facilitator's ---------------------------------------------
    UseCase(
        "rounds.rounds",
        lambda svc, local, actor, side, role: svc.rounds.rounds(side.organisation),
        read_everywhere(),
        seen=lambda found, side, local: side.round in {r.id for r in found},
    ),
    UseCase(
        "rounds.round",
        lambda svc, local, actor, side, role: svc.rounds.round(side.round),
        read_everywhere(),
    ),
    UseCase(
        "rounds.update_round",
        lambda svc, local, actor, side, role: svc.rounds.update_round(
            actor,
            side.round,
            version_of(local, "round", side.round),
            held_on=date(2026, 3, 3),
            facilitator="Sam Okafor",
            status="agreed",
            participants={},
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "rounds.update_round (a TRIP round)",
        lambda svc, local, actor, side, role: svc.rounds.update_round(
            actor,
            side.trip_round,
            version_of(local, "round", side.trip_round),
            held_on=date(2026, 3, 3),
            facilitator="Sam Okafor",
            status="agreed",
            participants={},
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "workshop.decided_counts",
        lambda svc, local, actor, side, role: svc.workshop.decided_counts([side.round]),
        read_everywhere(),
        seen=lambda found, side, local: found[side.round] > 0,
    ),
    UseCase(
        "workshop.create_round",
        lambda svc, local, actor, side, role: svc.workshop.create_round(
            actor,
            side.organisation,
            framework=FRAMEWORK,
            held_on=date(2026, 5, 1),
            facilitator="Sam Okafor",
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "workshop.challenge_records",
        lambda svc, local, actor, side, role: svc.workshop.challenge_records(side.round),
        read_everywhere(),
    ),
    UseCase(
        "workshop.challenge_record",
        lambda svc, local, actor, side, role: svc.workshop.challenge_record(
            side.round, "c01-interactions"
        ),
        read_everywhere(),
    ),
    UseCase(
        "workshop.save_challenge",
        lambda svc, local, actor, side, role: svc.workshop.save_challenge(
            actor,
            side.round,
            "c01-interactions",
            Answer(agreed_stage=3, comments=f"Saved by {role}"),
            local.workshop.challenge_record(side.round, "c01-interactions").version,
        ),
        write(FACILITATOR),
    ),
    UseCase(
        "moderation.moderate",
        lambda svc, local, actor, side, role: svc.moderation.moderate(
            actor,
            side.round,
            "c01-interactions",
            moderated_version(local, side.round),
            stage=2,
            reasons=f"Moderated by {role}",
        ),
        write(FACILITATOR, COMMISSIONER),
    ),
    # --- plans: a provider lead's (and a facilitator drafting one) ---------------------------
    UseCase(
        "plans.plans",
        lambda svc, local, actor, side, role: svc.plans.plans(
            side.organisation, local.rounds.round(side.round).team_id
        ),
        read_everywhere(),
    ),
    UseCase(
        "plans.plans_in",
        lambda svc, local, actor, side, role: svc.plans.plans_in(local.plans.plan(side.plan).scope),
        read_everywhere(),
        seen=lambda found, side, local: side.plan in {p.id for p in found},
    ),
    UseCase(
        "plans.plan",
        lambda svc, local, actor, side, role: svc.plans.plan(side.plan),
        read_everywhere(),
    ),
    UseCase(
        "plans.plan_versions",
        lambda svc, local, actor, side, role: svc.plans.plan_versions(side.signed),
        read_everywhere(),
    ),
    UseCase(
        "plans.plan_in_force",
        lambda svc, local, actor, side, role: svc.plans.plan_in_force(side.signed),
        read_everywhere(),
    ),
    UseCase(
        "plans.open_plan_count",
        lambda svc, local, actor, side, role: svc.plans.open_plan_count(
            side.organisation, local.rounds.round(side.round).team_id
        ),
        read_everywhere(),
    ),
    UseCase(
        "plans.create_plan",
        lambda svc, local, actor, side, role: svc.plans.create_plan(
            actor, side.round, "c08-workforce"
        ),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "plans.set_plan_status",
        lambda svc, local, actor, side, role: svc.plans.set_plan_status(
            actor, side.closing, version_of(local, "plan", side.closing), "closed", "Merged"
        ),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "versions.save_plan",
        lambda svc, local, actor, side, role: svc.versions.save_plan(
            actor,
            side.plan,
            version_of(local, "plan", side.plan),
            full_content(description=f"Written by {role}"),
        ),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "versions.save_plan (a TRIP priority)",
        lambda svc, local, actor, side, role: svc.versions.save_plan(
            actor,
            side.priority,
            version_of(local, "plan", side.priority),
            agreed_content(description=f"Written by {role}"),
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "versions.signing_sides",
        lambda svc, local, actor, side, role: svc.versions.signing_sides(side.plan),
        read_everywhere(),
    ),
    UseCase(
        "versions.sign_plan (each lead for their side)",
        sign_for_their_side,
        {
            "mine": frozenset({LOCAL, COMMISSIONER, LEAD}),
            "sibling": frozenset({LOCAL, COMMISSIONER, LEAD}),
            "other": frozenset({LOCAL}),
        },
    ),
    UseCase(
        "versions.agree_trip_priority",
        lambda svc, local, actor, side, role: svc.versions.agree_trip_priority(
            actor,
            side.priority,
            version_of(local, "plan", side.priority),
            agreed_on=date(2026, 4, 1),
            staff_lead_agrees=True,
            person_lead_agrees=True,
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "plans.set_plan_status (a TRIP priority)",
        lambda svc, local, actor, side, role: svc.plans.set_plan_status(
            actor, side.priority, version_of(local, "plan", side.priority), "closed", "Done"
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "reviews.reviews",
        lambda svc, local, actor, side, role: svc.reviews.reviews(side.signed),
        read_everywhere(),
    ),
    UseCase(
        "reviews.measurements",
        lambda svc, local, actor, side, role: svc.reviews.measurements(side.signed),
        read_everywhere(),
    ),
    UseCase(
        "reviews.next_review_due",
        lambda svc, local, actor, side, role: svc.reviews.next_review_due(
            local.plans.plan(side.signed)
        ),
        read_everywhere(),
    ),
    UseCase(
        "reviews.action_statuses",
        lambda svc, local, actor, side, role: svc.reviews.action_statuses(
            local.plans.plan(side.signed)
        ),
        read_everywhere(),
    ),
    UseCase(
        "reviews.stage_history",
        lambda svc, local, actor, side, role: svc.reviews.stage_history(
            local.plans.plan(side.signed)
        ),
        read_everywhere(),
    ),
    UseCase(
        "reviews.due_items",
        lambda svc, local, actor, side, role: svc.reviews.due_items(
            [local.plans.plan(side.signed)]
        ),
        read_everywhere(),
    ),
    UseCase("reviews.record_review", review, write(FACILITATOR, LEAD)),
    UseCase(
        "reviews.add_measurement",
        lambda svc, local, actor, side, role: svc.reviews.add_measurement(
            actor, side.signed, "g1", date(2026, 4, 1), "24"
        ),
        write(FACILITATOR, LEAD),
    ),
]
