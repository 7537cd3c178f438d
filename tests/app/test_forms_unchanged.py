"""Every form that writes a record: drawn from the store and submitted unchanged, it leaves the
store exactly as it was (no new version, no audit entry). A form that saved its blanks, or a
value it had not shown, would fail here."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assessments import store
from assessments.records import Actor, Answer, GroupView
from assessments.records.plans import Action, Lead, PlanContent
from assessments.records.trip import Rating
from pages.kit import routes, ui
from tests.app.conftest import open_page

LEAD = Actor("Sam Okafor", "Facilitator")
HELD = date.today() - timedelta(days=30)


def rows() -> dict[str, list]:
    """Every row of every table."""
    with ui.service().engine.connect() as conn:
        return {
            table.name: [tuple(r) for r in conn.execute(select(table)).all()]
            for table in store.metadata.sorted_tables
        }


@pytest.fixture
def records(own_store) -> dict[str, int]:
    """A round with answers, a TRIP round with ratings, a plan and a TRIP priority, each with
    something in every field the forms show."""
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    team = svc.providers.create_team(LEAD, org.id, "East CMHT", "cmht", "East")
    answer = Answer(
        views=(GroupView("people-using-services", 2, 3, 0, 1, note="Mostly stage 2"),),
        agreed_stage=2, priority=1, comments="Pilots in two wards", evidence="Audit",
    )  # fmt: skip
    round_ = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=HELD, facilitator="Sam",
        participants={"people-using-services": 6}, answers={"c01-interactions": answer},
    )  # fmt: skip
    trip = svc.trip.create_trip_round(
        LEAD, team.id, held_on=HELD, facilitator="Sam", status="draft",
        participants={"clinical-staff": 5},
    )  # fmt: skip
    first = next(iter(svc.trip.trip_ratings(trip.id).values()))
    svc.trip.save_rating(
        LEAD, trip.id, first.statement_id, first.version,
        Rating("mostly", proud="We ask about hopes", next_step="Stories at reviews"),
    )  # fmt: skip
    plan = svc.plans.create_plan(LEAD, round_.id, "c01-interactions")
    content = PlanContent(
        current_stage=2,
        description="Some wards only",
        actions=(Action(key="", what="Train ward staff", who="Practice lead",
                        by_when=HELD + timedelta(days=60)),),
        commissioner_lead=Lead(name="A. Commissioner"),
        provider_lead=Lead(name="B. Provider"),
        next_review_on=HELD + timedelta(days=90),
    )  # fmt: skip
    svc.versions.save_plan(LEAD, plan.id, plan.version, content)
    priority = svc.trip.create_trip_priority(LEAD, trip.id, first.statement_id)
    return {"round": round_.id, "trip": trip.id, "plan": plan.id, "priority": priority.id}


FORMS = {  # page, its query (from the records), and the button that saves
    "Template A workshop": (routes.WORKSHOP.path, {"round": "round"}, "workshop-save"),
    "TRIP benchmarks": (routes.TRIP_BENCHMARKS.path, {"round": "trip"}, "trip-save"),
    "Template B": (routes.PLAN.path, {"plan": "plan"}, "plan-save-{plan}"),
    "TRIP priority": (routes.PLAN.path, {"plan": "priority"}, "plan-save-{priority}"),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_a_form_drawn_and_saved_unchanged_changes_nothing_stored(records, form):
    path, query, button = FORMS[form]
    at = open_page(None, **{name: str(records[which]) for name, which in query.items()})
    at.session_state["actor"] = LEAD
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    before = rows()

    at.button(key=button.format(**records)).click().run()

    assert not at.exception and not at.error, [e.value for e in at.error]
    assert rows() == before
    assert any("nothing" in s.value.lower() for s in at.success)
