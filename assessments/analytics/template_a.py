"""Tables made from one round's records: the paper's Template A, the spread of each stakeholder
group's views, and the advice to consider some challenges early.

Pure functions of frozen records and the loaded framework: no database, no Streamlit. Every
chart in `charts.py` is drawn from one of these frames, so each chart has a table view.

Stages are ordinal (1 Engagement, 2 Development, 3 Transformation): they are shown as text or
counted, never averaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from assessments.analytics.small_groups import counted, shown
from assessments.records import Answer, ChallengeRecord, GroupView
from framework.model import Challenge, Framework, StakeholderGroup

# The four answers a person can give about a challenge, in the order they are shown.
STAGE_ANSWERS = ("Stage 1", "Stage 2", "Stage 3", "Not sure")
NOT_AGREED = "Not agreed"
NOT_DECIDED = "Not decided yet"

TEMPLATE_A_COLUMNS = ["No.", "Challenge", "Stage", "Priority", "Comments"]
VIEWS_COLUMNS = ["challenge_id", "No.", "Challenge", "group_id", "Group", "Answer", "People"]
SPREAD_COLUMNS = ["Group", *STAGE_ANSWERS, "Total", "Note"]
HIDDEN_COLUMNS = ["No.", "Challenge", "Group", "Views"]


def stage_number(stage: str) -> int | None:
    """The stage a "Stage" text of `template_a_table` names, or None for "Not agreed" and
    "Not decided yet". The text starts with its number, so this is its exact inverse."""
    first = stage.split(" ", 1)[0]
    return int(first) if first.isdigit() else None


def template_a_table(framework: Framework, records: dict[str, ChallengeRecord]) -> pd.DataFrame:
    """The paper's Template A: one row per challenge, in framework order.

    `records` is keyed by challenge id; a challenge with no record is "Not decided yet". The
    index is the challenge id (named "challenge_id"), so the visible columns are exactly the
    paper's: No., Challenge, Stage, Priority (nullable Int64) and Comments. Stage is text with
    a categorical dtype whose categories are all five texts in display order ("1 Engagement"
    ... "Not agreed", "Not decided yet"), so the whole scale travels with the table even when
    no challenge sits at some stage.
    """
    # Number first, as the room says them: "1 Engagement", "2 Development", "3 Transformation".
    names = {s.number: f"{s.number} {s.name}" for s in framework.stages or ()}
    rows = []
    for challenge in framework.challenges:
        answer = _answer(records, challenge.id)
        if answer.not_agreed:
            stage = NOT_AGREED
        elif answer.agreed_stage is not None:
            stage = names[answer.agreed_stage]
        else:
            stage = NOT_DECIDED
        rows.append(
            {
                "challenge_id": challenge.id,
                "No.": challenge.number,
                "Challenge": challenge.short_title or challenge.title,
                "Stage": stage,
                "Priority": answer.priority,
                "Comments": _comments(answer),
            }
        )
    frame = pd.DataFrame(rows, columns=["challenge_id", *TEMPLATE_A_COLUMNS])
    scale = pd.CategoricalDtype([*names.values(), NOT_AGREED, NOT_DECIDED])
    frame = frame.astype({"No.": "int64", "Stage": scale, "Priority": "Int64", "Comments": "str"})
    return frame.set_index("challenge_id")


def views_table(
    framework: Framework,
    groups: Sequence[StakeholderGroup],
    records: dict[str, ChallengeRecord],
) -> pd.DataFrame:
    """Every group's view of every challenge, tidy: one row per challenge, group and answer.

    Only groups that gave a view of a challenge (a count or a note) appear for it, and never
    a phone vote of fewer than 5 voters (`hidden_views` lists those). Their zero
    counts are kept, so each group has all four answers in order: stacked bars keep the same
    four segments and a pivot of this table has no holes. Columns: challenge_id, No.,
    Challenge, group_id, Group, Answer ("Stage 1" ... "Not sure") and People (int).
    """
    rows = []
    for challenge in framework.challenges:
        for group_id, name, view in _views_in_order(groups, _answer(records, challenge.id)):
            for answer, people in view.counts.items():
                rows.append(
                    {
                        "challenge_id": challenge.id,
                        "No.": challenge.number,
                        "Challenge": challenge.short_title or challenge.title,
                        "group_id": group_id,
                        "Group": name,
                        "Answer": answer,
                        "People": people,
                    }
                )
    return pd.DataFrame(rows, columns=VIEWS_COLUMNS).astype({"No.": "int64", "People": "int64"})


def group_spread(groups: Sequence[StakeholderGroup], record: ChallengeRecord) -> pd.DataFrame:
    """For one challenge, how many people in each group said each stage, beside their note.

    One row per group that gave a view (but a phone vote of fewer than 5 voters), in the
    groups' display order. Columns: Group, Stage 1,
    Stage 2, Stage 3, Not sure, Total (all int) and Note.
    """
    rows = [
        {"Group": name, **view.counts, "Total": sum(view.counts.values()), "Note": view.note}
        for _, name, view in _views_in_order(groups, record.answer)
    ]
    counts = dict.fromkeys([*STAGE_ANSWERS, "Total"], "int64")
    return pd.DataFrame(rows, columns=SPREAD_COLUMNS).astype(counts)


def hidden_views(
    framework: Framework,
    groups: Sequence[StakeholderGroup],
    records: dict[str, ChallengeRecord],
) -> pd.DataFrame:
    """The group views left out of `views_table` and `group_spread`: phone votes of fewer than
    5 voters, each said as only that. Columns: No., Challenge, Group, Views ("fewer than 5
    (by phone)")."""
    names = {g.id: g.name for g in groups}
    rows = [
        (c.number, c.short_title or c.title, names.get(v.group, v.group), shown(v).text)
        for c in framework.challenges
        for v in _answer(records, c.id).views
        if shown(v).suppressed
    ]
    return pd.DataFrame(rows, columns=HIDDEN_COLUMNS)


def agreed_stage_counts(framework: Framework, records: dict[str, ChallengeRecord]) -> pd.DataFrame:
    """How many challenges the room placed at each stage, or could not agree, or has not yet
    decided. Always five rows, zeros included, so the table reads the same every time.
    Columns: Stage (as in `template_a_table`) and Challenges (int)."""
    stage = template_a_table(framework, records)["Stage"]
    counts = stage.value_counts(sort=False)  # a categorical counts every category, zeros too
    return pd.DataFrame(
        {"Stage": counts.index.astype("str"), "Challenges": counts.to_numpy(dtype="int64")}
    )


@dataclass(frozen=True)
class EarlyAttention:
    """The method's advice to consider some challenges early, when the room's top priorities
    leave them out."""

    missing: tuple[Challenge, ...]  # advised early, but not ranked 1..at_most_open
    why: str | None
    at_most_open: int


def moderation_table(framework: Framework, records: dict[str, ChallengeRecord]) -> pd.DataFrame:
    """The challenges with a moderated rating: the room's own stage beside it, whether they
    differ in words (never by colour alone), who moderated and why. Stages stay whole numbers."""
    rows = []
    for challenge in framework.challenges:
        record = records.get(challenge.id)
        if record is None or record.moderation is None:
            continue
        moderated, own = record.moderation, record.answer.agreed_stage
        if own is None:
            differs = "The room gave no stage"
        elif moderated.stage == own:
            differs = "Same"
        else:
            differs = f"Differs: moderated {'higher' if moderated.stage > own else 'lower'}"
        rows.append(
            (
                challenge.number,
                challenge.short_title,
                "Not agreed" if own is None else f"Stage {own}",
                f"Stage {moderated.stage}",
                differs,
                f"{moderated.moderated_by} ({moderated.moderated_as})",
                moderated.reasons,
                moderated.evidence,
            )
        )
    columns = ["No.", "Challenge", "Own rating", "Moderated", "Difference", "By", "Why", "Evidence"]
    return pd.DataFrame(rows, columns=columns)


def early_attention(
    framework: Framework, records: dict[str, ChallengeRecord]
) -> EarlyAttention | None:
    """The challenges the method advises considering early that have no priority within the
    first `at_most_open` ranks, or None when there is nothing to say: the framework gives no
    advice, the room has not ranked anything yet, or every advised challenge is ranked."""
    advice = framework.priorities
    if advice is None:
        return None
    ranks = {c.id: _answer(records, c.id).priority for c in framework.challenges}
    if all(rank is None for rank in ranks.values()):
        return None  # advice before the room has ranked anything would pre-empt its own talk
    missing = tuple(
        framework.challenge(cid)
        for cid in advice.consider_early
        if not (ranks.get(cid) is not None and 1 <= ranks[cid] <= advice.at_most_open)
    )
    if not missing:
        return None
    return EarlyAttention(missing=missing, why=advice.why_early, at_most_open=advice.at_most_open)


def _answer(records: dict[str, ChallengeRecord], challenge_id: str) -> Answer:
    record = records.get(challenge_id)
    return record.answer if record is not None else Answer()


def _comments(answer: Answer) -> str:
    # Template A has one comments box: the disagreement comes first, so it is never missed.
    parts = []
    if answer.not_agreed and answer.dissent.strip():
        parts.append(f"{NOT_AGREED}: {answer.dissent.strip()}")
    if answer.comments.strip():
        parts.append(answer.comments.strip())
    return "\n".join(parts)


def _views_in_order(
    groups: Sequence[StakeholderGroup], answer: Answer
) -> Iterable[tuple[str, str, GroupView]]:
    """(group id, name, view) for every group that gave a view, in display order. A view from
    a group no longer listed is kept at the end under its id, so no one's count goes missing.
    A phone vote of fewer than 5 voters is left out: its counts are never shown."""
    given = {v.group: v for v in counted(answer.views) if not v.empty}
    for group in groups:
        if group.id in given:
            yield group.id, group.name, given.pop(group.id)
    for group_id, view in given.items():
        yield group_id, group_id, view
