"""A live vote from the room's phones, as the projected screen and the facilitator see it: the
join code in very large type, its QR code and the address to type, the live tally, and the
buttons to open, show or hide the results, close and re-open.

How to call it (Template A's workshop does, for the challenge on screen):

    live_vote.panel(
        svc, key="workshop:vote", question=the_vote_or_none,
        labels={"stage-1": "Stage 1", "stage-2": "Stage 2", "stage-3": "Stage 3",
                "not-sure": "Not sure"},
        may_run=svc.may(Do.RUN_ROUNDS), actor=actor, room=room,
        open_vote=lambda: svc.votes.open_vote(actor, round_id, challenge_id),
        on_closed=lambda record: ...,  # what closing returned (the saved record)
    )

`question` is the vote on the subject now (open or closed, the latest), read this run;
`labels` name the answers (ids as in the tally's counts) in the order shown. `close` and
`tallies` default to the service's Template A ones (svc.votes) and can be given for another
kind of question. Draw one panel per page: the live tally is `st.container(key="live-vote")`,
which always says "N votes in" while the vote is open (a benchmark reads it).

Only the tally refreshes, by itself (`st.fragment(run_every=...)`): the rest of the page and
what anyone is typing are left alone. Results stay hidden from the room until revealed."""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from typing import Any

import streamlit as st

from assessments.records import Actor
from assessments.records.votes import Tally, VoteQuestion
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.vote_join import PUBLIC_URL_VARIABLE, join_address, qr_svg
from assessments.service import Service
from pages.kit import access, ui

REFRESH_SECONDS = 0.5  # a vote shows within this and a run of the tally (goal: 1.5 s)
TALLY_KEY = "live-vote"

STYLE = """<style>
.vote-join {display: flex; gap: 1rem; align-items: center; margin-top: 0.3rem;}
.vote-join.room {margin-top: 1rem;}  /* clear of the stage cards' border above */
.vote-qr-box {width: 150px; flex: none; line-height: 0;}
.vote-join.room .vote-qr-box {width: 180px;}
.vote-qr-box svg {width: 100%; height: auto;}
/* Under .vote-join and .vote-tally: a plain class loses to Streamlit's own paragraph style. */
.vote-join .vote-code-label {font-size: 1rem; color: #425563; margin: 0;}
.vote-join .vote-code {font-size: 56px; font-weight: 700; letter-spacing: 0.12em; line-height: 1;
  color: #212B32; font-family: ui-monospace, "DejaVu Sans Mono", monospace; margin: 0.2rem 0;}
.vote-join.room .vote-code {font-size: clamp(80px, 8vw, 170px);}
.vote-join.room .vote-code-label, .vote-join.room .vote-address {font-size: clamp(20px, 2vw, 36px);}
.vote-join .vote-address {font-size: 1.1rem; font-weight: 600; color: #005EB8;
  word-break: break-all;}
.vote-tally .vote-count {font-size: 1.6rem; font-weight: 700; margin: 0; color: #212B32;}
.vote-tally.room .vote-count {font-size: clamp(30px, 3vw, 56px);}
.vote-tally .vote-hidden {color: #425563; margin: 0;}
.vote-tally.room .vote-hidden {font-size: clamp(18px, 1.6vw, 30px);}
.vote-grid {display: grid; grid-template-columns: minmax(7rem, 1.3fr) repeat(4, minmax(3.4em, 1fr));
  gap: 0.2rem 0.4rem; align-items: center; margin-top: 0.3rem;}
.room .vote-grid {font-size: clamp(17px, 1.6vw, 30px);}
.vote-grid .head {font-weight: 700; white-space: nowrap; font-size: 0.9em;}
.vote-grid .group {line-height: 1.15;}
.vote-grid .group span {display: block; font-size: 0.8em; color: #425563;}
.vote-bar {background: #E8EDEE; border-radius: 3px; position: relative; height: 1.6em;}
.vote-bar i {position: absolute; inset: 0 auto 0 0; background: #41B6E6; border-radius: 3px;}
.vote-bar b {position: relative; padding-left: 0.35em; line-height: 1.6em;}
.vote-grid .few {grid-column: 2 / -1; font-style: italic; color: #425563;}
</style>"""
# As many answer columns as the question has answers (a stage vote's 4, a TRIP statement's 6).
STYLE = STYLE.replace("</style>", "".join(
    f".vote-answers-{n} .vote-grid {{grid-template-columns: minmax(7rem, 1.3fr) "
    f"repeat({n}, minmax(3.4em, 1fr))}}\n" for n in range(2, 10)) + "</style>")  # fmt: skip


