"""The Template A workshop: one challenge per screen, its three stages side by side, each
group's view as a tally, and what the room agreed.

Two views of the same form, chosen in the URL (`view=room` is the presentation view for a
projector: nothing but the challenge, the three stages, the tallies and the decision, in type
that reads from the back). The widgets are a cache of the store (`kit.stored_form`): drawing a
challenge fills them from its record, a move (Previous, Next, the strip) saves only what was
changed, and what was typed but not saved is kept if the person leaves by the top bar.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from assessments.analytics.small_groups import carried_answer, suppressed
from assessments.records import Answer, GroupView
from assessments.rules.errors import StaleSave
from assessments.rules.permissions import Do
from pages.kit import (
    challenge_text,
    context,
    live_vote,
    page_script,
    projector,
    recorder,
    round_parts,
    routes,
    shortcuts,
    terms,
    ui,
)
from pages.kit.projector import COUNTS, NOT_AGREED
from pages.kit.stored_form import StoredForm, runs

ERROR, NOTE, MOVED = "workshop:error", "workshop:note", "workshop:moved"
KEYS = "F presentation view · S save · 1, 2, 3 agree a stage · N not agreed · P first free priority"
VOTE_LABELS = {"stage-1": "Stage 1", "stage-2": "Stage 2", "stage-3": "Stage 3",
               "not-sure": "Not sure"}  # fmt: skip

ui.start_page()
svc = ui.service()
round_ = context.current_round(svc)
fw = svc.definitions.framework(round_.framework)
ids = [c.id for c in fw.challenges]
cid = context.url_choice("challenge", ids, ids[0])
room = st.query_params.get("view") == "room"
context.keep_in_url("round", str(round_.id))
context.keep_in_url("challenge", cid)
challenge = fw.challenge(cid)
index = ids.index(cid)
scope = svc.rounds.scope_name(round_)  # read once: the title and the caption
ui.page_title("Workshop", f"challenge {challenge.number}", scope)
stage_names = {s.number: s.name for s in fw.stages}
all_groups = svc.definitions.stakeholder_groups

if room:
    projector.presentation_style()
else:
    st.caption(
        f"Template A · {ui.as_text(round_parts.label(svc, round_, scope))}",
        help=terms.explain("template-a", "round", "stage", "presentation-view"),
    )
round_parts.practice_banner(round_)
actor = recorder.who_is_recording(compact=room)
if actor is None:
    st.stop()

records = svc.workshop.challenge_records(round_.id)
record = records[cid]
# The phone vote on this challenge, if one was held (one per challenge; re-opened, not redone).
vote = next((q for q in svc.votes.questions(round_.id) if q.challenge_id == cid), None)
voting = vote is not None and vote.open
# The groups present, and any other that has a view; every group when none was said to be
# present. Never fewer after a save or a closed vote on the same challenge: a row that went
# would take its widgets' values with it.
shown_groups = [
    g
    for g in all_groups
    if not round_.participants
    or round_.participants.get(g.id)
    or any(v.group == g.id for v in record.answer.views)
]

view_field = "view:{}:{}".format
form = StoredForm(
    "workshop",
    (
        *(view_field(g.id, f) for g in all_groups for f in (*COUNTS, "note")),
        *("decision", "dissent", "priority", "comments", "evidence"),
    ),
    read_only=not svc.may(Do.RUN_ROUNDS),  # a facilitator records; anyone else reads
)
if form.read_only and not room:
    st.caption("You read this round here: a facilitator records what the room decides.")


def values_of(answer: Answer) -> dict[str, Any]:
    """A stored answer as the form's fields."""
    values: dict[str, Any] = {}
    for group in all_groups:
        view = answer.view(group.id)
        for field in COUNTS:
            values[view_field(group.id, field)] = getattr(view, field)
        values[view_field(group.id, "note")] = view.note
    values["decision"] = NOT_AGREED if answer.not_agreed else answer.agreed_stage
    for name in ("dissent", "priority", "comments", "evidence"):
        values[name] = getattr(answer, name)
    return values


