"""Success stories against a priority: kept with the consent given and who recorded them,
never naming a person who uses services, changed only over the version read, their words
removed for good when consent is withdrawn, and read only by those the consent reaches."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from assessments.records.accounts import Account, Role, Scope
from assessments.records.stories import Consent, consent_text
from assessments.rules.errors import NotAllowed, StaleSave
from assessments.rules.permissions import Access
from assessments.rules.stories import names_in
from assessments.service import Service
from exports.board_report import ReportScope, build_report
from tests.unit.service_helpers import refused

TOLD = date(2026, 9, 14)
WORDS = "A man in his forties who had not left the ward for months now helps run the garden."


def _add(service, actor, plan_id: int, consent: str = "board", text: str = WORDS):
    return service.stories.add_story(actor, plan_id, text=text, consent=consent, told_on=TOLD)


def _as(service, role: Role, org_id: int) -> Service:
    account = Account(
        id=90, username=role.value, display_name=f"{role.value} person", role=role,
        scopes=(Scope(org_id),), disabled_at=None, version=1, created_at=datetime.now(UTC),
    )  # fmt: skip
    return Service(service.engine, service.definitions, service.today, access=Access(account))


def test_a_story_is_kept_with_its_consent_date_and_who_recorded_it(service, actor, plan):
    story = _add(service, actor, plan.id, "public")

    assert service.stories.stories(plan.id) == [story]
    assert (story.text, story.consent, story.told_on) == (WORDS, Consent.PUBLIC, TOLD)
    assert (story.recorded_by, story.recorded_as, story.version) == (actor.name, actor.role, 1)
    assert consent_text(story.consent) == (
        "Consent to share: within the team, in board reports and publicly"
    )
    assert plan.latest == service.plans.plan(plan.id).latest  # the plan itself is untouched


@pytest.mark.parametrize(
    "text, named",
    [
        ("Jane Smith came back to the group every week.", "'Jane Smith'"),
        ("In March Sam Okafor ran the session with her.", "'Sam Okafor'"),
        ("Mrs Khan says the ward feels different now.", "'Mrs Khan'"),
    ],
)
def test_a_story_that_names_someone_is_refused_and_nothing_is_kept(
    service, actor, plan, text, named
):
    message = refused(lambda: _add(service, actor, plan.id, text=text), "text")

    assert named in message and "Never name a person who uses services" in message
    assert service.stories.stories(plan.id) == []


def test_roles_places_and_times_are_not_taken_for_names():
    text = (
        "After Christmas she joined the Recovery College. The Peer Worker met her on Tuesday "
        "at the Northfield Library, and Our Team Manager came too."
    )
    assert names_in(text) == []


def test_a_story_needs_words_a_consent_given_and_a_real_date(service, actor, plan):
    assert "is empty" in refused(lambda: _add(service, actor, plan.id, text="  "), "text")
    message = refused(lambda: _add(service, actor, plan.id, consent="none"), "consent")
    assert "without consent to share it is not recorded" in message
    assert "withdrawn" not in message
    with pytest.raises(Exception, match="a date from"):
        service.stories.add_story(
            actor, plan.id, text=WORDS, consent="team", told_on=date(1999, 1, 1)
        )
    assert service.stories.stories(plan.id) == []


def test_a_change_over_a_newer_version_is_refused_and_changes_nothing(service, actor, plan):
    story = _add(service, actor, plan.id, "team")
    changed = service.stories.update_story(
        actor, plan.id, story.id, story.version, text=WORDS + " He trains others.",
        consent="board", told_on=TOLD,
    )  # fmt: skip
    assert (changed.version, changed.consent) == (2, Consent.BOARD)

    with pytest.raises(StaleSave):
        service.stories.update_story(
            actor, plan.id, story.id, story.version, text="Older words", consent="team",
            told_on=TOLD,
        )  # fmt: skip
    assert service.stories.stories(plan.id) == [changed]


def test_withdrawn_consent_removes_the_words_for_good(service, actor, plan):
    story = _add(service, actor, plan.id, "board")

    gone = service.stories.withdraw_consent(actor, plan.id, story.id, story.version)

    assert (gone.text, gone.consent) == ("", Consent.WITHDRAWN)
    assert gone.withdrawn_on == date(2026, 11, 23)  # the service's today
    assert consent_text(gone.consent) == "Consent withdrawn: the story was removed"
    logged = service.history("story", story.id)
    assert len(logged) == 2 and all(WORDS not in str(e) for e in logged)
    again = refused(
        lambda: service.stories.update_story(
            actor, plan.id, story.id, gone.version, text=WORDS, consent="board", told_on=TOLD
        ),
        "consent",
    )
    assert "record it again as a new story" in again


def test_readers_beyond_the_team_see_only_stories_shared_with_them(service, actor, plan, org):
    team_only = _add(service, actor, plan.id, "team")
    board = _add(service, actor, plan.id, "board")
    public = _add(service, actor, plan.id, "public")
    service.stories.withdraw_consent(actor, plan.id, board.id, board.version)
    board_again = _add(service, actor, plan.id, "board")

    for role in (Role.COMMISSIONER, Role.VIEWER):
        seen = _as(service, role, org.id).stories.stories(plan.id)
        assert [s.id for s in seen] == [public.id, board_again.id]
    for role in (Role.FACILITATOR, Role.PROVIDER_LEAD, Role.TEAM_MEMBER):
        seen = _as(service, role, org.id).stories.stories(plan.id)
        assert [s.id for s in seen] == [team_only.id, board.id, public.id, board_again.id]


def test_a_story_is_changed_only_through_its_own_plan(service, actor, plan, round_):
    story = _add(service, actor, plan.id)
    other = service.plans.create_plan(actor, round_.id, "c04-leadership")

    with pytest.raises(NotAllowed, match="belongs to another plan"):
        service.stories.withdraw_consent(actor, other.id, story.id, story.version)
    assert service.stories.stories(plan.id) == [story]


def test_the_board_report_carries_only_stories_shared_for_board_reports(service, actor, plan, org):
    _add(service, actor, plan.id, "team", text="Kept within the team: " + WORDS)
    _add(service, actor, plan.id, "board")
    withdrawn = _add(service, actor, plan.id, "public", text="Withdrawn later: " + WORDS)
    service.stories.withdraw_consent(actor, plan.id, withdrawn.id, withdrawn.version)

    book = load_workbook(io.BytesIO(build_report(service, ReportScope.parse(f"org:{org.id}"))))
    cells = [c.value for ws in book for row in ws.iter_rows() for c in row if c.value]

    assert WORDS in cells
    assert consent_text(Consent.BOARD) in cells
    assert not any("Kept within the team" in str(c) or "Withdrawn later" in str(c) for c in cells)
