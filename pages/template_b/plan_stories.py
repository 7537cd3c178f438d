"""A priority's success stories: what changed for someone, each with the consent given, its
date and who recorded it; and, for those who may work on the plan, the forms to add one, change
one or withdraw its consent. The service decides which stories a person reads (their consent)."""

from __future__ import annotations

import streamlit as st

from assessments.records.plans import Plan
from assessments.records.stories import CONSENTS, Consent, Story, consent_text
from pages.kit import ui
from pages.kit.stored_form import StoredForm

FIELDS = ("text", "consent", "told_on")
TOLD = "stories:told"
NO_NAMES = (
    "Never write the name of a person who uses services, nor anything that would identify "
    "them (an address, a date of birth, a rare detail): write 'a woman in her thirties', 'a "
    "carer' or initials. A story that seems to name someone is refused."
)


def stories(svc, actor, plan: Plan, writes: bool) -> None:
    st.header("Success stories", anchor=False)
    ui.show_told(TOLD)
    st.caption(
        "What changed for someone, told in their own way, kept with the consent they gave. "
        "A story shared within the team only is read by the people who work here; one shared "
        "in board reports is also read by commissioners and appears in the board report."
    )
    found = svc.stories.stories(plan.id)
    if not found:
        st.info("No success story is recorded here yet, or none you may read.")
    for story in found:
        _story(svc, actor, plan, story, writes)
    if writes and plan.open:
        _add(svc, actor, plan)


def _story(svc, actor, plan: Plan, story: Story, writes: bool) -> None:
    with st.container(border=True):
        if story.withdrawn:
            st.markdown(
                f"*Consent withdrawn on {ui.day(story.withdrawn_on)}: the story was removed.*"
            )
            return
        st.markdown(ui.as_text(story.text))  # as typed: never read as markdown
        st.caption(
            ui.as_text(
                f"{ui.day(story.told_on)} · {consent_text(story.consent)} · recorded by "
                f"{story.recorded_by} ({story.recorded_as})"
            )
        )
        if not writes:
            return
        with st.expander("Change this story, or withdraw its consent"):
            form = StoredForm(f"story:{story.id}", FIELDS)

            def save(version: int) -> tuple[int, dict]:
                typed = form.typed()
                saved = svc.stories.update_story(actor, plan.id, story.id, version, **typed)
                ui.tell(TOLD, "Saved the story.")
                return saved.version, _values(saved)

            def fresh() -> tuple[int, dict]:
                now = next(s for s in svc.stories.stories(plan.id) if s.id == story.id)
                return now.version, _values(now)

            with form.showing(story.id, story.version, _values(story)):
                _fields(form)
                ui.save_button(form, "Save the story", f"story:{story.id}:save", save, fresh)

            def withdraw() -> None:
                svc.stories.withdraw_consent(actor, plan.id, story.id, story.version)
                ui.tell(TOLD, "Consent withdrawn: the story's words were removed.")

            ui.submit(
                "Consent withdrawn: remove the story's words",
                f"story:{story.id}:withdraw",
                withdraw,
                icon=":material/block:",
                primary=False,
            )


def _add(svc, actor, plan: Plan) -> None:
    with st.expander("Record a success story", icon=":material/auto_stories:"):
        st.warning(NO_NAMES, icon=":material/badge:")
        form = StoredForm(f"story-new:{plan.id}", FIELDS)
        blank = {"text": "", "consent": None, "told_on": svc.today()}
        with form.showing("new", 0, blank):
            _fields(form)

        def add() -> None:
            svc.stories.add_story(actor, plan.id, **form.typed())
            form.saved(0, blank)
            ui.tell(TOLD, "Recorded the story.")

        ui.submit("Record the story", f"story-new:{plan.id}:save", add, icon=":material/save:")


def _fields(form: StoredForm) -> None:
    st.text_area("The story", max_chars=5000, help=NO_NAMES, **form.bind("text"))
    st.radio(
        "Consent the person gave to share it",
        list(CONSENTS),
        format_func=CONSENTS.get,
        help="A story told without consent to share it is not recorded here.",
        **form.bind("consent"),
    )
    st.date_input("When it was told", format="DD/MM/YYYY", **form.bind("told_on"))


def _values(story: Story) -> dict:
    consent = None if story.consent == Consent.WITHDRAWN else story.consent.value
    return {"text": story.text, "consent": consent, "told_on": story.told_on}
