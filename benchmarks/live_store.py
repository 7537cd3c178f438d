"""After a vote closes: does the store hold exactly what the phones were told was stored? Both
places a vote lands are read: the votes table (one row per phone per ballot) and the group views
the close wrote (the same records a hand count makes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from assessments import store
from assessments.analytics.votes import exact_counts
from assessments.records import ChallengeRecord
from assessments.records.votes import ANSWERS, VoteQuestion
from assessments.service.votes import PHONE_VOTE_NOTE
from benchmarks.live_voters import STORED, Send


@dataclass(frozen=True)
class Checked:
    missing: int  # acknowledged votes not in the votes table or not counted in the group views
    exact: bool  # both hold exactly the acknowledged votes: none missing, none extra


def expected_votes(sends: list[Send]) -> tuple[dict[str, tuple], dict[str, int]]:
    """Per phone (its token's hash, as stored): the last vote it was told was stored (a phone
    sends one vote at a time, so that is its vote), and how many sends it was told so of."""
    last: dict[str, tuple[str, str, int | None]] = {}
    told: dict[str, int] = {}
    for send in sends:
        if send.outcome == STORED:
            device = hashlib.sha256(send.device.encode()).hexdigest()
            last[device] = (send.group, send.answer, send.priority)
            told[device] = told.get(device, 0) + 1
    return last, told


def check_question(
    engine: Engine, question: VoteQuestion, record: ChallengeRecord, sends: list[Send]
) -> Checked:
    want, acknowledged = expected_votes(sends)
    v = store.votes
    with engine.connect() as conn:
        rows = conn.execute(
            select(v.c.device, v.c.group_id, v.c.answer, v.c.priority).where(
                v.c.question_id == question.id, v.c.ballot == question.ballot
            )
        ).all()
    held = {row[0]: (row[1], row[2], row[3]) for row in rows}
    missing_rows = sum(
        acknowledged[device] if device not in held else int(held[device] != vote)
        for device, vote in want.items()
    )
    extra_rows = len(set(held) - set(want))

    note = PHONE_VOTE_NOTE.format(code=question.code, ballot=question.ballot)
    counted = exact_counts((group, answer) for group, answer, _ in want.values())
    missing_views, views_exact = 0, True
    for view in record.answer.views:
        if view.note != note:
            continue
        got = {answer: getattr(view, column) for answer, column in ANSWERS.items()}
        wanted = counted.pop(view.group, dict.fromkeys(ANSWERS, 0))
        missing_views += sum(max(0, wanted[a] - got[a]) for a in ANSWERS)
        views_exact &= got == wanted
    missing_views += sum(sum(found.values()) for found in counted.values())  # groups not written
    missing = max(missing_rows, missing_views)
    return Checked(missing, missing == 0 and extra_rows == 0 and views_exact and not counted)
