"""The TRIP benchmarking conversation: one challenge's statements per screen; for each, how
far the team has got, what it already does and is proud of, and what it could do next.

As in the Template A workshop, the widgets are a cache of the store (`kit.stored_form`): the
strip and Previous / Next save what was changed before they move, and only the statements
changed here are saved, each against the version it was read at, so two people working on
different statements never collide. The round, the challenge and the presentation view
(`view=room`) live in the URL. Under each statement, a phone vote on it (`statement_vote`).
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import streamlit as st

from assessments.records.trip import Rating
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Do
from pages.kit import (
    context,
    page_script,
    projector,
    recorder,
    round_parts,
    routes,
    shortcuts,
    ui,
)
from pages.kit.stored_form import StoredForm, runs
from pages.trip.statement_vote import room_menu, statement_votes, vote_part

ui.start_page()
svc = ui.service()
raw = st.query_params.get("round", "")
try:
    round_, bset = svc.trip.trip_round(int(raw)) if raw.isdigit() else (None, None)
except ServiceError:
    round_, bset = None, None
room = st.query_params.get("view") == "room"
if round_ is None:
    st.title("TRIP benchmarks")
    st.info("Open a TRIP round from the TRIP page (Benchmarks).")
    st.page_link(routes.TRIP.path, label="TRIP", icon=":material/groups:")
    st.stop()

fw = svc.definitions.framework(bset.framework)
groups = [g.challenge for g in bset.groups]
gid = context.url_choice("group", groups, groups[0])
context.keep_in_url("round", str(round_.id))
context.keep_in_url("group", gid)
group = bset.groups[groups.index(gid)]
challenge = fw.challenge(gid)
index = groups.index(gid)
scope = svc.rounds.scope_name(round_)  # read once: the title and the caption
ui.page_title("TRIP conversation", f"challenge {challenge.number}", scope)
numbers = {s.id: n for n, s in enumerate(bset.statements, start=1)}
scale = svc.definitions.scales[bset.scale]
labels = {v.value: v.label for v in scale.values}

if not room:
    st.caption(f"TRIP · {ui.as_text(round_parts.label(svc, round_, scope))}")
round_parts.practice_banner(round_)
actor = recorder.who_is_recording(compact=room)
if actor is None:
    st.stop()

ratings = svc.trip.trip_ratings(round_.id)
ERROR, NOTE, MOVED = "trip:error", "trip:note", "trip:moved"
# A field per place on the screen (the third statement's value...), not per statement: moving
# to the next challenge updates the same widgets instead of building new ones.
slot = "{}:{}".format
slots = range(len(group.statements))
form = StoredForm(
    "trip-benchmarks",
    tuple(slot(i, f) for i in slots for f in ("value", "proud", "next")),
    read_only=not svc.may(Do.TRIP),  # the team and its facilitator record; anyone else reads
)
if form.read_only and not room:
    st.caption("You read this conversation here: the team and its facilitator record it.")


def stored_values(read: dict) -> tuple[dict[str, int], dict]:
    """The versions and the values of this challenge's statements, as the form's fields."""
    versions, values = {}, {}
    for i, statement in enumerate(group.statements):
        found = read[statement.id]
        versions[statement.id] = found.version
        values |= fields_of(i, found.rating)
    return versions, values


def fields_of(i: int, rating: Rating) -> dict:
    return {slot(i, "value"): rating.value, slot(i, "proud"): rating.proud,
            slot(i, "next"): rating.next_step}  # fmt: skip


def typed_rating(i: int, values: dict) -> Rating:
    return Rating(
        values[slot(i, "value")],
        proud=values[slot(i, "proud")] or "",
        next_step=values[slot(i, "next")] or "",
    )


def move(target: str | None) -> None:
    """Save the statements changed on this screen, each against the version it was read at;
    only once they are all saved, go to `target`."""
    state = st.session_state
    state.pop(ERROR, None)
    state.pop(NOTE, None)
    changed = {field.split(":")[0] for field in form.changes()}
    versions, values = dict(form.read.version), dict(form.read.read)
    typed = form.typed()
    written = 0
    for i, statement in enumerate(group.statements):
        if str(i) not in changed:
            continue  # untouched here: another person's change to it stays
        try:
            saved = svc.trip.save_rating(
                actor, round_.id, statement.id, versions[statement.id], typed_rating(i, typed)
            )
        except ui.REFUSED as error:
            state[ERROR] = (gid, error)
            if written:  # those saved before the refusal are saved; the rest stays typed
                form.saved(versions, values)
                form.retype(typed)
            return
        written += 1
        versions[statement.id] = saved.version
        values |= fields_of(i, saved.rating)
    if written:
        form.saved(versions, values)
        state[NOTE] = (
            f"Saved {written} statement(s) of challenge {challenge.number} at "
            f"{datetime.now():%H:%M:%S}."
        )
    elif target is None:
        state[NOTE] = f"Challenge {challenge.number}: nothing had changed, so nothing was written."
    if target is not None:
        st.query_params["group"] = target
        state[MOVED] = True


def save_mine_over_it() -> None:
    form.rebase(stored_values(svc.trip.trip_ratings(round_.id))[0])
    move(None)


def discard_mine() -> None:
    st.session_state.pop(ERROR, None)
    form.saved(*stored_values(svc.trip.trip_ratings(round_.id)))


def vote_closed(message: str) -> None:
    st.session_state[NOTE] = message


versions, values = stored_values(ratings)
votes = statement_votes(svc, round_.id)
with form.showing(gid, versions, values, layout=room):
    done = sum(r.rating.talked_through for r in ratings.values())
    previous_id = groups[index - 1] if index else None
    next_id = groups[index + 1] if index < len(groups) - 1 else None
    if room:
        projector.presentation_style()
        projector.where(
            f"Challenge {index + 1} of {len(groups)} · {done} of {len(ratings)} statements "
            "talked through"
        )
    else:
        top = st.columns([5, 2, 2], vertical_alignment="center")
        top[0].markdown(
            f"**Statements** · {done} of {len(ratings)} talked through · ✓ = every statement "
            "of the challenge talked through"
        )
        # Not in the presentation view: six statements fill its screen. The choice holds there.
        shortcuts.switch(top[1], "F presentation view · S save")
        projector.room_button(top[2], "trip", room, "The statements and answers only")
        st.progress(done / len(ratings))
        with st.container(key="workshop-strip"):
            strip = st.columns(len(groups), gap="xsmall")
        for column, other in zip(strip, bset.groups, strict=True):
            talked = sum(ratings[s.id].rating.talked_through for s in other.statements)
            complete = talked == len(other.statements)
            number = fw.challenge(other.challenge).number
            column.button(
                f"Challenge {number}, "
                + ("done ✓" if complete else f"{talked} of {len(other.statements)}")
                # Said in words, not by the button's colour alone, to a screen reader too.
                + (", current" if other.challenge == gid else ""),
                key=f"trip:strip:{other.challenge}",
                help=f"{number}. {ui.as_text(fw.challenge(other.challenge).short_title)}",
                type="primary" if other.challenge == gid else "secondary",
                on_click=move,
                args=(other.challenge,),
                width="stretch",
            )
    projector.heading(challenge, room)
    if not room:
        with st.expander("What the answers mean", icon=":material/help:"):
            st.markdown(
                "\n".join(
                    f"- **{ui.as_text(v.label)}:** {ui.as_text(v.description)}"
                    for v in scale.values
                )
            )
    for i, statement in enumerate(group.statements):
        with st.container(border=True):
            st.markdown(
                f'<p class="statement{" room" if room else ""}">{numbers[statement.id]}. '
                f"{escape(statement.text)}</p>",
                unsafe_allow_html=True,
            )
            if not room:  # the room keeps to the statements and answers, within one screen
                cited = bset.citation(statement)
                if cited:
                    st.caption(f"Source: {ui.as_text(cited)}")
            st.segmented_control(
                f"Statement {numbers[statement.id]}: how far we have got",
                [v.value for v in scale.values],
                format_func=lambda v: ui.as_text(labels[v]),
                required=True,
                label_visibility="collapsed" if room else "visible",
                **form.bind(slot(i, "value")),
            )
            vote_part(
                svc, round_.id, statement.id, numbers[statement.id], votes, actor=actor,
                may_run=not form.read_only, room=room, on_closed=vote_closed,
            )  # fmt: skip
            if room:
                continue
            proud, next_step = st.columns(2)
            proud.text_area(
                "What we already do and are proud of",
                height=80,
                help=ui.NO_NAMES,
                max_chars=10_000,
                **form.bind(slot(i, "proud")),
            )
            next_step.text_area(
                "What we could do next",
                height=80,
                help=ui.NO_NAMES,
                max_chars=10_000,
                **form.bind(slot(i, "next")),
            )
    if not room:
        st.caption(ui.NO_NAMES)

    row = st.container(horizontal=True, gap="small")
    save = not (room or form.read_only)
    projector.move_buttons(row, "trip", previous_id, next_id, move, save=save)
    if room:
        if not form.read_only:
            on_screen = [(s.id, numbers[s.id]) for s in group.statements]
            room_menu(row, svc, round_.id, on_screen, votes, actor)
        projector.room_button(row, "trip", room, "")

error_group, error = st.session_state.get(ERROR, (None, None))
if error is not None and error_group == gid:
    ui.show_error(error)
    if isinstance(error, StaleSave):
        mine, theirs = st.columns(2)
        mine.button("Save mine over it", key="trip-overwrite", on_click=save_mine_over_it)
        theirs.button(
            "Discard mine and show the saved statements", key="trip-discard", on_click=discard_mine
        )
saved_note = st.session_state.get(NOTE)
if saved_note and error is None:
    st.success(saved_note, icon=":material/check_circle:")
if form.unsaved() and error is None:
    st.info(
        "Not saved yet: changes on this screen. Previous, Next, the strip or Save will save them.",
        icon=":material/edit_note:",
    )
page_script.draw(
    runs(),
    None if room else "trip-save",
    moved=st.session_state.pop(MOVED, False),
    refused=error is not None,
)
if index == len(groups) - 1 or done == len(ratings):
    left, right = st.columns(2)
    left.page_link(
        routes.TRIP.path,
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
        routes.TRIP_SUMMARY.path,
        label="See the TRIP summary",
        icon=":material/summarize:",
        query_params={"org": str(round_.organisation_id), "team": str(round_.team_id)},
    )
