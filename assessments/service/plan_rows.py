"""Plans' rows and records: scope keys, and each table row as the record the pages read."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records.plans import (
    Measurement,
    Plan,
    PlanContent,
    PlanStatus,
    PlanVersion,
    Review,
    TemplateBPriority,
    TripPriority,
)
from assessments.service.ledger import as_utc


def scope_key(organisation_id: int, team_id: int | None) -> str:
    return f"org:{organisation_id}" if team_id is None else f"team:{team_id}"


def trip_scope(team_id: int) -> str:
    """A team's TRIP priorities are a scope of their own: they neither count against its
    Template B priorities nor share their limit."""
    return f"trip:{team_id}"


def content_dict(content: PlanContent) -> dict:
    return content.model_dump(mode="json")


def content_json(content: PlanContent) -> str:
    return json.dumps(content_dict(content), sort_keys=True)


def version_from_row(row) -> PlanVersion:
    return PlanVersion(
        plan_id=row["plan_id"],
        number=row["number"],
        content=PlanContent.model_validate_json(row["content"]),
        reason=row["reason"],
        signed_on=row["signed_on"],
        signed_by_commissioner=row["signed_by_commissioner"],
        signed_by_provider=row["signed_by_provider"],
        created_at=as_utc(row["created_at"]),
        created_by=row["created_by"],
    )


def plan_from_row(row, latest: PlanVersion) -> Plan:
    kind = TripPriority if row["scope"].startswith("trip:") else TemplateBPriority
    return kind(
        id=row["id"],
        organisation_id=row["organisation_id"],
        team_id=row["team_id"],
        scope=row["scope"],
        round_id=row["round_id"],
        framework=row["framework"],
        challenge_id=row["challenge_id"],
        opened_on=row["opened_on"],
        status=PlanStatus(row["status"]),
        status_reason=row["status_reason"],
        version=row["version"],
        latest=latest,
    )


def plan_audit(plan: Plan) -> dict:
    return {
        "challenge": plan.challenge_id,
        "status": plan.status,
        "status_reason": plan.status_reason,
        "version": plan.latest.number,
    }


def review_from_row(row) -> Review:
    return Review(
        id=row["id"],
        plan_id=row["plan_id"],
        plan_version=row["plan_version"],
        held_on=row["held_on"],
        stage=row["stage"],
        stage_evidence=row["stage_evidence"],
        learned=row["learned"],
        goal_outcomes=json.loads(row["goal_outcomes"]),
        action_statuses=json.loads(row["action_statuses"]),
        next_review_on=row["next_review_on"],
        version=row["version"],
    )


def measurement_from_row(row) -> Measurement:
    return Measurement(
        id=row["id"],
        plan_id=row["plan_id"],
        goal_key=row["goal_key"],
        measured_on=row["measured_on"],
        value=row["value"],
        review_id=row["review_id"],
        note=row["note"],
    )


def latest_versions(conn: Connection, plan_ids: list[int]) -> dict[int, PlanVersion]:
    v = store.plan_versions
    newest = (
        select(v.c.plan_id, func.max(v.c.number).label("number"))
        .where(v.c.plan_id.in_(plan_ids))
        .group_by(v.c.plan_id)
        .subquery()
    )
    query = select(v).join(
        newest, (v.c.plan_id == newest.c.plan_id) & (v.c.number == newest.c.number)
    )
    return {row.plan_id: version_from_row(row._mapping) for row in conn.execute(query)}
