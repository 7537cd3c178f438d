"""Every use case under every role, on a record of each place: the provider a person works with
(and its first team), the same provider's second team, and another provider. An allowed call
works; any other is refused with `NotAllowed`, whose message names the person and says nothing
changed, and nothing did (every row of every table is compared). A list is never refused: it
leaves out what the person may not read, so there "allowed" means "the record is in it".

The table below is the expectation, written out by hand from the issue's roles rather than
computed from rules/permissions.py, and a use case missing from it fails the test."""

from __future__ import annotations

import inspect
import shutil
from datetime import date

import pytest

from assessments import store
from assessments.queries.board_report import read_board_report
from assessments.queries.report_data import ReportScope
from assessments.records import Actor, Answer
from assessments.rules.errors import NotAllowed
from assessments.rules.permissions import Access
from assessments.service import Service
from tests.unit.plan_helpers import full_content
from tests.unit.roles_cases_accounts import ACCOUNT_CASES
from tests.unit.roles_cases_measures import MEASURE_CASES
from tests.unit.roles_cases_plans import PLAN_CASES
from tests.unit.roles_cases_stories import STORY_CASES
from tests.unit.roles_cases_trip import ARCHIVING, TRIP_CASES
from tests.unit.roles_cases_trip_status import TRIP_STATUS_CASES
from tests.unit.roles_cases_votes import VOTE_CASES
from tests.unit.roles_expected import (
    COMMISSIONER,
    EVERYONE,
    FACILITATOR,
    LEAD,
    MEMBER,
    NOT_USE_CASES,
)
from tests.unit.roles_world import (
    BY_HAND,
    TODAY,
    World,
    accounts,
    build,
    digest,
)

USE_CASES = (
    PLAN_CASES
    + TRIP_CASES
    + TRIP_STATUS_CASES
    + STORY_CASES
    + ACCOUNT_CASES
    + MEASURE_CASES
    + VOTE_CASES
    + ARCHIVING
)


def test_every_use_case_of_every_unit_is_in_the_table():
    named = {case.name.split(" (")[0] for case in USE_CASES}
    missing = [key for unit_name in _UNIT_CLASSES for key in _unlisted(unit_name, named)]
    assert not missing, f"use cases with no row in the role table: {missing}"


def _unlisted(unit_name: str, named: set[str]) -> list[str]:
    found = []
    for name, method in inspect.getmembers(_UNIT_CLASSES[unit_name], inspect.isfunction):
        if name.startswith("_") or "conn" in inspect.signature(method).parameters:
            continue  # a step inside another use case's transaction
        key = f"{unit_name}.{name}"
        if key not in named and key not in NOT_USE_CASES:
            found.append(key)
    return found


def _unit_classes() -> dict[str, type]:
    from assessments.service.accounts import Accounts
    from assessments.service.audit import AuditLog
    from assessments.service.measures import ProviderMeasures
    from assessments.service.moderation import Moderating
    from assessments.service.plans import Plans
    from assessments.service.portfolio import Portfolio
    from assessments.service.providers import Providers
    from assessments.service.reviews import Reviews
    from assessments.service.rounds import Rounds
    from assessments.service.stories import Stories
    from assessments.service.trip import Trip
    from assessments.service.trip_status import TripStatus
    from assessments.service.versions import PlanVersions
    from assessments.service.votes import Votes
    from assessments.service.workshop import Workshop

    return {
        "accounts": Accounts,
        "providers": Providers,
        "moderation": Moderating,
        "rounds": Rounds,
        "workshop": Workshop,
        "plans": Plans,
        "versions": PlanVersions,
        "reviews": Reviews,
        "stories": Stories,
        "trip": Trip,
        "portfolio": Portfolio,
        "measures": ProviderMeasures,
        "trip_status": TripStatus,
        "audit": AuditLog,
        "votes": Votes,
    }


_UNIT_CLASSES = _unit_classes()


