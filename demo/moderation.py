"""The showcase's moderated ratings: the commissioner lead reviews the first provider's latest
provider-wide round beside the room's own rating: one stage lower on the first challenges the room
put at Stage 2 or above (as many as there are reasons for it), the same on the next it agreed
(demo/content/workshops.yaml)."""

from __future__ import annotations

from assessments.records import Actor, Answer
from assessments.service import Service
from demo.content import Content


def moderate(service: Service, content: Content, round_id: int, answers: dict[str, Answer]) -> int:
    """Moderate `round_id` as the demo's commissioner lead; how many challenges were."""
    said = content.workshops.moderation
    commissioner = Actor(content.people.leads[1 % len(content.people.leads)], "Commissioner")
    agreed = [(c, a.agreed_stage) for c, a in answers.items() if a.agreed_stage is not None]
    lower = [(c, s) for c, s in agreed if s >= 2][: len(said.lower)]
    same = [(c, s) for c, s in agreed if (c, s) not in lower][:1]
    chosen = [(c, s - 1, why) for (c, s), why in zip(lower, said.lower, strict=False)]
    chosen += [(c, s, said.same) for c, s in same]
    for challenge, stage, reasons in chosen:
        service.moderation.moderate(
            commissioner, round_id, challenge, 0, stage=stage, reasons=reasons,
            evidence=said.evidence,
        )  # fmt: skip
    return len(chosen)
