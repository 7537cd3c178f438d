"""The framework: the three stages and the ten challenges of a chosen version, for reading
before a workshop or projecting during one."""

from __future__ import annotations

import streamlit as st

from framework.model import Challenge, Framework, Stage
from pages.kit import challenge_text, context, terms, ui

ui.start_page()
defs = ui.definitions()

refs = sorted(defs.frameworks)


def kind_of(fw: Framework) -> str:
    if not fw.maps_onto:
        return "original"
    if any(c.adapted for c in fw.challenges):
        return "updated wording, stages adapted here"
    return "updated wording"


ref = context.url_choice("version", refs, refs[0])
st.title("The framework")
ref = (
    st.segmented_control(
        "Version of the framework",
        refs,
        default=ref,
        format_func=lambda r: f"{defs.frameworks[r].version} ({kind_of(defs.frameworks[r])})",
        key="framework_version",
    )
    or ref
)
st.query_params["version"] = ref
fw: Framework = defs.framework(ref)

st.header(ui.as_text(fw.title), anchor=False)
if fw.summary:
    st.markdown(ui.as_text(fw.summary))
st.caption(
    "Source: "
    + "; ".join(
        f"{ui.as_text(', '.join(s.authors))} ({s.year}), *{ui.as_text(s.title)}*"
        for s in fw.sources
    )
)

st.header(
    "The three stages", help=terms.explain("stage", "engagement", "development", "transformation")
)
for column, stage in zip(st.columns(len(fw.stages)), fw.stages, strict=True):
    with column:
        st.markdown(
            ui.stage_card_html(stage.number, stage.name, stage.headline, stage.definition),
            unsafe_allow_html=True,
        )

st.header("The ten challenges", help=terms.explain("challenge", "descriptor", "indicator"))
ids = [c.id for c in fw.challenges]
# The same challenge stays on screen when the version changes (c06-risk <-> c06-safety).
current = defs.counterpart(st.query_params.get("challenge", ""), ref) or ids[0]
st.query_params["challenge"] = current
layout = (
    st.segmented_control(
        "Show", ["One at a time", "All ten"], default="One at a time", key="framework_layout"
    )
    or "One at a time"
)


def label(cid: str) -> str:
    c = fw.challenge(cid)
    return f"{c.number}. {c.short_title}"


def stage_cards(c: Challenge, stages: dict[int, Stage], brief: bool) -> None:
    """A challenge's three stages side by side: in plain words (`brief`), or as published."""
    for column, d in zip(st.columns(3), c.stages, strict=True):
        text = c.in_brief(d.stage) if brief else d.descriptor
        with column:
            st.markdown(
                ui.stage_card_html(d.stage, stages[d.stage].name, None, text),
                unsafe_allow_html=True,
            )


def show(challenge_id: str) -> None:
    c = fw.challenge(challenge_id)
    st.subheader(f"Challenge {c.number}: {ui.as_text(c.title)}")
    if c.reworded and c.maps_to:
        before = defs.framework(fw.maps_onto).challenge(c.maps_to)
        st.info(
            f"Reworded in {fw.sources[0].year}. The {fw.maps_onto.split('@')[1]} title was: "
            f"“{ui.as_text(before.title)}”"
        )
    if c.quotation:
        ui.quotation(c.quotation.text, c.quotation.said_by)
    if c.key_concepts:
        st.markdown("**Key concepts:** " + ui.as_text("; ".join(c.key_concepts)))
    stages = {s.number: s for s in fw.stages}
    # Each stage in plain words first, the descriptor as published one click away.
    if any(d.in_brief for d in c.stages):
        stage_cards(c, stages, brief=True)
        with st.expander("The full stage descriptors", icon=":material/menu_book:"):
            stage_cards(c, stages, brief=False)
    else:
        stage_cards(c, stages, brief=False)
    adapted = challenge_text.adapted_line(fw, c)
    if adapted:
        st.caption(
            ui.as_text(f"{adapted} Built from: {c.adapted.passage}.")
            + (
                f"  \nIndicators and data sources as published in {c.inherited_from}."
                if c.inherited_from
                else ""
            )
        )
    elif c.inherited_from:
        st.caption(
            f"Stage descriptors, indicators and data sources as published in "
            f"{c.inherited_from}: the {fw.sources[0].year} update renamed the challenge only."
        )
    left, right = st.columns(2)
    with left:
        st.markdown("**Example service-level indicators**")
        st.markdown("\n".join(f"- {ui.as_text(i)}" for i in c.indicators))
    with right:
        st.markdown("**Possible data sources**")
        st.markdown("\n".join(f"- {ui.as_text(d)}" for d in c.data_sources))
    challenge_text.today_notes(fw.today_for(c.id))
    challenge_text.later_notes(c)


if layout == "All ten":
    for cid in ids:
        with st.container(border=True):
            show(cid)
else:
    position = ids.index(current)

    def go(challenge_id: str) -> None:
        # A callback runs before the rerun, so the buttons below are drawn for the new place.
        st.query_params["challenge"] = challenge_id

    pick_key = f"challenge_pick:{ref}:{current}"  # a fresh picker per challenge follows the URL
    prev_col, pick_col, next_col = st.columns([1.4, 4, 1.4], vertical_alignment="bottom")
    with prev_col:
        st.button(
            "Previous",
            shortcut="Left",
            disabled=position == 0,
            width="stretch",
            on_click=go,
            args=(ids[max(position - 1, 0)],),
        )
    with next_col:
        st.button(
            "Next",
            shortcut="Right",
            disabled=position == len(ids) - 1,
            width="stretch",
            on_click=go,
            args=(ids[min(position + 1, len(ids) - 1)],),
        )
    with pick_col:
        st.selectbox(
            "Challenge",
            ids,
            index=position,
            format_func=label,
            key=pick_key,
            on_change=lambda: go(st.session_state[pick_key]),
        )
    st.caption(f"Challenge {position + 1} of {len(ids)} · keyboard: ← previous, → next")
    with st.container(border=True):
        show(current)

if fw.future_focus:
    st.header("Areas for future focus")
    challenge_text.future_focus(fw)
if defs.indicator_notes:
    with st.expander("The indicator library: today's equivalents of dated references"):
        challenge_text.indicator_notes(defs)
terms.link(label="Words we use: what the method's words mean, in plain English")