@pytest.fixture(scope="module")
def world(tmp_path_factory, definitions) -> World:
    path = tmp_path_factory.mktemp("roles") / "world.db"
    url = f"sqlite:///{path}"
    engine = store.open_store(url)
    try:
        return build(Service(engine, definitions, today=lambda: TODAY), url)
    finally:
        engine.dispose()


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_each_role_may_do_what_its_table_row_says_and_nothing_else(
    role, world, definitions, tmp_path
):
    """In a copy of the world per role: each use case at each place, as the table says."""
    copy = tmp_path / "world.db"
    shutil.copy(world.url.removeprefix("sqlite:///"), copy)
    engine = store.make_engine(f"sqlite:///{copy}")
    account = accounts(world)[role]
    svc = Service(engine, definitions, today=lambda: TODAY, access=Access(account))
    local = Service(engine, definitions, today=lambda: TODAY)
    actor = account.actor if account else BY_HAND
    wrong = []
    for case in USE_CASES:
        for place, roles in case.allowed.items():
            side = getattr(world, place)
            wrong += _check(case, svc, local, engine, actor, side, role, role in roles, place)
    engine.dispose()
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def _check(case, svc, local, engine, actor, side, role, allowed, place) -> list[str]:
    where = f"{case.name} at {place}"
    before = digest(engine) if not allowed else None
    try:
        found = case.call(svc, local, actor, side, role)
    except NotAllowed as refusal:
        if allowed:
            return [f"{where}: refused, but allowed: {refusal.message}"]
        problems = []
        if not refusal.message.startswith("Not allowed") or "Nothing was changed" not in (
            refusal.message
        ):
            problems.append(f"{where}: the refusal does not say so plainly: {refusal.message}")
        if digest(engine) != before:
            problems.append(f"{where}: refused, but the store changed")
        return problems
    except Exception as exc:
        return [f"{where}: {type(exc).__name__}: {exc}"]
    if case.seen is not None:
        if case.seen(found, side, local) != allowed:
            return [f"{where}: the list {'leaves out' if allowed else 'shows'} the record"]
        return []
    if not allowed:
        return [f"{where}: allowed, but should be refused"]
    return []


def test_a_save_signed_in_names_the_person_signed_in_never_another(world, definitions):
    engine = store.make_engine(world.url)
    facilitator = accounts(world)[FACILITATOR]
    svc = Service(engine, definitions, today=lambda: TODAY, access=Access(facilitator))
    before = digest(engine)
    with pytest.raises(NotAllowed) as refusal:
        svc.workshop.save_challenge(
            Actor("Someone Else", "Facilitator"),
            world.mine.round,
            "c01-interactions",
            Answer(agreed_stage=2),
            1,
        )
    assert facilitator.display_name in refusal.value.message
    assert digest(engine) == before
    engine.dispose()


def test_each_lead_signs_for_their_own_side_and_a_change_between_asks_again(
    world, definitions, tmp_path
):
    copy = tmp_path / "world.db"
    shutil.copy(world.url.removeprefix("sqlite:///"), copy)
    engine = store.make_engine(f"sqlite:///{copy}")
    people = accounts(world)
    as_ = {
        role: Service(engine, definitions, today=lambda: TODAY, access=Access(people[role]))
        for role in (LEAD, COMMISSIONER, FACILITATOR)
    }
    plan_id = world.mine.plan

    def sign(role: str, commissioner: bool, provider: bool):
        svc = as_[role]
        return svc.versions.sign_plan(
            people[role].actor,
            plan_id,
            svc.plans.plan(plan_id).version,
            signed_on=date(2026, 4, 1),
            commissioner_agrees=commissioner,
            provider_agrees=provider,
        )

    with pytest.raises(NotAllowed, match="only its provider lead and its commissioner"):
        sign(FACILITATOR, False, True)
    with pytest.raises(NotAllowed, match="as the commissioner lead only"):
        sign(COMMISSIONER, True, True)
    half = sign(LEAD, False, True).latest
    assert not half.signed and half.signed_by_provider == people[LEAD].display_name
    plan = as_[LEAD].plans.plan(plan_id)
    changed = full_content(description="Changed after the provider lead agreed")
    as_[LEAD].versions.save_plan(people[LEAD].actor, plan_id, plan.version, changed)
    assert as_[LEAD].plans.plan(plan_id).latest.signed_by_provider == ""  # agrees again

    sign(LEAD, False, True)
    signed = sign(COMMISSIONER, True, False).latest
    assert signed.signed and signed.signed_on == date(2026, 4, 1)
    assert (signed.signed_by_commissioner, signed.signed_by_provider) == (
        people[COMMISSIONER].display_name,
        people[LEAD].display_name,
    )
    assert as_[COMMISSIONER].versions.signing_sides(plan_id) == {"commissioner"}
    engine.dispose()


def test_a_board_report_is_for_those_who_may_read_all_it_holds(world, definitions):
    engine = store.make_engine(world.url)
    people = accounts(world)

    def report(role: str, scope: str):
        svc = Service(engine, definitions, today=lambda: TODAY, access=Access(people[role]))
        return read_board_report(svc, ReportScope.parse(scope))

    mine, other = world.mine, world.other
    assert report(COMMISSIONER, f"org:{mine.organisation}").organisation.id == mine.organisation
    assert report(MEMBER, f"team:{mine.team}").team.id == mine.team
    # A provider's report holds every team's rounds: a team's scope is not enough for it.
    with pytest.raises(NotAllowed):
        report(MEMBER, f"org:{mine.organisation}")
    with pytest.raises(NotAllowed):
        report(COMMISSIONER, f"org:{other.organisation}")
    compared = report(COMMISSIONER, "portfolio").portfolio
    teams = set(compared.teams["team_id"]) | set(compared.without_rounds)
    assert world.sibling.team in teams and other.team not in teams
    engine.dispose()
