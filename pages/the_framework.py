"""The framework: the three stages and the ten challenges of a chosen version, for reading
before a workshop or projecting during one."""

from __future__ import annotations

import streamlit as st

from framework.model import Framework
from pages import ui

defs = ui.definitions()
ui.apply_style()

refs = sorted(defs.frameworks)
ref = ui.url_choice("version", refs, refs[0])
st.title("The framework")
ref = (
    st.segmented_control(
        "Version of the framework",
        refs,
        default=ref,
        format_func=lambda r: defs.frameworks[r].title,
        key="framework_version",
    )
    or ref
)
st.query_params["version"] = ref
fw: Framework = defs.framework(ref)

if fw.summary:
    st.write(fw.summary)
st.caption(
    "Source: " + "; ".join(f"{', '.join(s.authors)} ({s.year}), *{s.title}*" for s in fw.sources)
)

st.header("The three stages")
for column, stage in zip(st.columns(len(fw.stages)), fw.stages, strict=True):
    with column:
        ui.stage_card(stage.number, stage.name, stage.headline, stage.definition)

st.header("The ten challenges")
ids = [c.id for c in fw.challenges]
current = ui.url_choice("challenge", ids, ids[0])
layout = (
    st.segmented_control(
        "Show", ["One at a time", "All ten"], default="One at a time", key="framework_layout"
    )
    or "One at a time"
)


def label(cid: str) -> str:
    c = fw.challenge(cid)
    return f"{c.number}. {c.short_title}"


def show(challenge_id: str) -> None:
    c = fw.challenge(challenge_id)
    st.subheader(f"Challenge {c.number}: {c.title}")
    if c.reworded and c.maps_to:
        before = defs.framework(fw.maps_onto).challenge(c.maps_to)
        st.info(
            f"Reworded in {fw.version}. The {fw.maps_onto.split('@')[1]} title was: "
            f"“{before.title}”"
        )
    if c.quotation:
        ui.quotation(c.quotation.text, c.quotation.said_by)
    if c.key_concepts:
        st.markdown("**Key concepts:** " + "; ".join(c.key_concepts))
    stages = {s.number: s for s in fw.stages}
    for column, d in zip(st.columns(3), c.stages, strict=True):
        with column:
            ui.stage_card(d.stage, stages[d.stage].name, None, d.descriptor)
    if c.inherited_from:
        st.caption(
            f"Stage descriptors, indicators and data sources as published in "
            f"{c.inherited_from}: the {fw.version} update renamed the challenge only."
        )
    left, right = st.columns(2)
    with left:
        st.markdown("**Example service-level indicators**")
        st.markdown("\n".join(f"- {i}" for i in c.indicators))
    with right:
        st.markdown("**Possible data sources**")
        st.markdown("\n".join(f"- {d}" for d in c.data_sources))


if layout == "All ten":
    for cid in ids:
        with st.container(border=True):
            show(cid)
else:
    position = ids.index(current)
    prev_col, pick_col, next_col = st.columns([1, 4, 1], vertical_alignment="bottom")
    with prev_col:
        if st.button("← Previous", shortcut="Left", disabled=position == 0, width="stretch"):
            current = ids[position - 1]
    with next_col:
        if st.button(
            "Next →", shortcut="Right", disabled=position == len(ids) - 1, width="stretch"
        ):
            current = ids[position + 1]
    with pick_col:
        # The picker follows the URL; keyed by the current id so Previous/Next move it too.
        current = st.selectbox(
            "Challenge",
            ids,
            index=ids.index(current),
            format_func=label,
            key=f"challenge_pick:{ref}:{current}",
        )
    st.query_params["challenge"] = current
    st.caption(f"Challenge {ids.index(current) + 1} of {len(ids)} · keyboard: ← previous, → next")
    with st.container(border=True):
        show(current)
