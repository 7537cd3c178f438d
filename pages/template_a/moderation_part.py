"""Moderated ratings on a round's summary: each beside the provider's own, the difference in
words, who moderated and why; and, for a commissioner or a peer reviewer the service allows,
the form to give or change one."""

from __future__ import annotations

import streamlit as st

from assessments.analytics.template_a import moderation_table
from assessments.records import ChallengeRecord, Round
from assessments.rules.permissions import Do
from pages.kit import terms, ui
from pages.kit.recorder import who_is_recording

KEY = "moderate"


def show(svc, round_: Round, fw, records: dict[str, ChallengeRecord]) -> None:
    st.header("Moderated ratings", anchor=False, help=terms.explain("moderated-rating", "peers"))
    ui.show_told("moderated")
    st.caption(
        "Beside the provider's own rating, a commissioner's or a peer reviewer's, with the "
        "reasons: both are kept, and neither replaces the other."
    )
    table = moderation_table(fw, records)
    if table.empty:
        st.info("No challenge of this round has a moderated rating yet.")
    else:
        ui.table(table, hide_index=True)
    if svc.may(Do.MODERATE) and not round_.practice:
        _form(svc, round_, fw, records)


def _form(svc, round_: Round, fw, records: dict[str, ChallengeRecord]) -> None:
    actor = who_is_recording()
    if actor is None:
        return
    state = st.session_state
    with st.expander("Give a moderated rating", icon=":material/balance:"):
        chosen = st.selectbox(
            "Challenge",
            [c.id for c in fw.challenges if c.id in records],
            format_func=lambda cid: f"{fw.challenge(cid).number}. {fw.challenge(cid).short_title}",
            key=f"{KEY}:challenge",
        )
        record = records[chosen]
        own = record.answer.agreed_stage
        st.caption(f"The room's own rating: {f'Stage {own}' if own else 'none agreed'}.")
        st.radio("Moderated stage", [1, 2, 3], format_func=lambda n: f"Stage {n}",
                 horizontal=True, key=f"{KEY}:stage")  # fmt: skip
        st.text_area("Why (required)", help=ui.NO_NAMES, key=f"{KEY}:reasons")
        st.text_area("Evidence seen", help=ui.NO_NAMES, key=f"{KEY}:evidence")

        def save() -> None:
            # From the widgets' state: the callback runs before this run draws them again.
            chosen = state[f"{KEY}:challenge"]
            seen = records[chosen].moderation  # as the person saw it: a newer one is refused
            read = seen.version if seen else 0
            svc.moderation.moderate(
                actor,
                round_.id,
                chosen,
                read,
                stage=state[f"{KEY}:stage"],
                reasons=state[f"{KEY}:reasons"],
                evidence=state[f"{KEY}:evidence"],
            )
            state[f"{KEY}:reasons"] = state[f"{KEY}:evidence"] = ""
            ui.tell(
                "moderated",
                f"Saved the moderated rating of challenge {fw.challenge(chosen).number}.",
            )

        ui.submit("Save the moderated rating", f"{KEY}:save", save, icon=":material/save:")
