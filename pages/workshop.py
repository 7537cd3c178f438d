"""The Template A workshop, built for a projector: one challenge per screen, its three stages side
by side, each group's view as a tally, and what the room agreed.

The whole screen is one form: the strip of challenges and Previous / Next are its submit
buttons, so moving on always saves first and nothing typed is left behind. The round and the
challenge live in the URL, so a refresh or a laptop that slept resumes in place.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from assessments.analytics import group_spread
from assessments.charts import group_spread_figure
from assessments.records import Answer, GroupView
from assessments.writes import ServiceError, StaleSave
from pages import context, ui

STAGE_FIELDS = ("stage_1", "stage_2", "stage_3", "not_sure")
DECISIONS = [1, 2, 3, "not-agreed"]

ui.start_page()
svc = ui.service()
round_ = context.current_round(svc)
fw = svc.definitions.framework(round_.framework)
ids = [c.id for c in fw.challenges]
cid = context.url_choice("challenge", ids, ids[0])
st.query_params["round"] = str(round_.id)
st.query_params["challenge"] = cid
challenge = fw.challenge(cid)
index = ids.index(cid)

st.caption(f"Template A · {ui.round_label(svc, round_)}")
ui.practice_banner(round_)
actor = ui.who_is_recording()
if actor is None:
    st.stop()

records = svc.challenge_records(round_.id)
record = records[cid]
stage_names = {s.number: s.name for s in fw.stages}
all_groups = svc.definitions.stakeholder_groups
shown_groups = [
    g
    for g in all_groups
    if round_.participants.get(g.id) or any(v.group == g.id for v in record.answer.views)
] or list(all_groups)

prefix = f"{round_.id}:{cid}"
base_key = f"read_version:{prefix}"
view_key = f"view:{prefix}:{{}}:{{}}".format
keys = {
    name: f"{name}:{prefix}" for name in ("decision", "dissent", "priority", "comments", "evidence")
}


def fill(answer: Answer, version: int) -> None:
    """Put a stored record into the widgets, and remember which version they show."""
    for group in shown_groups:
        view = answer.view(group.id)
        for field in STAGE_FIELDS:
            st.session_state[view_key(group.id, field)] = getattr(view, field)
        st.session_state[view_key(group.id, "note")] = view.note
    decision = "not-agreed" if answer.not_agreed else answer.agreed_stage
    st.session_state[keys["decision"]] = decision
    for name in ("dissent", "priority", "comments", "evidence"):
        st.session_state[keys[name]] = getattr(answer, name)
    st.session_state[base_key] = version


def typed_answer() -> Answer:
    state = st.session_state
    views = tuple(
        GroupView(
            group.id,
            *(int(state[view_key(group.id, field)] or 0) for field in STAGE_FIELDS),
            note=state[view_key(group.id, "note")],
        )
        for group in shown_groups
    )
    decision = state[keys["decision"]]
    # Views of groups not shown on this screen are kept as they are.
    kept = tuple(v for v in record.answer.views if v.group not in {g.id for g in shown_groups})
    return Answer(
        views=kept + views,
        agreed_stage=decision if isinstance(decision, int) else None,
        not_agreed=decision == "not-agreed",
        dissent=state[keys["dissent"]],
        priority=state[keys["priority"]],
        comments=state[keys["comments"]],
        evidence=state[keys["evidence"]],
    )


def submit(target: str | None, overwrite: bool = False) -> None:
    """Save this challenge; only once it is saved, move to `target`."""
    st.session_state.pop("workshop_error", None)
    st.session_state.pop("workshop_saved", None)
    read = st.session_state[base_key]
    if overwrite:  # the person chose, having seen both, to save theirs over the stored one
        read = svc.challenge_record(round_.id, cid).version
    try:
        saved = svc.save_challenge(actor, round_.id, cid, typed_answer(), read)
    except ServiceError as error:
        st.session_state["workshop_error"] = (prefix, error)
        return
    changed = saved.version != st.session_state[base_key] or overwrite
    fill(saved.answer, saved.version)
    stamp = datetime.now().strftime("%H:%M:%S")
    st.session_state["workshop_saved"] = (
        f"Saved challenge {challenge.number} at {stamp}."
        if changed
        else f"Challenge {challenge.number}: nothing had changed, so nothing was written."
    )
    st.session_state["workshop_toast"] = True
    if target is not None:
        st.query_params["challenge"] = target


def discard_mine() -> None:
    st.session_state.pop("workshop_error", None)
    fresh = svc.challenge_record(round_.id, cid)
    fill(fresh.answer, fresh.version)


if keys["comments"] not in st.session_state:
    fill(record.answer, record.version)

with st.form(f"challenge_form:{prefix}", border=False, enter_to_submit=False):
    done = sum(r.answer.decided for r in records.values())
    st.markdown(f"**Challenges** · {done} of {len(ids)} decided · tick = decided, circle = to do")
    strip = st.columns(len(ids), gap="small")
    for column, other in zip(strip, fw.challenges, strict=True):
        decided = records[other.id].answer.decided
        column.form_submit_button(
            str(other.number),
            key=f"strip:{prefix}:{other.id}",
            icon=":material/check_circle:" if decided else ":material/radio_button_unchecked:",
            help=f"{other.number}. {other.short_title}: {'decided' if decided else 'to do'}",
            type="primary" if other.id == cid else "secondary",
            on_click=submit,
            args=(other.id,),
            use_container_width=True,
        )

    st.header(f"{challenge.number}. {challenge.title}", anchor=False)
    if challenge.quotation:
        ui.quotation(challenge.quotation.text, challenge.quotation.said_by)
    for column, stage in zip(st.columns(3), fw.stages, strict=True):
        with column:
            ui.stage_card(stage.number, stage.name, None, challenge.descriptor(stage.number))
    with st.expander(
        "Example indicators and where the data comes from", icon=":material/query_stats:"
    ):
        left, right = st.columns(2)
        left.markdown("**Indicators**\n\n" + "\n".join(f"- {i}" for i in challenge.indicators))
        right.markdown("**Data sources**\n\n" + "\n".join(f"- {d}" for d in challenge.data_sources))

    st.subheader("How each group sees it", anchor=False)
    st.caption("Count the hands or cards for each stage. A note can say why.")
    widths = [2.4, 1, 1, 1, 1, 2.6]
    for column, label in zip(
        st.columns(widths),
        ["Group", "Stage 1", "Stage 2", "Stage 3", "Not sure", "Note"],
        strict=True,
    ):
        column.markdown(f"**{label}**")
    for group in shown_groups:
        cells = st.columns(widths, vertical_alignment="center")
        present = round_.participants.get(group.id)
        cells[0].markdown(
            group.name + (f" <span class='muted'>({present} here)</span>" if present else ""),
            unsafe_allow_html=True,
        )
        for cell, field, label in zip(
            cells[1:5], STAGE_FIELDS, ["Stage 1", "Stage 2", "Stage 3", "Not sure"], strict=True
        ):
            cell.number_input(
                f"{group.name}: {label}",
                min_value=0,
                step=1,
                key=view_key(group.id, field),
                label_visibility="collapsed",
            )
        cells[5].text_input(
            f"{group.name}: note",
            key=view_key(group.id, "note"),
            label_visibility="collapsed",
            placeholder="Why, in a few words",
        )

    over = [
        f"{g.name} ({sum(record.answer.view(g.id).counts.values())} counted, "
        f"{round_.participants[g.id]} took part)"
        for g in shown_groups
        if g.id in round_.participants
        and sum(record.answer.view(g.id).counts.values()) > round_.participants[g.id]
    ]
    if over:
        st.warning(
            "More views were counted than people took part: " + "; ".join(over) + ". "
            "Check the counts, or correct who took part on the Rounds page.",
            icon=":material/warning:",
        )
    spread = group_spread(all_groups, record)
    if spread.empty:
        st.info("The spread of views appears here once the counts are saved.")
    else:
        chart, table = st.columns([3, 2], gap="medium", vertical_alignment="center")
        chart.plotly_chart(
            group_spread_figure(spread), config={"displayModeBar": False}, key=f"spread:{prefix}"
        )
        answers = ["Stage 1", "Stage 2", "Stage 3", "Not sure"]
        with table:
            st.markdown("**All groups together**")
            st.dataframe(
                pd.DataFrame({"View": answers, "People": [int(spread[a].sum()) for a in answers]}),
                hide_index=True,
            )
            st.caption("Each group's counts are in the table above.")

    st.subheader("What the room agreed", anchor=False)
    st.segmented_control(
        "Agreed stage",
        DECISIONS,
        format_func=lambda d: (
            "Not agreed" if d == "not-agreed" else f"Stage {d} · {stage_names[d]}"
        ),
        key=keys["decision"],
        help="Leave it unselected until the room has decided.",
    )
    taken = {
        r.answer.priority: fw.challenge(other).number
        for other, r in records.items()
        if other != cid and r.answer.priority is not None
    }
    dissent, priority = st.columns([2, 1])
    dissent.text_area(
        "If not agreed: where views differ, and why",
        key=keys["dissent"],
        height=100,
        help="Disagreement is part of the record. " + ui.NO_NAMES,
    )
    priority.selectbox(
        "Priority for action (1 is the highest)",
        [None, *range(1, 11)],
        format_func=lambda p: (
            "No priority"
            if p is None
            else (f"{p} (now on challenge {taken[p]})" if p in taken else str(p))
        ),
        key=keys["priority"],
        placeholder="No priority",
    )
    comments, evidence = st.columns(2)
    comments.text_area("Comments", key=keys["comments"], height=100, help=ui.NO_NAMES)
    evidence.text_area("Evidence", key=keys["evidence"], height=100, help=ui.NO_NAMES)
    st.caption(ui.NO_NAMES)

    back, save, forward = st.columns(3)
    back.form_submit_button(
        "Previous",
        key=f"previous:{prefix}",
        icon=":material/arrow_back:",
        shortcut="Left",
        disabled=index == 0,
        on_click=submit,
        args=(ids[index - 1] if index else None,),
        use_container_width=True,
    )
    save.form_submit_button(
        "Save",
        key=f"save:{prefix}",
        icon=":material/save:",
        type="primary",
        on_click=submit,
        args=(None,),
        use_container_width=True,
    )
    forward.form_submit_button(
        "Next",
        key=f"next:{prefix}",
        icon=":material/arrow_forward:",
        icon_position="right",
        shortcut="Right",
        disabled=index == len(ids) - 1,
        on_click=submit,
        args=(ids[index + 1] if index < len(ids) - 1 else None,),
        use_container_width=True,
    )

error_prefix, error = st.session_state.get("workshop_error", (None, None))
if error is not None and error_prefix == prefix:
    ui.show_error(error)
    if isinstance(error, StaleSave):
        mine, theirs = st.columns(2)
        mine.button("Save mine over it", key="overwrite", on_click=submit, args=(None, True))
        theirs.button(
            "Discard mine and show the saved record", key="discard", on_click=discard_mine
        )
saved_note = st.session_state.get("workshop_saved")  # stays until the next save or refusal
if saved_note:
    st.success(saved_note, icon=":material/check_circle:")
    if st.session_state.pop("workshop_toast", False):
        st.toast(saved_note, icon=":material/check_circle:")
if index == len(ids) - 1:
    st.page_link(
        "pages/summary.py",
        label="See the Template A summary",
        icon=":material/table_chart:",
        query_params={"round": str(round_.id)},
    )
