"""The role table's rows for success stories against a priority: everyone who reads the plan
reads its stories (which ones, the consent decides: tests/unit/test_stories.py); whoever may
work on the plan adds and changes them. The change rows find the story the add row made at the
same place a moment before (they run in this order, with the same roles allowed); where the
add was refused there is none, and the gate refuses before any story is looked up."""

from __future__ import annotations

from datetime import date

from tests.unit.roles_expected import FACILITATOR, LEAD, MEMBER, UseCase, read_everywhere, write

TOLD = date(2026, 5, 1)


def _story(local, plan_id: int) -> tuple[int, int]:
    """The newest story of the plan (id and version), or (0, 0) when there is none."""
    found = local.stories.stories(plan_id)
    return (found[-1].id, found[-1].version) if found else (0, 0)


def _add(svc, actor, plan_id: int, role: str):
    return svc.stories.add_story(
        actor, plan_id, text=f"Told to a {role}: she now runs the group.", consent="board",
        told_on=TOLD,
    )  # fmt: skip


def _update(svc, local, actor, plan_id: int, role: str):
    story_id, version = _story(local, plan_id)
    return svc.stories.update_story(
        actor, plan_id, story_id, version, text=f"Changed by a {role}.", consent="public",
        told_on=TOLD,
    )  # fmt: skip


def _withdraw(svc, local, actor, plan_id: int):
    return svc.stories.withdraw_consent(actor, plan_id, *_story(local, plan_id))


STORY_CASES = [
    UseCase(
        "stories.stories",
        lambda svc, local, actor, side, role: svc.stories.stories(side.plan),
        read_everywhere(),
    ),
    UseCase(
        "stories.add_story",
        lambda svc, local, actor, side, role: _add(svc, actor, side.plan, role),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "stories.update_story",
        lambda svc, local, actor, side, role: _update(svc, local, actor, side.plan, role),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "stories.withdraw_consent",
        lambda svc, local, actor, side, role: _withdraw(svc, local, actor, side.plan),
        write(FACILITATOR, LEAD),
    ),
    UseCase(
        "stories.add_story (a TRIP priority: the team's own)",
        lambda svc, local, actor, side, role: _add(svc, actor, side.priority, role),
        write(FACILITATOR, MEMBER),
    ),
]
