"""The text a challenge carries beyond its brief stages: the full descriptors, indicators and
data sources, the line that says stage wording is this tool's own, the notes on what has
replaced a dated reference, and the areas its source names for future focus. Shown by the
workshop and the framework page; typed or definition text always through `ui.as_text`."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from framework.loader import Definitions
from framework.model import Challenge, Framework, Stage, TodayNote
from framework.notes import DatedReference
from pages.kit import ui


def adapted_line(fw: Framework, challenge: Challenge) -> str | None:
    """One short line saying the challenge's stage wording is this tool's, not its source's;
    None for descriptors as published. Plain text, to be escaped where it is shown."""
    if challenge.adapted is None:
        return None
    source = next((s for s in fw.sources if s.id == challenge.adapted.source), None)
    named = f"“{source.title}” ({source.year})" if source else "its source"
    return f"Stage wording adapted by this tool from {named}; the source published none."


def indicators(challenge: Challenge) -> None:
    st.markdown(
        "**Indicators**\n\n"
        + "\n".join(f"- {ui.as_text(i)}" for i in challenge.indicators)
        + "\n\n**Data sources**\n\n"
        + "\n".join(f"- {ui.as_text(d)}" for d in challenge.data_sources)
    )


def future_focus(fw: Framework) -> None:
    """The areas the framework's source names for more attention in future, and the source."""
    focus = fw.future_focus
    if focus is None:
        return
    st.markdown(ui.as_text(focus.summary))
    st.markdown(
        "\n".join(
            f"- **{ui.as_text(a.name)}**" + (f": {ui.as_text(a.note)}" if a.note else "")
            for a in focus.areas
        )
    )
    source = next((s for s in fw.sources if s.id == focus.source), None)
    if source:
        st.caption(
            f"Source: {ui.as_text(', '.join(source.authors))} ({source.year}), "
            f"*{ui.as_text(source.title)}*"
        )


def full_challenge(
    stages: Sequence[Stage], challenge: Challenge, notes: Sequence[TodayNote] = ()
) -> None:
    """The whole descriptors, for when the room wants the detail behind the brief ones, with
    the notes on what has replaced any dated reference in them."""
    for stage in stages:
        st.markdown(f"**Stage {stage.number} · {ui.as_text(stage.name)}**")
        st.text(challenge.descriptor(stage.number))
    indicators(challenge)
    today_notes(notes)


def today_notes(notes: Sequence[DatedReference]) -> None:
    """One small line per dated reference in the text shown: the term, what it was, and what
    has taken its place. The text itself stays as published, so rounds keep their meaning."""
    for note in notes:
        st.caption(
            f"**Today:** {ui.as_text(note.term)} (changed in {note.since}). "
            f"{ui.as_text(note.was)} {ui.as_text(note.now)}"
        )


def indicator_notes(defs: Definitions) -> None:
    """The indicator library's notes on dated references, each with the indicators that use
    the term, read beside the library as a framework's notes are beside its text."""
    named = {i.id: i.name for i in defs.indicators}
    for note in defs.indicator_notes:
        used = "; ".join(named[i] for i in note.indicators)
        st.markdown(
            f"**{ui.as_text(note.term)}** (changed in {note.since}), in: {ui.as_text(used)}.  \n"
            f"{ui.as_text(note.was)} {ui.as_text(note.now)}"
        )


def later_notes(challenge: Challenge) -> None:
    """What later ImROC papers add to a challenge (peer support, Recovery Colleges...), each
    with its source: read beside the challenge, never rated."""
    for note in challenge.later or ():
        with st.expander(f"From a later paper: {ui.as_text(note.heading)}"):
            st.markdown("\n".join(f"- {ui.as_text(point)}" for point in note.points))
            st.caption(f"Source: {ui.as_text(note.cited)}")
