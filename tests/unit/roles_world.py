"""A small store for the role x use-case test: two providers, a team of each and a second team
of the first, a Template A round, plans and a TRIP on each side, and an account of each role
that works with the first provider (the team member and nobody else with its first team)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from assessments import store
from assessments.records import Actor, Answer
from assessments.records.accounts import Account, Role, Scope
from assessments.records.plans import Lead
from assessments.records.trip import Rating
from assessments.service import Service
from framework.loader import load as load_definitions
from tests.unit.plan_helpers import HELD, full_content
from tests.unit.test_trip import agreed_content

TODAY = date(2026, 11, 23)
LOCAL = "this computer"  # no account: one person on the machine the app runs on
BY_HAND = Actor("Sam Okafor", "Administrator")  # at the keyboard of this computer alone
PASSWORD = "correct horse battery staple"
OTHER_PERSON = "jo.reyes@nhs.example"  # an account whose administration every role tries
FRAMEWORK = "imroc-challenges@2010"


@dataclass(frozen=True)
class Side:
    """The records of one place: a provider (and its team), as ids."""

    organisation: int
    team: int
    round: int  # a Template A round of the provider, agreed
    plan: int  # a draft Template B plan of the round, complete enough to sign
    signed: int  # a signed Template B plan, to review
    closing: int  # an open Template B plan, to close
    trip_round: int  # a TRIP round of the team
    priority: int  # a TRIP priority of the team, complete enough to agree
    asset: int  # an asset of the team
    vote: int  # an open live vote on a challenge of the round


@dataclass(frozen=True)
class World:
    url: str
    mine: Side  # the first provider, and its first team
    sibling: Side  # the first provider again, and its second team
    other: Side  # another provider, whom nobody but an administrator works with


def accounts(world: World) -> dict[str, Account | None]:
    """Each role's account, keyed by the role's value; LOCAL has none."""
    engine = store.make_engine(world.url)
    try:
        held = Service(engine, load_definitions()).accounts.accounts()
    finally:
        engine.dispose()
    return {LOCAL: None} | {a.username: a for a in held if a.username != OTHER_PERSON}


def _accounts(svc: Service, mine: Side) -> None:
    """An account of each role, named by it, working with the first provider (the team
    member with its first team); and another person's account, to administer."""
    provider = Scope(mine.organisation)
    for role in Role:
        scopes = {
            Role.ADMINISTRATOR: [],
            Role.TEAM_MEMBER: [Scope(mine.organisation, mine.team)],
        }.get(role, [provider])
        name = f"{role.value.replace('-', ' ').title()} Person"
        svc.accounts.create_account(BY_HAND, role.value, name, role.value, PASSWORD, scopes)
    svc.accounts.create_account(BY_HAND, OTHER_PERSON, "Jo Reyes", "viewer", PASSWORD, [provider])


def build(svc: Service, url: str) -> World:
    first = svc.providers.create_organisation(BY_HAND, "Northfield (fictional)", "trust")
    other = svc.providers.create_organisation(BY_HAND, "Southgate (fictional)", "vcfse")
    team_a = svc.providers.create_team(BY_HAND, first.id, "Alder CMHT", "cmht")
    team_b = svc.providers.create_team(BY_HAND, first.id, "Birch Rehab", "community-rehab")
    team_c = svc.providers.create_team(BY_HAND, other.id, "Cedar Service", "vcfse-service")
    world = World(
        url,
        mine=_side(svc, first.id, team_a.id, _round(svc, first.id)),
        sibling=_side(svc, first.id, team_b.id, _round(svc, first.id, team_b.id)),
        other=_side(svc, other.id, team_c.id, _round(svc, other.id)),
    )
    _accounts(svc, world.mine)
    return world


def _round(svc: Service, organisation_id: int, team_id: int | None = None) -> int:
    ids = [c.id for c in svc.definitions.framework(FRAMEWORK).challenges]
    answers = {cid: Answer(agreed_stage=1 + n % 3) for n, cid in enumerate(ids)}
    return svc.workshop.create_round(
        BY_HAND,
        organisation_id,
        framework=FRAMEWORK,
        held_on=HELD,
        facilitator="Sam Okafor",
        status="agreed",
        answers=answers,
        team_id=team_id,
        completers={"recovery_lead": "Recovery lead"} if team_id is None else None,
    ).id


def _side(svc: Service, organisation_id: int, team_id: int, round_id: int) -> Side:
    """A round's records: its Template B plans (the sibling's round is its team's), and the
    team's TRIP."""
    chosen = ("c02-education", "c04-leadership", "c06-risk")
    plan = _saved(svc, svc.plans.create_plan(BY_HAND, round_id, chosen[0]).id)
    signed = _saved(svc, svc.plans.create_plan(BY_HAND, round_id, chosen[1]).id)
    signed = svc.versions.sign_plan(
        BY_HAND,
        signed,
        svc.plans.plan(signed).version,
        signed_on=date(2026, 3, 20),
        commissioner_agrees=True,
        provider_agrees=True,
    ).id
    closing = svc.plans.create_plan(BY_HAND, round_id, chosen[2]).id
    trip_round = svc.trip.create_trip_round(
        BY_HAND,
        team_id,
        held_on=HELD,
        facilitator="Sam Okafor",
        ratings={"com-c01-1": Rating(value=None, next_step="Ask people what helps")},
    ).id
    asset = svc.trip.add_asset(
        BY_HAND,
        team_id,
        kind="hidden-talent",
        holder="staff",
        held_by="Peer worker",
        what="Gardening",
    ).id
    priority = svc.trip.create_trip_priority(BY_HAND, trip_round, "com-c01-1")
    svc.versions.save_plan(BY_HAND, priority.id, priority.version, agreed_content())
    vote = svc.votes.open_vote(BY_HAND, round_id, "c05-personalisation").id
    return Side(
        organisation_id,
        team_id,
        round_id,
        plan,
        signed,
        closing,
        trip_round,
        priority.id,
        asset,
        vote,
    )


def _saved(svc: Service, plan_id: int) -> int:
    plan = svc.plans.plan(plan_id)
    content = full_content(commissioner_lead=Lead(name="A. Commissioner", role="ICB lead"))
    return svc.versions.save_plan(BY_HAND, plan_id, plan.version, content).id


def digest(engine: Engine) -> str:
    """Every row of every table: what "nothing changed" is checked against."""
    found = hashlib.sha256()
    with engine.connect() as conn:
        for table in store.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            found.update(f"{table.name}:{rows}".encode())
    return found.hexdigest()
