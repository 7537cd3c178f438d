"""A phone vote on one TRIP statement, in the TRIP conversation: "Vote on this statement" opens
one; while it is open, kit.live_vote draws its code, QR code, address and live count, and the
buttons to show the results and to close; once closed, each ballot's line (small groups left
out) is shown under the statement as text, with a button to vote again after discussion.

Closing never rates the statement: how far the team has got is the room's to record. One phone
vote is open in a TRIP round at a time, so the projected screen has one code to show. The
presentation view keeps every statement and its answers within one screen: its buttons to open
a vote are in one menu beside Previous and Next (`room_menu`), not under each statement."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assessments.records import Actor
from assessments.records.votes import VoteQuestion
from assessments.service import Service
from pages.kit import live_vote, ui

# The presentation view hides the blocks that hold only styles (kit/projector.py); the vote
# panel's join block (code, QR code, address) holds its own, so it is shown again. The TRIP
# scale's six answers take the tally's whole width: each group's name on a line of its own,
# its bars under the answers' names.
STYLE = """<style>
[data-testid="stMain"]:has(.statement.room) [data-testid="stElementContainer"]:has(.vote-join) {
  display: block;}
[data-testid="stMain"] .vote-answers-6 .vote-grid {
  grid-template-columns: repeat(6, minmax(0, 1fr));}
[data-testid="stMain"] .vote-answers-6 .vote-grid > .head:first-child {display: none;}
[data-testid="stMain"] .vote-answers-6 .vote-grid .group,
[data-testid="stMain"] .vote-answers-6 .vote-grid .few {grid-column: 1 / -1;}
[data-testid="stMain"] .vote-answers-6 .vote-grid .group {margin-top: 0.3rem;}
</style>"""


def statement_votes(svc: Service, round_id: int) -> dict[str, VoteQuestion]:
    """The round's votes by statement (one per statement; re-opened, never redone)."""
    return {q.statement_id: q for q in svc.votes.questions(round_id) if q.statement_id}


def vote_part(
    svc: Service,
    round_id: int,
    statement_id: str,
    number: int,
    votes: dict[str, VoteQuestion],
    *,
    actor: Actor | None,
    may_run: bool,
    room: bool,
    on_closed: Callable[[str], None],
) -> None:
    """The vote part under statement `number`: its closed ballots' lines; the open vote's
    panel; or, in the full form, the button to open one (or vote again), while no other
    statement's is open."""
    question = votes.get(statement_id)
    if question is not None:
        with st.container(key=f"trip-vote-lines-{number}"):
            for line in svc.votes.closed_lines(question.id):
                st.caption(ui.as_text(line))
    if question is not None and question.open:
        choices = svc.votes.tallies(question.id).choices
        st.markdown(STYLE, unsafe_allow_html=True)
        live_vote.panel(
            svc, f"trip:vote:{number}", question, {c.value: c.word for c in choices},
            may_run=may_run, actor=actor, room=room, open_vote=lambda: None,
            close_help="Stop the voting: the counts go under the statement, and how far the "
            "team has got stays the room's to record",
            on_closed=lambda _: on_closed(
                f"Vote on statement {number} closed: its counts are under the statement. How "
                "far the team has got is still the room's to record."
            ),
        )  # fmt: skip
        return
    if room or not may_run or actor is None:
        return
    elsewhere = next((q for q in votes.values() if q.open), None)
    if elsewhere is not None:
        st.caption(f"Phone vote {elsewhere.code} is open on another statement: close it to "
                   "vote on this one.")  # fmt: skip
        return
    _open_button(st, svc, round_id, statement_id, number, question, actor, "this statement")


def room_menu(
    where,
    svc: Service,
    round_id: int,
    on_screen: list[tuple[str, int]],
    votes: dict[str, VoteQuestion],
    actor: Actor | None,
) -> None:
    """The presentation view's menu of votes on the statements on screen (id, number), in
    `where`; none while a vote is open."""
    if actor is None or any(q.open for q in votes.values()):
        return
    menu = where.popover("Vote on a statement", icon=":material/how_to_vote:")
    for statement_id, number in on_screen:
        _open_button(menu, svc, round_id, statement_id, number, votes.get(statement_id), actor,
                     f"statement {number}")  # fmt: skip


def _open_button(where, svc, round_id, statement_id, number, question, actor, what) -> None:
    again = question is not None
    ui.submit(
        f"Vote again on {what}" if again else f"Vote on {what}",
        f"trip:vote:{number}:open",
        (lambda: svc.votes.reopen_vote(actor, question.id, question.version))
        if again
        else (lambda: svc.votes.open_vote(actor, round_id, statement_id)),
        icon=":material/how_to_vote:",
        primary=False,
        where=where,
        help="The room votes on its phones by a code shown here, answering how far the team "
        "has got; results stay hidden until you show them, and the rating stays the room's",
    )
