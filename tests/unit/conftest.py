"""Fixtures unit test modules share: for TRIP, the community benchmark set, its framework and its
answer scale; for the demo's tests, the demo loaded; for Template B's, a provider, an agreed
round of it, a plan from that round and the plan signed. A test module may define a fixture of
the same name for its own needs (tests/unit/test_service_rounds.py has a draft round_ of its
own)."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Answer
from tests.demo_store import load_demo_copy
from tests.unit.demo_helpers import TODAY
from tests.unit.plan_helpers import HELD, full_content


@pytest.fixture
def bset(definitions):
    return definitions.benchmark_set("trip-community@1")


@pytest.fixture
def framework(definitions, bset):
    return definitions.framework(bset.framework)


@pytest.fixture
def scale(definitions, bset):
    return definitions.scales[bset.scale]


@pytest.fixture
def demo(service):
    return load_demo_copy(service, today=TODAY)  # load_demo's, built once a session


@pytest.fixture
def org(service, actor):
    return service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")


@pytest.fixture
def round_(service, actor, org, definitions):
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    answers = {cid: Answer(agreed_stage=1 + n % 3, priority=n + 1) for n, cid in enumerate(ids)}
    return service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=HELD,
        facilitator="Sam Okafor",
        status="agreed",
        answers=answers,
        completers={"recovery_lead": "Recovery lead"},
    )


@pytest.fixture
def plan(service, actor, round_):
    return service.plans.create_plan(actor, round_.id, "c02-education")


@pytest.fixture
def signed(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content())
    return service.versions.sign_plan(
        actor,
        plan.id,
        saved.version,
        signed_on=date(2026, 3, 20),
        commissioner_agrees=True,
        provider_agrees=True,
    )
