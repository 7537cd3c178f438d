"""Notes read beside the methodology: today's equivalents of the indicator library's dated
references (on the framework page, and beside a plan whose goal such an indicator measures),
and what later ImROC papers add to a challenge (on the framework page, with the source)."""

from __future__ import annotations

from datetime import date

from pages.kit import routes, ui
from tests.app.conftest import LEAD
from tests.app.plan_helpers import page, texts
from tests.unit.plan_helpers import full_content, smart_goal


def test_the_framework_page_lists_the_indicator_librarys_notes():
    at = page(
        routes.FRAMEWORK.path, version="imroc-challenges@2010", challenge="c10-beyond-illness"
    )

    [library] = [e for e in at.expander if "indicator library" in e.label]
    shown = "\n".join(m.value for m in library.markdown)
    assert "**PSA 16** (changed in 2010), in: Staff with personal experience" in shown
    assert "Adult Social Care Outcomes Framework" in shown
    assert "**CPA** (changed in 2023)" in shown


def test_a_signed_plan_measured_by_a_dated_indicator_carries_its_note(round_id):
    svc = ui.service()
    plan = svc.plans.create_plan(LEAD, round_id, "c10-beyond-illness")
    goal = smart_goal(
        statement="More people on the caseload in paid work",
        measure=smart_goal().measure.model_copy(update={"indicator": "employment-rate"}),
    )
    content = full_content(current_stage=plan.latest.content.current_stage, goals=(goal,))
    saved = svc.versions.save_plan(LEAD, plan.id, plan.version, content)
    svc.versions.sign_plan(
        LEAD, plan.id, saved.version, signed_on=date(2026, 3, 20),
        commissioner_agrees=True, provider_agrees=True,
    )  # fmt: skip

    at = page(routes.PLAN.path, plan=str(plan.id))

    assert "**Today:** PSA 16 (changed in 2010)." in texts(at)


def test_the_framework_page_shows_what_later_papers_add_with_their_source():
    at = page(routes.FRAMEWORK.path, version="imroc-challenges@2018", challenge="c08-workforce")

    later = [e for e in at.expander if e.label.startswith("From a later paper:")]
    assert [e.label for e in later] == [
        "From a later paper: Peer support roles",
        "From a later paper: Training for peer support workers",
        "From a later paper: Supervision and 'Wellness at Work' plans",
    ]
    assert any("Briefing Paper 17" in c.value for c in later[2].caption)
