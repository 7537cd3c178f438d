"""The TRIP benchmarking conversation, built for a projector: one challenge's statements per
screen; for each, how far the team has got, what it already does and is proud of, and what it
could do next.

Like the Template A workshop, the screen is one form whose strip and Previous / Next buttons
save before they move. Only the statements changed on this screen are saved, each against the
version it was read at, so two people working on different statements never collide. The
round and the group live in the URL.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from assessments.trip_records import Rating
from assessments.writes import ServiceError, StaleSave
from pages import context, ui

ui.start_page()
svc = ui.service()
raw = st.query_params.get("round", "")
try:
    round_, bset = svc.trip_round(int(raw)) if raw.isdigit() else (None, None)
except ServiceError:
    round_, bset = None, None
if round_ is None:
    st.title("TRIP benchmarks")
    st.info("Open a TRIP round from the TRIP page (Benchmarks).")
    st.page_link("pages/trip.py", label="TRIP", icon=":material/groups:")
    st.stop()

fw = svc.definitions.framework(bset.framework)
groups = [g.challenge for g in bset.groups]
gid = context.url_choice("group", groups, groups[0])
st.query_params["round"] = str(round_.id)
st.query_params["group"] = gid
group = bset.groups[groups.index(gid)]
challenge = fw.challenge(gid)
index = groups.index(gid)
numbers = {s.id: n for n, s in enumerate(bset.statements, start=1)}
scale = svc.definitions.scales[bset.scale]
labels = {v.value: v.label for v in scale.values}

st.caption(f"TRIP · {ui.round_label(svc, round_)}")
ui.practice_banner(round_)
actor = ui.who_is_recording()
if actor is None:
    st.stop()

ratings = svc.trip_ratings(round_.id)
prefix = f"trip:{round_.id}"
key = f"{prefix}:{{}}:{{}}".format  # statement id, field


def fill(statement_id: str, rating: Rating, version: int) -> None:
    """Put a stored statement into the widgets, and remember what they were filled with."""
    st.session_state[key(statement_id, "value")] = rating.value
    st.session_state[key(statement_id, "proud")] = rating.proud
    st.session_state[key(statement_id, "next")] = rating.next_step
    st.session_state[key(statement_id, "read")] = (rating, version)


def typed(statement_id: str) -> Rating:
    state = st.session_state
    return Rating(
        state[key(statement_id, "value")],
        proud=state[key(statement_id, "proud")],
        next_step=state[key(statement_id, "next")],
    )


def submit(target: str | None, overwrite: bool = False) -> None:
    """Save what changed on this screen; only once it is all saved, move to `target`."""
    state = st.session_state
    state.pop("trip_error", None)
    state.pop("trip_saved", None)
    written = 0
    for statement in group.statements:
        sid = statement.id
        read, version = state[key(sid, "read")]
        mine = typed(sid)
        if mine == read:  # untouched here: another person's change to it stays
            continue
        if overwrite:  # having seen both, the person chose to save theirs over the stored one
            version = svc.trip_ratings(round_.id)[sid].version
        try:
            saved = svc.save_rating(actor, round_.id, sid, version, mine)
        except ServiceError as error:
            state["trip_error"] = (prefix, gid, error)
            return
        written += saved.version != version
        fill(sid, saved.rating, saved.version)
    stamp = datetime.now().strftime("%H:%M:%S")
    state["trip_saved"] = (
        f"Saved {written} statement(s) of challenge {challenge.number} at {stamp}."
        if written
        else f"Challenge {challenge.number}: nothing had changed, so nothing was written."
    )
    if target is not None:
        st.query_params["group"] = target


def discard_mine() -> None:
    st.session_state.pop("trip_error", None)
    fresh = svc.trip_ratings(round_.id)
    for statement in group.statements:
        fill(statement.id, fresh[statement.id].rating, fresh[statement.id].version)


for statement in group.statements:
    if key(statement.id, "read") not in st.session_state:
        stored = ratings[statement.id]
        fill(statement.id, stored.rating, stored.version)

with st.form(f"trip-form:{round_.id}:{gid}", border=False, enter_to_submit=False):
    done = sum(r.rating.talked_through for r in ratings.values())
    st.markdown(
        f"**Statements** · {done} of {len(ratings)} talked through · tick = every statement of "
        "the challenge talked through"
    )
    st.progress(done / len(ratings))
    strip = st.columns(len(groups), gap="small")
    for column, other in zip(strip, bset.groups, strict=True):
        talked = sum(ratings[s.id].rating.talked_through for s in other.statements)
        complete = talked == len(other.statements)
        number = fw.challenge(other.challenge).number
        column.form_submit_button(
            str(number),
            key=f"trip-strip:{round_.id}:{other.challenge}",
            icon=":material/check_circle:" if complete else ":material/radio_button_unchecked:",
            help=(
                f"{number}. {fw.challenge(other.challenge).short_title}: {talked} of "
                f"{len(other.statements)} talked through"
            ),
            type="primary" if other.challenge == gid else "secondary",
            on_click=submit,
            args=(other.challenge,),
            width="stretch",
        )

    st.subheader(f"{challenge.number}. {challenge.title}", anchor=False)
    with st.expander("What the answers mean", icon=":material/help:"):
        st.markdown("\n".join(f"- **{v.label}:** {v.description}" for v in scale.values))
    for statement in group.statements:
        with st.container(border=True):
            st.markdown(f"#### {numbers[statement.id]}. {statement.text}")
            st.segmented_control(
                f"Statement {numbers[statement.id]}: how far we have got",
                [v.value for v in scale.values],
                format_func=labels.get,
                key=key(statement.id, "value"),
            )
            proud, next_step = st.columns(2)
            proud.text_area(
                "What we already do and are proud of",
                key=key(statement.id, "proud"),
                height=80,
                help=ui.NO_NAMES,
            )
            next_step.text_area(
                "What we could do next",
                key=key(statement.id, "next"),
                height=80,
                help=ui.NO_NAMES,
            )
    st.caption(ui.NO_NAMES)

    back, save, forward = st.columns(3)
    back.form_submit_button(
        "Previous",
        key=f"trip-previous:{round_.id}:{gid}",
        icon=":material/arrow_back:",
        disabled=index == 0,
        on_click=submit,
        args=(groups[index - 1] if index else None,),
        width="stretch",
    )
    save.form_submit_button(
        "Save",
        key=f"trip-save:{round_.id}:{gid}",
        icon=":material/save:",
        type="primary",
        on_click=submit,
        args=(None,),
        width="stretch",
    )
    forward.form_submit_button(
        "Next",
        key=f"trip-next:{round_.id}:{gid}",
        icon=":material/arrow_forward:",
        icon_position="right",
        disabled=index == len(groups) - 1,
        on_click=submit,
        args=(groups[index + 1] if index < len(groups) - 1 else None,),
        width="stretch",
    )

error_prefix, error_group, error = st.session_state.get("trip_error", (None, None, None))
if error is not None and (error_prefix, error_group) == (prefix, gid):
    ui.show_error(error)
    if isinstance(error, StaleSave):
        mine, theirs = st.columns(2)
        mine.button("Save mine over it", key="trip-overwrite", on_click=submit, args=(None, True))
        theirs.button(
            "Discard mine and show the saved statements", key="trip-discard", on_click=discard_mine
        )
saved_note = st.session_state.get("trip_saved")
if saved_note:
    st.success(saved_note, icon=":material/check_circle:")
if index == len(groups) - 1 or done == len(ratings):
    left, right = st.columns(2)
    left.page_link(
        "pages/trip.py",
        label="Choose the co-led priorities",
        icon=":material/flag:",
        query_params={
            "org": str(round_.organisation_id),
            "team": str(round_.team_id),
            "part": "priorities",
            "round": str(round_.id),
        },
    )
    right.page_link(
        "pages/trip_summary.py",
        label="See the TRIP summary",
        icon=":material/summarize:",
        query_params={"org": str(round_.organisation_id), "team": str(round_.team_id)},
    )
