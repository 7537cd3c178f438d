"""The small builder: turns the demo's content (demo/content/*.yaml) and a seed into calls of the
ordinary `Service`, so every record is checked and audited like any other, as written by the
actor "Demo generator". A seeded random generator makes the same arguments, on the same day,
give the same records.

Up to 25 teams it is a showcase: two providers. The first, an NHS trust, has teams of mixed
types, provider-wide rounds nine months apart (completed with its recovery lead, commissioner
lead and a lived-experience co-facilitator; its latest moderated by the commissioner on three
challenges), each team's own view nine months apart, comments, evidence and notes, and one
practice round. The second, a voluntary sector provider, has provider-wide rounds only. Each has
commissioners' measures by month, with a gap and a special cause.
Above 25 teams it is a synthetic portfolio for trying the app at scale: providers of about 25
teams each, rounds for each provider and team three months apart, a practice round per
provider, little text.

Each scope (a provider as a whole, or a team) also has Template B plans for the top-ranked
priorities of its first round, written, signed and reviewed through the same `Service`, so the
rules of sign-off and the audit log apply to them too. In the showcase each scope has two plans
(three places stay free for the room), reviewed about every three months up to today, with
monthly figures between the reviews; a few things are left overdue on purpose, so the app's
flags show, and one plan has a second version after a target was reset. At scale each team has
one plan with one review, and each provider two plans reviewed quarterly.

In the showcase every team but the last also has a TRIP (Team Recovery Implementation Plan);
one of them has lapsed. At scale there is no TRIP: it would only slow the demo down.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from assessments.rules.errors import ServiceError
from assessments.service import Service
from demo.common import ACTOR
from demo.content import content
from demo.moderation import moderate
from demo.plans import Plans
from demo.provider_measures import record_provider_measures
from demo.trip import Trips
from demo.workshop import FRAMEWORK, TEAMS_PER_PROVIDER, PlannedRound, Planner

MAX_TEAMS = 2000  # a typo such as 50000 should be refused, not run for an hour
MAX_ROUNDS = 20


@dataclass(frozen=True)
class DemoSummary:
    """What `load_demo` created."""

    providers: int
    teams: int
    rounds: int  # practice rounds included
    practice: int
    moderated: int = 0  # challenges with a moderated rating: the showcase's first provider's
    plans: int = 0  # Template B plans, every one signed and open
    versions: int = 0  # plan versions: one per plan, and a second where a target was reset
    reviews: int = 0
    measurements: int = 0  # the reviews' figures and the monthly ones between them
    trip_rounds: int = 0  # TRIP rounds, two for each showcase team but one; none at scale
    assets: int = 0  # the TRIP assets of those teams
    trip_priorities: int = 0  # their co-led priorities, every one agreed and open
    trip_reviews: int = 0
    measure_values: int = 0  # commissioners' measures by provider and month, gaps included


def load_demo(
    service: Service,
    *,
    teams: int = 12,
    rounds: int = 3,
    seed: int = 2010,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty store with fictional records: `teams` teams, each with `rounds` agreed
    rounds ending before `today` (by default the real today), and as many rounds for each
    provider as a whole, and Template B plans for each scope's first round, reviewed up to
    `today` (which must not be after the service's own today); in the showcase, a TRIP for
    every team but the last. Refused with a ServiceError if the store holds anything, so the
    demo never mixes with real records."""
    for value, most, what in ((teams, MAX_TEAMS, "teams"), (rounds, MAX_ROUNDS, "rounds")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise ServiceError(f"The demo takes from 1 to {most} {what}, not {value}.", what)
    if not service.providers.is_empty():
        raise ServiceError(
            "The store already holds providers: the fictional demo loads only into an empty "
            "store, so it never mixes with real records.",
            "store",
        )
    today = today or date.today()
    said = content()
    plan = Planner(service.definitions, said, random.Random(seed), today)
    # Plans draw from a generator of their own, so the rounds are the same with or without them.
    showcase = teams <= TEAMS_PER_PROVIDER
    plans = Plans(service, said, random.Random(f"{seed} plans"), today, showcase=showcase)
    # TRIP in the showcase only, from a generator of its own too; at scale it would only slow
    # the demo down.
    trips = (
        Trips(service, said, random.Random(f"{seed} trip"), today)
        if showcase and service.definitions.trip
        else None
    )
    made = {"providers": 0, "teams": 0, "rounds": 0, "practice": 0, "moderated": 0}
    org_ids = []
    # A transaction per provider, team and round (the service's unit of work), so a very large
    # portfolio is written as it is planned instead of being held in memory.
    for provider in plan.providers(teams, rounds):
        org = service.providers.create_organisation(ACTOR, provider.name, provider.kind)
        org_ids.append(org.id)
        made_teams = [
            service.providers.create_team(ACTOR, org.id, *team) for team in provider.teams
        ]
        team_ids = [team.id for team in made_teams]
        agreed: dict[int | None, list[tuple[int, PlannedRound]]] = {}
        for r in provider.rounds:
            written = service.workshop.create_round(
                ACTOR,
                org.id,
                framework=FRAMEWORK,
                held_on=r.held_on,
                facilitator=r.facilitator,
                team_id=None if r.team is None else team_ids[r.team],
                status=r.status,
                participants=r.participants,
                answers=r.answers,
                completers=r.completers,
            )
            made["practice"] += r.status == "practice"
            if r.status != "practice":
                agreed.setdefault(r.team, []).append((written.id, r))
        plans.provider(provider, agreed, quiet=showcase and made["providers"] > 0)
        if showcase and made["providers"] == 0 and agreed.get(None):
            held, planned = agreed[None][-1]  # the latest provider-wide round
            made["moderated"] += moderate(service, said, held, planned.answers)
        if trips is not None:
            trips.provider(made_teams)
        made["providers"] += 1
        made["teams"] += len(provider.teams)
        made["rounds"] += len(provider.rounds)
    if showcase:  # commissioners' measures, from a generator of their own
        measures = random.Random(f"{seed} measures")
        made["measure_values"] = record_provider_measures(service, org_ids, measures, today)
    return DemoSummary(**made, **plans.made, **(trips.made if trips is not None else {}))
