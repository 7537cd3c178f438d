"""The 2018 wording with adapted stages on screen: the framework page and the workshop say in one
line where the stage wording is this tool's, and show the 2018 paper's areas for future focus;
the plain 2018 version, which earlier rounds were rated on, says nothing of the kind."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor
from pages.kit import routes, ui
from tests.app.conftest import open_page

ADAPTED, V2018 = "imroc-challenges@2018-adapted", "imroc-challenges@2018"
LINE = (
    "Stage wording adapted by this tool from “Recovery: the business case” (2018); "
    "the source published none."
)
FACILITATOR = Actor("Sam Okafor", "Facilitator")


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def shown(at) -> str:
    return " ".join(texts(at.markdown) + texts(at.caption))


@pytest.mark.parametrize("cid", ["c03-recovery-college", "c06-safety", "c09-staff-wellbeing",
                                 "c10-life-goals"])  # fmt: skip
def test_the_framework_page_says_which_stage_wording_is_adapted(cid):
    at = open_page(routes.FRAMEWORK.path, version=ADAPTED, challenge=cid)

    captions = " ".join(texts(at.caption))
    assert LINE in captions
    assert "Built from: Key organisational challenge" in captions
    assert "Indicators and data sources as published in imroc-challenges@2010" in captions


def test_the_framework_page_shows_the_adapted_descriptors_and_the_future_focus():
    at = open_page(routes.FRAMEWORK.path, version=ADAPTED, challenge="c06-safety")

    assert "de-escalation" in shown(at) and "No Force First" in shown(at)
    assert texts(at.header)[-1] == "Areas for future focus"
    for area in ("Experiences of family", "Physical health", "Ethnicity", "Community partnerships"):
        assert f"**{area}**" in shown(at)
    assert "Slade" in " ".join(texts(at.caption))


def test_a_challenge_on_published_descriptors_says_so_and_not_adapted():
    at = open_page(routes.FRAMEWORK.path, version=ADAPTED, challenge="c01-interactions")
    assert "adapted by this tool" not in shown(at)
    assert any("renamed the challenge only" in c for c in texts(at.caption))


def test_the_plain_2018_version_is_as_it_was():
    at = open_page(routes.FRAMEWORK.path, version=V2018, challenge="c06-safety")

    assert "adapted by this tool" not in shown(at)
    assert "less than 25%" in shown(at)  # still the 2010 descriptors
    assert "Areas for future focus" not in texts(at.header)


@pytest.fixture
def adapted_round(own_store) -> int:
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Adapted Demo Trust (fictional)")
    return svc.workshop.create_round(
        FACILITATOR, org.id, framework=ADAPTED, held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants={"people-using-services": 6},
    ).id  # fmt: skip


def workshop(round_id: int, challenge: str, **query: str):
    at = open_page(None, round=str(round_id), challenge=challenge, **query)
    at.session_state["actor"] = FACILITATOR
    at.switch_page(routes.WORKSHOP.path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stage_row(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith('<div class="stage-row'))


@pytest.mark.parametrize("view", [{}, {"view": "room"}], ids=["full", "presentation"])
def test_the_workshop_says_so_under_the_stages_in_both_views(adapted_round, view):
    at = workshop(adapted_round, "c09-staff-wellbeing", **view)

    row = stage_row(at)
    assert LINE in row
    # The full descriptor in the full view, its brief in the presentation view.
    assert ("presenteeism" in row) == (not view)
    other = workshop(adapted_round, "c08-workforce", **view)
    assert "adapted by this tool" not in stage_row(other)


def test_the_workshop_offers_the_areas_for_future_focus(adapted_round):
    at = workshop(adapted_round, "c03-recovery-college")

    assert "Areas for future focus (not rated)" in [e.label for e in at.expander]
    assert "**Experiences of family**" in shown(at)
