"""Words we use: the method's and this tool's words in plain English, A to Z, each a heading
with an anchor of its own (`glossary#baseline`). Opened at a word (`glossary?term=baseline`,
as pages link here), that word's meaning comes first."""

from __future__ import annotations

import streamlit as st

from pages.kit import routes, ui
from pages.kit.terms import TERM_PARAM

ui.start_page()
glossary = ui.definitions().glossary
st.title(routes.GLOSSARY.title)
if glossary is None:
    st.info("No glossary is loaded.")
    st.stop()
sources = {s.id: s for s in glossary.sources}
st.caption(ui.as_text(glossary.summary or ""))


def where_from(source_id: str) -> str:
    source = sources[source_id]
    who = ui.as_text(", ".join(source.authors))
    return f"From: {who} ({source.year}), *{ui.as_text(source.title)}*"


asked = next((t for t in glossary.terms if t.id == st.query_params.get(TERM_PARAM)), None)
if asked is not None:
    with st.container(border=True):
        st.markdown(f"**{ui.as_text(asked.term)}**: {ui.as_text(asked.meaning)}")
        st.caption("Every word is below, A to Z.")

st.header("The words, A to Z", anchor=False)
for term in sorted(glossary.terms, key=lambda t: t.term.lower()):
    st.subheader(ui.as_text(term.term), anchor=term.id)
    st.markdown(ui.as_text(term.meaning))
    also = f"Also: {ui.as_text(', '.join(term.also))} · " if term.also else ""
    st.caption(also + where_from(term.source))