def panel(
    svc: Service,
    key: str,
    question: VoteQuestion | None,
    labels: dict[str, str],
    *,
    may_run: bool,
    actor: Actor | None,
    room: bool,
    open_vote: Callable[[], object],
    on_closed: Callable[[Any], None] | None = None,
    close: Callable[[VoteQuestion], Any] | None = None,
    tallies: Callable[[int], Tally] | None = None,
    close_help: str = "Stop the voting and write the counts into each group's view",
) -> None:
    """The vote on one subject: a button to open one, or, while it is open, how to join and
    the live tally; once closed, that it was, and a button to vote again."""
    error_key = f"{key}:error"
    close = close or (lambda q: svc.votes.close_vote(actor, q.id, q.version))
    tallies = tallies or svc.votes.tallies
    if question is None or not question.open:
        if question is not None and not room:
            st.caption(
                f"Phone vote {question.code} closed (vote {question.ballot}): its counts are in "
                "the views. A count of hands or cards can be typed over them."
            )
        if may_run:
            again = question is not None
            ui.submit(
                "Vote again by phone" if again else "Open a phone vote",
                f"{key}:open",
                (lambda: _act(svc.votes.reopen_vote, actor, question.id, question.version))
                if again
                else open_vote,
                icon=":material/smartphone:",
                primary=False,
                help="A second vote on the same code, results hidden again"
                if again
                else "Phones vote by a code shown here; results stay hidden until you show them",
            )
        return
    address = join_address(
        question.code,
        os.environ.get(PUBLIC_URL_VARIABLE),
        st.context.url,
        access.serves_other_machines(),
    )
    row = st.container(horizontal=True, gap="medium", vertical_alignment="top")
    row.markdown(STYLE + _join_html(question.code, address.url, address.shown, room),
                 unsafe_allow_html=True, width="content")  # fmt: skip
    with row.container(width="stretch"):
        _live_tally(tallies, question, labels, room)
    if not may_run:
        return
    buttons = st.container(horizontal=True, gap="small", vertical_alignment="center")
    buttons.button(
        "Hide the results" if question.revealed else "Show the results",
        key=f"{key}:reveal",
        icon=":material/visibility_off:" if question.revealed else ":material/visibility:",
        on_click=ui.act,
        args=(error_key, lambda: _act(svc.votes.reveal, actor, question.id, question.version,
                                      not question.revealed)),
    )  # fmt: skip
    buttons.button(
        "Close the vote",
        key=f"{key}:close",
        icon=":material/done_all:",
        type="primary",
        help=close_help,
        on_click=ui.act,
        args=(error_key, lambda: (on_closed or (lambda _: None))(_act(close, question))),
    )
    if not address.reachable:
        with buttons.popover("Phones cannot reach this address", icon=":material/wifi_off:"):
            st.text(address.advice)
    ui.show_refusal(error_key)


def _act(call: Callable[..., Any], *args: Any) -> Any:
    """A vote's action; when someone changed the vote meanwhile, a message that says so (the
    panel is then drawn as the vote now is)."""
    try:
        return call(*args)
    except StaleSave as error:
        raise ServiceError(
            "Someone else changed this vote a moment ago (showed, hid, closed or re-opened it). "
            "It is shown now as it is: press the button again if you still want to.",
            "status",
        ) from error


def _join_html(code: str, url: str, shown: str, room: bool) -> str:
    label = f"QR code for the vote's address, {shown}"
    return (
        f'<div class="vote-join{" room" if room else ""}">'
        f'<div class="vote-qr-box" role="img" aria-label="{escape(label)}">'
        f"{qr_svg(url, label)}</div>"
        '<div><p class="vote-code-label">Vote on your phone: scan, or go to</p>'
        f'<p class="vote-address">{escape(shown)}</p>'
        f'<p class="vote-code-label">code</p><p class="vote-code">{escape(code)}</p></div></div>'
    )


@st.fragment(run_every=REFRESH_SECONDS)
def _live_tally(
    tallies: Callable[[int], Tally], drawn: VoteQuestion, labels: dict[str, str], room: bool
) -> None:
    """How many phones have voted, and the counts once revealed; read again and again. A
    vote closed or re-opened from another screen redraws the whole page."""
    tally = tallies(drawn.id)
    now = tally.question
    if (now.status, now.ballot) != (drawn.status, drawn.ballot):
        st.rerun(scope="app")
    with st.container(key=TALLY_KEY):
        st.markdown(_tally_html(tally, labels, room), unsafe_allow_html=True)


def _tally_html(tally: Tally, labels: dict[str, str], room: bool) -> str:
    n, where = tally.voters, "room" if room else ""
    count = f'<p class="vote-count" role="status">{n} vote{"" if n == 1 else "s"} in</p>'
    if not tally.question.revealed:
        hidden = '<p class="vote-hidden">Results are hidden until the facilitator shows them.</p>'
        return f'<div class="vote-tally {where}">{count}{hidden}</div>'
    cells = ['<span class="head">Group</span>'] + [
        f'<span class="head">{escape(label)}</span>' for label in labels.values()
    ]
    for group in tally.groups:
        if not group.suppressed and not group.voters:
            continue
        voters = "" if group.suppressed else f"<span>{escape(group.shown)}</span>"
        cells.append(f'<span class="group">{escape(group.name)}{voters}</span>')
        if group.suppressed:  # only that the group was small: nobody can be picked out
            cells.append(f'<span class="few">{escape(group.shown)}</span>')
            continue
        for answer, label in labels.items():
            got = group.counts.get(answer, 0)
            width = round(100 * got / group.voters)
            cells.append(
                f'<span class="vote-bar" title="{escape(label)}: {got}">'
                f'<i style="width: {width}%"></i><b>{got}</b></span>'
            )
    grid = f'<div class="vote-grid">{"".join(cells)}</div>' if len(cells) > 1 + len(labels) else ""
    return f'<div class="vote-tally {where} vote-answers-{len(labels)}">{count}{grid}</div>'
