"""The method's words explained where a page first uses them. The meanings come from the
glossary (framework/definitions/glossary.yaml), never typed into a page: `explain` gives a
tooltip for `help=` (no line added to a screen that must fit a projector), `link` a link to the
glossary page open at the word."""

from __future__ import annotations

import streamlit as st

from pages.kit import routes, ui

# The glossary page opens at the word named here: `glossary?term=baseline`.
TERM_PARAM = "term"


def _terms(term_ids: tuple[str, ...]):
    glossary = ui.definitions().glossary
    return [] if glossary is None else [glossary.term(t) for t in term_ids]


def explain(*term_ids: str) -> str | None:
    """A tooltip: each word in bold with its meaning, then a link to the glossary at the
    first (it opens in a new tab, as every link in a tooltip does)."""
    terms = _terms(term_ids)
    if not terms:
        return None
    meanings = [f"**{ui.as_text(t.term)}**: {ui.as_text(t.meaning)}" for t in terms]
    more = f"[More in Words we use]({routes.GLOSSARY.url_path}?{TERM_PARAM}={terms[0].id})"
    return "\n\n".join([*meanings, more])


def link(term_id: str | None = None, label: str | None = None) -> None:
    """A link, in this tab, to the glossary page, open at `term_id` when one is given."""
    words = _terms((term_id,)) if term_id else []
    st.page_link(
        routes.GLOSSARY.path,
        label=label or (f"What “{words[0].term}” means" if words else routes.GLOSSARY.title),
        icon=":material/help:",
        query_params={TERM_PARAM: term_id} if term_id else None,
    )
