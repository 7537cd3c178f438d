"""A priority's success stories on its page: recorded with the consent given, a story that
names someone refused with the form kept, kept through visits to other parts, changed, and its
words removed when consent is withdrawn; a commissioner reads only those shared with them."""

from __future__ import annotations

from datetime import date

from assessments.records import Actor
from assessments.records.accounts import Scope
from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY, open_page
from tests.app.plan_helpers import page, texts

PASSWORD = "correct horse battery staple"
BY = Actor("Command line", "Administrator")
WORDS = "A woman in her thirties now co-facilitates the hearing voices group each week."


def _plan(round_id: int):
    return ui.service().plans.create_plan(LEAD, round_id, "c02-education")


def _stories(at, plan_id: int):
    at.segmented_control(key=f"part:{plan_id}").set_value("stories").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_story_is_recorded_kept_across_parts_changed_and_withdrawn(round_id):
    plan = _plan(round_id)
    at = _stories(page(routes.PLAN.path, plan=str(plan.id)), plan.id)
    assert "Never write the name of a person who uses services" in texts(at)
    new = f"story-new:{plan.id}:{{}}".format

    at.text_area(key=new("text")).input("Jane Smith now runs the group.")
    at.radio(key=new("consent")).set_value("board")
    at = _click(at, "Record the story")
    assert "'Jane Smith'" in texts(at)
    assert at.text_area(key=new("text")).value == "Jane Smith now runs the group."  # kept
    assert ui.service().stories.stories(plan.id) == []

    at.text_area(key=new("text")).input(WORDS)
    at = _click(at, "Record the story")
    [story] = ui.service().stories.stories(plan.id)
    # The service's own today: a run that crosses midnight must not fail here.
    assert (story.text, story.consent, story.told_on) == (WORDS, "board", ui.service().today())
    assert "Recorded the story." in texts(at)
    assert at.text_area(key=new("text")).value == ""

    # To another part and back: the stored story is shown, nothing is written.
    at.segmented_control(key=f"part:{plan.id}").set_value("progress").run()
    at = _stories(at, plan.id)
    assert ui.as_text(WORDS) in texts(at)
    assert at.text_area(key=f"story:{story.id}:text").value == WORDS
    assert ui.service().stories.stories(plan.id) == [story]

    at.radio(key=f"story:{story.id}:consent").set_value("team")
    at = _click(at, "Save the story")
    assert ui.service().stories.stories(plan.id)[0].consent == "team"

    at = _click(at, "Consent withdrawn: remove the story's words")
    [gone] = ui.service().stories.stories(plan.id)
    assert (gone.text, gone.consent) == ("", "withdrawn")
    assert ui.as_text(WORDS) not in texts(at) and "the story was removed" in texts(at)


def test_a_commissioner_reads_only_the_stories_shared_beyond_the_team(round_id):
    """Signed in (once an account exists, everyone signs in): the team's own story is not
    shown, nor the form to record one."""
    plan = _plan(round_id)
    svc = ui.service()
    for consent in ("team", "board"):
        svc.stories.add_story(
            LEAD, plan.id, text=f"Shared: {consent}. " + WORDS, consent=consent,
            told_on=date(TODAY.year - 1, 3, 1),
        )  # fmt: skip
    svc.accounts.create_account(
        BY, "cara", "Cara Commissioner", "commissioner", PASSWORD, [Scope(plan.organisation_id)]
    )
    at = open_page(None, plan=str(plan.id))
    at.session_state["access:token"] = svc.accounts.sign_in("cara", PASSWORD).token
    at.switch_page(routes.PLAN.path).run()
    at = _stories(at, plan.id)

    assert "Shared: board." in texts(at) and "Shared: team." not in texts(at)
    assert "Record a success story" not in [e.label for e in at.expander]