def answer_of(values: dict[str, Any]) -> Answer:
    views = tuple(
        GroupView(
            group.id,
            *(int(values[view_field(group.id, f)] or 0) for f in COUNTS),
            note=values[view_field(group.id, "note")] or "",
        )
        for group in all_groups
    )
    decision = values["decision"]
    return Answer(
        views=views,
        agreed_stage=decision if isinstance(decision, int) else None,
        not_agreed=decision == NOT_AGREED,
        dissent=values["dissent"] or "",
        priority=values["priority"],
        comments=values["comments"] or "",
        evidence=values["evidence"] or "",
    )


def move(target: str | None) -> None:
    """Save what was changed on this challenge; only once it is saved, go to `target`."""
    state = st.session_state
    state.pop(ERROR, None)
    state.pop(NOTE, None)
    if form.changes():
        try:
            saved = svc.workshop.save_challenge(
                actor, round_.id, cid, answer_of(form.typed()), form.read.version
            )
        except ui.REFUSED as error:
            state[ERROR] = (cid, error)
            return
        form.saved(saved.version, values_of(saved.answer))
        state[NOTE] = f"Saved challenge {challenge.number} at {datetime.now():%H:%M:%S}."
    elif target is None:
        state[NOTE] = f"Challenge {challenge.number}: nothing had changed, so nothing was written."
    if target is not None:
        st.query_params["challenge"] = target
        state[MOVED] = True


def save_mine_over_it() -> None:
    form.rebase(svc.workshop.challenge_record(round_.id, cid).version)
    move(None)


def discard_mine() -> None:
    st.session_state.pop(ERROR, None)
    fresh = svc.workshop.challenge_record(round_.id, cid)
    form.saved(fresh.version, values_of(fresh.answer))


def paper_count(group_id: str) -> None:
    """A count of hands typed over a small phone vote starts from nothing: the phones' counts
    are never shown, not even to be typed over."""
    form.retype({view_field(group_id, f): 0 for f in COUNTS})


def vote_closed(saved) -> None:
    """The phones' counts are now stored in the views: show them, keeping what was typed here
    into the fields the close did not write."""
    fresh = values_of(saved.answer)
    kept = {f: v for f, v in form.changes().items() if fresh[f] == form.read.read[f]}
    form.saved(saved.version, fresh)
    form.retype(kept)
    st.session_state[NOTE] = (
        f"Vote closed: the phones' counts are in challenge {challenge.number}'s views."
    )


def vote_panel() -> None:
    """The phone vote on this challenge (kit.live_vote): open, or the button to open one."""
    live_vote.panel(
        svc, "workshop:vote", vote, VOTE_LABELS, may_run=not form.read_only, actor=actor,
        room=room, open_vote=lambda: svc.votes.open_vote(actor, round_.id, cid),
        on_closed=vote_closed,
    )  # fmt: skip


def next_free_priority() -> None:
    taken = {r.answer.priority for other, r in records.items() if other != cid}
    free = [p for p in range(1, 11) if p not in taken]
    if free:
        form.put("priority", free[0])


