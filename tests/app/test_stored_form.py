"""The stored form's bookkeeping on its own, where a page test cannot reach: what Streamlit does
to widgets the browser never held."""

from __future__ import annotations

import streamlit as st

from pages.kit.stored_form import StoredForm, new_run, run_completed


def test_a_form_whose_widgets_streamlit_dropped_is_passed_over_by_the_next_run():
    """A collapsed expander's widgets never reach the browser, so on a move to another page
    Streamlit keeps none of them; the next run must neither fail nor invent a draft."""
    state = st.session_state
    form = StoredForm("status:7", ("status", "reason"))
    with form.showing(7, 1, {"status": "open", "reason": ""}):
        pass
    run_completed()
    del state["status:7:status"], state["status:7:reason"]

    new_run()

    assert form.unsaved() == []
    with form.showing(7, 1, {"status": "open", "reason": ""}):
        assert form.typed() == {"status": "open", "reason": ""}


def test_typing_in_a_form_still_held_is_kept_as_a_draft_by_the_next_run():
    form = StoredForm("team", ("name",))
    with form.showing(3, 1, {"name": "Riverside CMHT"}):
        pass
    run_completed()
    st.session_state["team:name"] = "Riverside Team"

    new_run()

    assert form.unsaved() == ["name"]
