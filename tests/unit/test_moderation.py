"""A moderated rating beside the provider's own: kept with its reasons and evidence, both shown,
the difference said in words; refused without reasons, for a stage outside 1-3, over a newer
moderation, or for a TRIP round; the room's own rating never changes."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from assessments.analytics.template_a import moderation_table
from assessments.rules.errors import StaleSave
from exports.board_report import ReportScope, build_report
from tests.unit.service_helpers import OTHER, refused


def test_a_moderated_rating_sits_beside_the_rooms_own_with_why(service, actor, round_, framework):
    before = service.workshop.challenge_record(round_.id, "c02-education")

    moderated = service.moderation.moderate(
        actor, round_.id, "c02-education", 0, stage=1, reasons="Training is still staff-led",
        evidence="Course list, 2026",
    )  # fmt: skip

    assert moderated.answer == before.answer  # the room's own stays as it was
    assert (moderated.moderation.stage, moderated.moderation.moderated_by) == (1, actor.name)
    row = moderation_table(framework, service.workshop.challenge_records(round_.id)).iloc[0]
    assert (row["Own rating"], row["Moderated"], row["Difference"]) == (
        f"Stage {before.answer.agreed_stage}",
        "Stage 1",
        "Differs: moderated lower",
    )
    assert service.history("moderation")[0].after["reasons"] == "Training is still staff-led"


def test_reasons_are_required_and_the_stage_is_whole(service, actor, round_):
    assert "reasons" in refused(
        lambda: service.moderation.moderate(actor, round_.id, "c02-education", 0, stage=2,
                                            reasons=" "),
        "reasons",
    )  # fmt: skip
    assert "1, 2 or 3" in refused(
        lambda: service.moderation.moderate(actor, round_.id, "c02-education", 0, stage=4,
                                            reasons="Why"),
        "stage",
    )  # fmt: skip


def test_a_moderation_over_a_newer_one_is_refused_and_changes_nothing(service, actor, round_):
    first = service.moderation.moderate(
        actor, round_.id, "c03-education-centre", 0, stage=2, reasons="Some courses co-run"
    )
    service.moderation.moderate(
        OTHER, round_.id, "c03-education-centre", 1, stage=3, reasons="All courses co-run"
    )
    with pytest.raises(StaleSave):
        service.moderation.moderate(
            actor, round_.id, "c03-education-centre", first.moderation.version, stage=1,
            reasons="Late",
        )  # fmt: skip
    now = service.workshop.challenge_record(round_.id, "c03-education-centre").moderation
    assert (now.stage, now.version, now.moderated_by) == (3, 2, OTHER.name)


def test_the_board_report_carries_the_moderated_rating_beside_the_providers_own(
    service, actor, round_
):
    service.moderation.moderate(
        actor, round_.id, "c02-education", 0, stage=1, reasons="Training is still staff-led"
    )

    sheet = load_workbook(
        io.BytesIO(build_report(service, ReportScope.parse(f"org:{round_.organisation_id}")))
    )["Template A"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]

    assert "Moderated ratings, beside the provider's own" in cells
    assert "Differs: moderated lower" in cells and "Training is still staff-led" in cells