with form.showing(cid, record.version, values_of(record.answer), layout=room):
    # The form knows no phone flag: the stored view's, while its counts are the phones'.
    typed = carried_answer(answer_of(form.typed()), record.answer)
    done = sum(r.answer.decided for r in records.values())
    previous_id = ids[index - 1] if index else None
    next_id = ids[index + 1] if index < len(ids) - 1 else None

    error_at, error = st.session_state.get(ERROR, (None, None))
    error = error if error_at == cid else None
    note = None if error else st.session_state.get(NOTE)
    unsaved = "Not saved yet: changes to this challenge." if form.unsaved() and not error else None
    if room:  # what the boxes of the full form say, in the one line at the top
        projector.where(
            " · ".join(
                filter(
                    None, [f"Challenge {index + 1} of {len(ids)}", f"{done} decided", note, unsaved]
                )
            )
        )
    else:
        top = st.container(horizontal=True, vertical_alignment="center")
        top.markdown(f"**Challenges** · {done} of {len(ids)} decided · ✓ = decided")
        shortcuts.switch(top, KEYS)
        projector.room_button(
            top, "workshop", room, "Only the challenge, the stages and the decision"
        )
        projector.strip(
            fw.challenges,
            {c: r.answer.decided for c, r in records.items()},
            cid,
            "workshop:strip",
            move,
        )
    projector.heading(challenge, room)
    if not room and challenge.quotation:
        ui.quotation(challenge.quotation.text, challenge.quotation.said_by)

    projector.stage_cards(
        fw.stages,
        challenge,
        typed.agreed_stage,
        typed.not_agreed,
        brief=room,
        adapted=challenge_text.adapted_line(fw, challenge),
    )
    if room and voting:  # the code, QR code and live tally take the tally line's place
        vote_panel()
    elif room:
        projector.tally_line(typed, shown_groups, round_.participants)
    projector.decision_buttons(
        stage_names, form.typed()["decision"], form.put, short=room, disabled=form.read_only
    )

    taken = {
        r.answer.priority: fw.challenge(other).number
        for other, r in records.items()
        if other != cid and r.answer.priority is not None
    }
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.selectbox(
        "Priority for action (1 is the highest)",
        [None, *range(1, 11)],
        format_func=lambda p: (
            "No priority"
            if p is None
            else (f"{p} (now on challenge {taken[p]})" if p in taken else str(p))
        ),
        placeholder="No priority",
        help=terms.explain("priority"),
        width=320,
        **form.bind("priority"),
    )
    row.button(
        "First free priority",
        key="workshop:priority-next",
        help=shortcuts.named(
            "Gives this challenge the highest priority not yet given to another", "P"
        ),
        shortcut=shortcuts.key("P"),
        on_click=next_free_priority,
        width="stretch",
        disabled=form.read_only,
    )
    save = not (room or form.read_only)
    projector.move_buttons(row, "workshop", previous_id, next_id, move, save=save)

    # Always one container, whatever it holds: a message that comes or goes then does not
    # shift the elements below it, which the browser would otherwise build again.
    with st.container():
        if error is not None:
            ui.show_error(error)
            if isinstance(error, StaleSave):
                mine, theirs = st.columns(2)
                mine.button("Save mine over it", key="overwrite", on_click=save_mine_over_it)
                theirs.button(
                    "Discard mine and show the saved record", key="discard", on_click=discard_mine
                )
        if note and not room:
            st.success(note, icon=":material/check_circle:")
        if unsaved and not room:
            st.info(
                f"{unsaved} Previous, Next, the strip or Save will save them.",
                icon=":material/edit_note:",
            )

    def tallies() -> None:
        held = [v.group for v in typed.views if suppressed(v)]
        projector.tally_grid(
            shown_groups, round_.participants, form.bind, view_field, held, paper_count
        )

    if room:
        more = st.columns(4 if form.read_only or voting else 5)
        with more[0].popover("Count the views", icon=":material/how_to_vote:", width="stretch"):
            tallies()
        with more[1].popover("Comments", icon=":material/notes:", width="stretch"):
            projector.words_fields(form.bind)
        with more[2].popover("Full stages and indicators", icon=":material/menu_book:"):
            challenge_text.full_challenge(fw.stages, challenge, fw.today_for(challenge.id))
        if len(more) == 5:
            with more[3]:
                vote_panel()
        projector.room_button(more[-1], "workshop", room, "")
        shortcuts.switch(st, KEYS)  # last: it never pushes the decision off the screen
    else:
        st.subheader(
            "How each group sees it", anchor=False, help=terms.explain("stakeholder-group")
        )
        st.caption(
            "Count the hands or cards for each stage, or let the room vote by phone. A note can "
            "say why."
        )
        vote_panel()
        tallies()
        projector.tally_line(typed, shown_groups, round_.participants)
        projector.words_fields(form.bind)
        with st.expander(
            "Example indicators and where the data comes from", icon=":material/query_stats:"
        ):
            challenge_text.indicators(challenge)
        if fw.future_focus:
            with st.expander("Areas for future focus (not rated)", icon=":material/explore:"):
                challenge_text.future_focus(fw)
        keys = (
            "1, 2, 3 agree a stage · N not agreed · P first free priority · ← → move"
            if shortcuts.on()
            else "← → move · one-key shortcuts off (the switch at the top)"
        )
        st.caption(f"{ui.NO_NAMES}  \nKeys: {keys}")

page_script.draw(
    runs(),
    None if room else "workshop-save",
    moved=st.session_state.pop(MOVED, False),
    refused=error is not None,
)
if next_id is None:
    st.page_link(
        routes.SUMMARY.path,
        label="See the Template A summary",
        icon=":material/table_chart:",
        query_params={"round": str(round_.id)},
    )
