"""The role table's rows for TRIP, the portfolio and the audit log, and archiving (run last:
nothing after it finds the provider or team gone)."""

from __future__ import annotations

from datetime import date

from assessments.records.trip import NewAsset, Rating
from tests.unit.roles_expected import (
    ADMIN,
    FACILITATOR,
    MEMBER,
    UseCase,
    in_portfolio,
    nowhere,
    portfolio_of,
    provider_read,
    rating_version,
    read_everywhere,
    version_of,
    write,
)

TRIP_CASES = [
    # --- TRIP: the team's own, and its facilitator's -------------------------------------------
    UseCase(
        "trip.trip_rounds",
        lambda svc, local, actor, side, role: svc.trip.trip_rounds(side.team),
        read_everywhere(),
    ),
    UseCase(
        "trip.trip_round",
        lambda svc, local, actor, side, role: svc.trip.trip_round(side.trip_round),
        read_everywhere(),
    ),
    UseCase(
        "trip.trip_ratings",
        lambda svc, local, actor, side, role: svc.trip.trip_ratings(side.trip_round),
        read_everywhere(),
    ),
    UseCase(
        "trip.ratings_of_rounds",
        lambda svc, local, actor, side, role: svc.trip.ratings_of_rounds([side.trip_round]),
        read_everywhere(),
        seen=lambda found, side, local: bool(found[side.trip_round]),
    ),
    UseCase(
        "trip.create_trip_round",
        lambda svc, local, actor, side, role: svc.trip.create_trip_round(
            actor, side.team, held_on=date(2026, 5, 1), facilitator="Sam Okafor"
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "trip.save_rating",
        lambda svc, local, actor, side, role: svc.trip.save_rating(
            actor,
            side.trip_round,
            "com-c01-2",
            rating_version(local, side),
            Rating(value=None, proud=f"Said to {role}"),
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "trip.assets",
        lambda svc, local, actor, side, role: svc.trip.assets(side.team),
        read_everywhere(),
    ),
    UseCase(
        "trip.asset",
        lambda svc, local, actor, side, role: svc.trip.asset(side.asset),
        read_everywhere(),
    ),
    UseCase(
        "trip.add_asset",
        lambda svc, local, actor, side, role: svc.trip.add_asset(
            actor,
            side.team,
            kind="community-contact",
            holder="community-partners",
            held_by="Librarian",
            what="Reading group",
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "trip.add_assets",  # a team file's, in bulk
        lambda svc, local, actor, side, role: svc.trip.add_assets(
            actor,
            side.team,
            [NewAsset("community-contact", "community-partners", "Librarian", "Reading group")],
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "trip.update_asset",
        lambda svc, local, actor, side, role: svc.trip.update_asset(
            actor,
            side.asset,
            version_of(local, "asset", side.asset),
            kind="hidden-talent",
            holder="staff",
            held_by="Peer worker",
            what=f"Gardening, told by {role}",
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "trip.trip_priorities",
        lambda svc, local, actor, side, role: svc.trip.trip_priorities(side.team),
        read_everywhere(),
    ),
    UseCase(
        "trip.create_trip_priority",
        lambda svc, local, actor, side, role: svc.trip.create_trip_priority(
            actor, side.trip_round, "com-c01-2"
        ),
        write(FACILITATOR, MEMBER),
    ),
    # --- across providers: a commissioner's reading -------------------------------------------
    UseCase(
        "portfolio.portfolio_choices",
        lambda svc, local, actor, side, role: svc.portfolio.portfolio_choices(),
        provider_read(),
        seen=lambda found, side, local: side.organisation in found.providers,
    ),
    UseCase(
        "portfolio.portfolio",
        lambda svc, local, actor, side, role: portfolio_of(svc),
        read_everywhere(),
        seen=in_portfolio,
    ),
    UseCase(
        "history",
        lambda svc, local, actor, side, role: svc.history(),
        nowhere(ADMIN),
    ),
    UseCase(
        "audit.entries",
        lambda svc, local, actor, side, role: svc.audit.entries(),
        nowhere(ADMIN),
    ),
    UseCase(
        "audit.choices",
        lambda svc, local, actor, side, role: svc.audit.choices(),
        nowhere(ADMIN),
    ),
    UseCase(
        "audit.chain",
        lambda svc, local, actor, side, role: svc.audit.chain(),
        nowhere(ADMIN),
    ),
]

ARCHIVING = [
    UseCase(
        "trip.set_asset_archived",
        lambda svc, local, actor, side, role: svc.trip.set_asset_archived(
            actor, side.asset, version_of(local, "asset", side.asset), True
        ),
        write(FACILITATOR, MEMBER),
    ),
    UseCase(
        "providers.set_team_archived",
        lambda svc, local, actor, side, role: svc.providers.set_team_archived(
            actor, side.team, version_of(local, "team", side.team), True
        ),
        write(ADMIN),
    ),
    UseCase(
        "providers.set_organisation_archived",
        lambda svc, local, actor, side, role: svc.providers.set_organisation_archived(
            actor, side.organisation, version_of(local, "organisation", side.organisation), True
        ),
        write(ADMIN),
    ),
]
