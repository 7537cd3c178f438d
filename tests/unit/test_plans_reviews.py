"""Template B through the service: reviews of a signed plan, and figures between reviews."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.service_helpers import refused


def test_a_review_needs_a_signed_plan(service, actor, plan):
    assert "not been signed" in refused(
        lambda: service.reviews.record_review(
            actor,
            plan.id,
            held_on=date(2026, 6, 1),
            measurements={},
            goal_outcomes={},
            action_statuses={},
            stage=None,
            stage_evidence="",
            learned="",
            next_review_on=None,
        ),
        "plan",
    )


def review(service, actor, plan_id, **changes):
    fields = dict(
        held_on=date(2026, 6, 1),
        measurements={"g1": "31"},
        goal_outcomes={"g1": "carry-on"},
        action_statuses={"a1": "on-track"},
        stage=None,
        stage_evidence="",
        learned="Peer trainers need paid time",
        next_review_on=date(2026, 9, 1),
    )
    return service.reviews.record_review(actor, plan_id, **(fields | changes))


def test_two_reviews_record_measurements_statuses_and_a_re_rating(service, actor, signed):
    first = review(service, actor, signed.id)
    second = review(
        service,
        actor,
        signed.id,
        held_on=date(2026, 9, 1),
        measurements={"g1": "45%"},
        action_statuses={"a1": "done"},
        stage=2,
        stage_evidence="Peer trainers co-deliver",
        next_review_on=date(2026, 12, 1),
    )
    assert first.plan_version == 1 and second.stage == 2
    values = [
        (m.measured_on, m.value, m.review_id) for m in service.reviews.measurements(signed.id)
    ]
    assert values == [(date(2026, 6, 1), 31.0, first.id), (date(2026, 9, 1), 45.0, second.id)]
    plan = service.plans.plan(signed.id)
    assert service.reviews.action_statuses(plan) == {"a1": "done"}
    assert service.reviews.next_review_due(plan) == date(2026, 12, 1)


def test_bad_review_input_is_refused_and_nothing_is_saved(service, actor, signed):
    assert "before the plan began" in refused(
        lambda: review(service, actor, signed.id, held_on=date(2026, 1, 5)), "held_on"
    )
    assert "'lots' is not a number" in refused(
        lambda: review(service, actor, signed.id, measurements={"g1": "lots"}),
        "measurements.g1",
    )
    assert "must come after" in refused(
        lambda: review(service, actor, signed.id, next_review_on=date(2026, 5, 1)),
        "next_review_on",
    )
    assert "what shows" in refused(
        lambda: review(service, actor, signed.id, stage=3), "stage_evidence"
    )
    assert (
        service.reviews.reviews(signed.id) == [] and service.reviews.measurements(signed.id) == []
    )


def test_measurements_between_reviews(service, actor, signed):
    service.reviews.add_measurement(actor, signed.id, "g1", date(2026, 4, 1), "24")
    assert "before the plan began" in refused(
        lambda: service.reviews.add_measurement(actor, signed.id, "g1", date(2025, 4, 1), "24"),
        "measured_on",
    )
    assert "not a number" in refused(
        lambda: service.reviews.add_measurement(actor, signed.id, "g1", date(2026, 5, 1), "n/a"),
        "value",
    )
    assert [m.value for m in service.reviews.measurements(signed.id)] == [24.0]


def test_a_closed_plan_refuses_a_review_and_a_figure_until_it_is_reopened(service, actor, signed):
    closed = service.plans.set_plan_status(
        actor, signed.id, signed.version, "closed", "The service was recommissioned."
    )
    audited = len(service.history("plan"))
    assert "This plan is closed without completing, so it cannot be reviewed" in refused(
        lambda: review(service, actor, signed.id), "status"
    )
    assert "cannot be given a new figure: reopen it first" in refused(
        lambda: service.reviews.add_measurement(actor, signed.id, "g1", date(2026, 4, 1), "24"),
        "status",
    )
    assert service.reviews.reviews(signed.id) == []
    assert service.reviews.measurements(signed.id) == []
    assert len(service.history("plan")) == audited  # nothing written, nothing audited

    service.plans.set_plan_status(actor, signed.id, closed.version, "open")
    assert review(service, actor, signed.id).learned == "Peer trainers need paid time"


@pytest.mark.parametrize("typed", ["nan", "inf", "-Infinity", "1e999", "2e12"])
def test_a_figure_that_is_not_finite_or_is_beyond_bounds_is_refused_and_nothing_is_kept(
    service, actor, signed, typed
):
    said = refused(
        lambda: service.reviews.add_measurement(actor, signed.id, "g1", date(2026, 6, 1), typed),
        "value",
    )
    assert f"'{typed}' is not a figure that can be measured" in said
    assert "between -1,000,000,000,000 and 1,000,000,000,000" in said
    assert service.reviews.measurements(signed.id) == []
