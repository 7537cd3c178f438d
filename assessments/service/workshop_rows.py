"""Rows of a Template A round's challenge records to records and back, and the differences a
refused stale save shows."""

from __future__ import annotations

from collections.abc import Iterable

from assessments import store
from assessments.analytics.small_groups import shown
from assessments.records import Answer, ChallengeRecord, Difference, GroupView, Moderation
from assessments.service.ledger import as_utc, differences_between


def stage_text(answer: Answer) -> str:
    if answer.not_agreed:
        return "Not agreed"
    return f"Stage {answer.agreed_stage}" if answer.agreed_stage else "Not decided yet"


def view_text(view: GroupView) -> str:
    seen = shown(view)  # a small phone vote is "fewer than 5" here too
    counts = ", ".join(f"{k} {v}" for k, v in (seen.counts or {}).items())
    return f"{counts or seen.text}; note: {view.note or '(none)'}"


def moderation_columns() -> tuple:
    """The moderation's columns to read beside a challenge record's (outer-joined): one
    statement reads both."""
    m = store.moderations
    return tuple(column.label(f"m_{column.name}") for column in m.c if column.name != "record_id")


def moderation_from_row(row) -> Moderation | None:
    if row.get("m_stage") is None:
        return None
    return Moderation(
        row["m_stage"],
        row["m_reasons"],
        row["m_evidence"],
        row["m_moderated_by"],
        row["m_moderated_as"],
        row["m_version"],
        as_utc(row["m_updated_at"]),
    )


def record_from_row(row, views: Iterable, group_order: list[str]) -> ChallengeRecord:
    found = [
        GroupView(
            v["group_id"],
            v["stage_1"],
            v["stage_2"],
            v["stage_3"],
            v["not_sure"],
            v["note"],
            bool(v["phone_vote"]),
        )
        for v in views
    ]
    answer = Answer(
        views=tuple(sorted(found, key=lambda v: group_order.index(v.group))),
        agreed_stage=row["agreed_stage"],
        not_agreed=bool(row["not_agreed"]),
        dissent=row["dissent"],
        priority=row["priority"],
        comments=row["comments"],
        evidence=row["evidence"],
    )
    return ChallengeRecord(
        row["round_id"],
        row["challenge_id"],
        answer,
        row["version"],
        as_utc(row["updated_at"]),
        moderation_from_row(row),
    )


def answer_row(answer: Answer) -> dict:
    return {
        "agreed_stage": answer.agreed_stage,
        "not_agreed": answer.not_agreed,
        "dissent": answer.dissent,
        "priority": answer.priority,
        "comments": answer.comments,
        "evidence": answer.evidence,
    }


def view_row(record_id: int, view: GroupView) -> dict:
    return {
        "record_id": record_id,
        "group_id": view.group,
        "stage_1": view.stage_1,
        "stage_2": view.stage_2,
        "stage_3": view.stage_3,
        "not_sure": view.not_sure,
        "note": view.note,
        "phone_vote": view.phone_vote,
    }


def answer_differences(yours: Answer, stored: Answer, groups: dict[str, str]) -> list[Difference]:
    found = []
    if (yours.agreed_stage, yours.not_agreed) != (stored.agreed_stage, stored.not_agreed):
        found.append(Difference("Agreed stage", stage_text(yours), stage_text(stored)))
    found += differences_between(
        yours,
        stored,
        {
            "dissent": "Where views differ",
            "priority": "Priority for action",
            "comments": "Comments",
            "evidence": "Evidence",
        },
    )
    for group, title in groups.items():
        mine, theirs = yours.view(group), stored.view(group)
        if mine != theirs:
            found.append(Difference(f"View of {title.lower()}", view_text(mine), view_text(theirs)))
    return found
