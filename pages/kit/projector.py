"""The pieces of the workshop screen that a room reads: the strip of challenges, the stage
cards, the decision, the tallies, and the presentation view's styling and focus.

The chosen stage is marked by a thick dark border and the word "Agreed", never by colour alone;
in the presentation view stage text is at least 24 px and grows with the screen."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from html import escape
from typing import Any, Protocol

import streamlit as st

from assessments.analytics.small_groups import SUPPRESSED, suppressed
from assessments.records import Answer
from framework.model import Challenge, Stage, StakeholderGroup
from pages.kit import page_script, shortcuts, ui

NOT_AGREED = "not-agreed"
GRID_WIDTHS = [220, 110, 110, 110, 110, "stretch"]
COUNTS = ("stage_1", "stage_2", "stage_3", "not_sure")

# The presentation view: no top bar, little padding, large stage text. 2.3vw is 24 px at
# 1024 px wide and grows with the screen.
ROOM_STYLE = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 0.6rem 1.2rem 1rem 1.2rem;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.55rem;}
.room-heading {font-size: clamp(24px, 2.4vw, 44px); font-weight: 700; line-height: 1.15;
  letter-spacing: -0.01em; margin: 0 0 0.8rem 0; padding: 0; color: #212B32;}
.room-heading:focus {outline: 3px solid #FFB81C; outline-offset: 2px;}
.room-where {font-size: 1rem; color: #425563; margin: 0;}
.stage-card .text.brief {font-size: clamp(24px, 2.3vw, 44px); line-height: 1.25;}
.stage-card h3 {font-size: clamp(22px, 2vw, 40px);}
.stage-row {margin-bottom: 0.1rem;}
.statement.room {font-size: clamp(24px, 2.3vw, 44px); line-height: 1.15; font-weight: 600;
  margin: 0; color: #212B32;}
/* TRIP: six statements and their answers on one screen where they can be. Streamlit pulls a
   text block 1rem up (a statement's second line ran under its answers) and spaces out the
   blocks that hold only styles. */
[data-testid="stMain"]:has(.statement.room) [data-testid="stMarkdownContainer"] {
  margin-bottom: 0;}
[data-testid="stMain"]:has(.statement.room) .room-where {line-height: 1.3;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stElementContainer"]:has(style) {
  display: none;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stMainBlockContainer"] {
  padding-bottom: 0.3rem;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stVerticalBlock"] {gap: 0.35rem;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stButton"] button {
  min-height: 2.1rem; padding-top: 0; padding-bottom: 0;}
[data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] .statement.room) {
  padding: 0.2rem 0.7rem 0.25rem 0.7rem; gap: 0.2rem;}
/* TRIP answers large enough for the back of the room (the chosen one is marked in ui.STYLE). */
[data-testid="stMain"]:has(.statement.room) [data-testid="stButtonGroup"] button {
  min-height: 2rem; padding: 0 0.85rem; border-width: 2px;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stButtonGroup"]
  button[aria-checked="true"] {border-width: 3px;}
[data-testid="stMain"]:has(.statement.room) [data-testid="stButtonGroup"] button p {
  font-size: clamp(20px, 1.9vw, 36px);}
</style>
"""


def presentation_style() -> None:
    st.markdown(ROOM_STYLE, unsafe_allow_html=True)


def toggle_room() -> None:
    """The presentation view on or off. It lives in the URL, so a refresh keeps it. Its switch
    moves, so the focus goes to the challenge's heading, as after Next."""
    st.session_state[page_script.MOVED] = True
    if st.query_params.get("view") == "room":
        st.query_params.pop("view")
    else:
        st.query_params["view"] = "room"


class Where(Protocol):
    """Where the buttons go: the page (`st`), a column or a container. (Streamlit's own class for
    these is an internal one, which the app does not import.)"""

    def button(self, label: str, **options: Any) -> bool: ...


def room_button(where: Where, prefix: str, room: bool, what: str) -> None:
    """The button (key F, unless turned off) into the presentation view, or out of it. `what`
    says what the presentation view shows."""
    where.button(
        "Leave presentation view" if room else "Presentation view",
        key=f"{prefix}:room",
        icon=None if room else ":material/slideshow:",
        help=None if room else shortcuts.named(f"{what}, in large type", "F"),
        shortcut=shortcuts.key("F"),
        on_click=toggle_room,
        width="stretch",
    )


def move_buttons(
    where: Where,
    prefix: str,
    previous_id: str | None,
    next_id: str | None,
    move: Callable[[str | None], None],
    save: bool,
) -> None:
    """Previous and Next (the arrow keys), and Save (S) unless `save` is False: each saves what
    changed first. Save's key, `{prefix}-save`, is the one a followed link presses."""
    where.button(
        "Previous",
        key=f"{prefix}:previous",
        icon=":material/arrow_back:",
        shortcut="Left",
        disabled=previous_id is None,
        on_click=move,
        args=(previous_id,),
        width="stretch",
    )
    if save:
        where.button(
            "Save",
            key=f"{prefix}-save",
            icon=":material/save:",
            type="primary",
            shortcut=shortcuts.key("S"),
            on_click=move,
            args=(None,),
            width="stretch",
        )
    where.button(
        "Next",
        key=f"{prefix}:next",
        icon=":material/arrow_forward:",
        icon_position="right",
        shortcut="Right",
        disabled=next_id is None,
        on_click=move,
        args=(next_id,),
        width="stretch",
    )


def where(text: str) -> None:
    """The presentation view's one line on where the room is."""
    st.markdown(f'<p class="room-where">{escape(text)}</p>', unsafe_allow_html=True)


def heading(challenge: Challenge, room: bool) -> None:
    """The challenge's number and title, the target of the focus after a move (its id is
    "challenge")."""
    text = f"{challenge.number}. {challenge.title}"
    if room:
        # Not an <h2>: Streamlit gives a markdown heading an id of its own, and the focus
        # after a move looks for this one. The role keeps it a heading for screen readers.
        st.markdown(
            f'<div role="heading" aria-level="2" id="challenge" class="room-heading" '
            f'tabindex="-1">{escape(text)}</div>',
            unsafe_allow_html=True,
        )
    else:
        st.header(f"{challenge.number}. {ui.as_text(challenge.title)}", anchor="challenge")


def strip(
    challenges: Sequence[Challenge],
    decided: dict[str, bool],
    current: str,
    key: str,
    move: Callable[[str], None],
) -> None:
    """The challenges as one row of choices, each named for a screen reader as "Challenge 6,
    done"; choosing one saves this challenge before it moves (one widget, not ten buttons:
    each element drawn is time on every Next)."""
    st.session_state[key] = current
    names = {c.id: f"Challenge {c.number}, {'done ✓' if decided[c.id] else 'to do'}"
             for c in challenges}  # fmt: skip
    st.pills(
        "Challenges",
        list(names),
        format_func=names.get,
        required=True,
        label_visibility="collapsed",
        key=key,
        on_change=lambda: move(st.session_state[key]),
        width="stretch",
    )


def stage_cards(
    stages: Sequence[Stage],
    challenge: Challenge,
    agreed_stage: int | None,
    not_agreed: bool,
    brief: bool,
    adapted: str | None = None,
) -> None:
    """The three stages side by side, in one element; in brief (the presentation view) each
    in a few words. `adapted`, when the stage wording is this tool's, is said below them."""
    cards = "".join(
        ui.stage_card_html(
            stage.number,
            stage.name,
            None,
            challenge.in_brief(stage.number) if brief else challenge.descriptor(stage.number),
            agreed=stage.number == agreed_stage,
            brief=brief,
        )
        for stage in stages
    )
    banner = (
        '<div class="not-agreed-banner">✕ Not agreed: the room could not agree a stage.</div>'
        if not_agreed
        else ""
    )
    note = (
        f'<p class="muted adapted-note" style="margin: 0; font-size: 0.95rem">{escape(adapted)}</p>'
        if adapted
        else ""
    )
    st.markdown(f'<div class="stage-row">{cards}</div>{banner}{note}', unsafe_allow_html=True)


def decision_buttons(
    stage_names: dict[int, str],
    decision: Any,
    put: Callable[[str, Any], None],
    short: bool = False,
    disabled: bool = False,
) -> None:
    """Stage 1, 2, 3 or not agreed, each a button with its key; the chosen one says "Agreed".
    Pressing a chosen button again keeps it: no key clears a choice by accident. `short`
    leaves the stage names to the cards above; `disabled`, for a reader, shows the choice
    only."""
    choices: list[tuple[Any, str, str]] = [
        (n, f"Stage {n}" if short else f"Stage {n} · {ui.as_text(name)}", str(n))
        for n, name in stage_names.items()
    ]
    choices.append((NOT_AGREED, "Not agreed", "N"))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for value, label, key in choices:
            chosen = decision == value
            st.button(
                f"✓ Agreed: {label}" if chosen and value != NOT_AGREED else label,
                key=f"workshop:decide:{value}",
                type="primary" if chosen else "secondary",
                shortcut=shortcuts.key(key),
                on_click=put,
                args=("decision", value),
                width="stretch",
                disabled=disabled,
            )
        st.button(
            "Undecided",
            key="workshop:decide:none",
            type="tertiary",
            help="Clear the decision: the room has not decided yet",
            on_click=put,
            args=("decision", None),
            disabled=disabled or decision is None,
        )


def tally_grid(
    groups: Sequence[StakeholderGroup],
    participants: dict[str, int],
    bind: Callable[[str], dict],
    field: Callable[[str, str], str],
    held_back: Collection[str] = (),
    paper_count: Callable[[str], None] | None = None,
) -> None:
    """A row per group: how many people see each stage, and a note. A group in `held_back`
    voted by phone with fewer than 5 voters: its row says only that, with a button to type a
    count of hands over it instead (`paper_count`, from nothing, never from the phones')."""
    heads = ["Group", "Stage 1", "Stage 2", "Stage 3", "Not sure", "Note"]
    # Rows of fixed widths, not columns: a column is an element of its own, drawn every run.
    # The four counts' headings are grouped as the fields are, so that on a narrow screen
    # (style.css) they stay over their fields.
    spans = [
        f'<span style="{"flex: 1" if w == "stretch" else f"width: {w}px"}">{label}</span>'
        for label, w in zip(heads, GRID_WIDTHS, strict=True)
    ]
    st.markdown(
        f'<div class="grid-head">{spans[0]}<span class="grid-counts">{"".join(spans[1:5])}'
        f"</span>{spans[5]}</div>"
        # A held-back vote's fields are drawn, holding the stored counts (a field not drawn
        # is dropped, and the next move would save blanks over them), but never shown.
        + '<style>[class*="st-key-tally-held-"] {display: none !important;}</style>',
        unsafe_allow_html=True,
    )
    for group in groups:
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            present = participants.get(group.id)
            # A group's name comes from a framework file, which anyone may edit: shown as text.
            st.markdown(
                ui.as_text(group.name) + (f" ({present} here)" if present else ""),
                width=GRID_WIDTHS[0],
            )
            held = group.id in held_back
            counts = st.container(
                horizontal=True, gap="small", width="content",
                key=f"tally-held-{group.id}" if held else f"tally-counts-{group.id}",
            )  # fmt: skip
            for name, label in zip(COUNTS, heads[1:5], strict=True):
                counts.number_input(
                    f"{ui.as_text(group.name)}: {label}",
                    min_value=0,
                    max_value=10_000,
                    step=1,
                    label_visibility="collapsed",
                    width=GRID_WIDTHS[1],
                    **bind(field(group.id, name)),
                )
            if held:
                st.markdown(f"**{SUPPRESSED}** voted by phone", width=GRID_WIDTHS[1] * 2)
                st.button(
                    "Type a count of hands",
                    key=f"tally-paper-{group.id}",
                    help="Count this group's hands or cards instead, from nothing",
                    on_click=paper_count,
                    args=(group.id,),
                    width=GRID_WIDTHS[1] * 2,
                    disabled=paper_count is None or bind(field(group.id, "note"))["disabled"],
                )
            st.text_input(
                f"{ui.as_text(group.name)}: note",
                label_visibility="collapsed",
                placeholder="Why, in a few words",
                max_chars=2000,
                **bind(field(group.id, "note")),
            )


def tally_line(
    answer: Answer, groups: Sequence[StakeholderGroup], participants: dict[str, int]
) -> None:
    """All groups' views together, in one line of words and numbers. A phone vote of fewer
    than 5 voters is named as only that, never added in (the other groups' counts are shown)."""
    views = [answer.view(g.id) for g in groups]
    hidden = [ui.as_text(g.name) for g, v in zip(groups, views, strict=True) if suppressed(v)]
    shown_views = [v for v in views if not suppressed(v)]
    totals = [sum(getattr(v, c) for v in shown_views) for c in COUNTS]
    counted = sum(totals)
    small = f"{', '.join(hidden)}: **{SUPPRESSED}** voted by phone" if hidden else ""
    if not counted:
        st.markdown(f"**Views counted:** {small or 'none yet.'}")
        return
    small = f" · {small}" if small else ""
    words = " · ".join(
        f"{label}: **{n}**"
        for label, n in zip(("Stage 1", "Stage 2", "Stage 3", "Not sure"), totals, strict=True)
    )
    present = sum(participants.get(g.id, 0) for g in groups)
    of = f" of {present} people here" if present else ""
    st.markdown(f"**Views counted ({counted}{of}):** {words}{small}")


def words_fields(bind: Callable[[str], dict]) -> None:
    """Where views differ, comments and evidence: free text, kept as text."""
    st.text_area(
        "If not agreed: where views differ, and why",
        height=90,
        help="Disagreement is part of the record. " + ui.NO_NAMES,
        max_chars=10_000,
        **bind("dissent"),
    )
    row = st.container(horizontal=True, gap="small")
    row.text_area("Comments", height=90, help=ui.NO_NAMES, max_chars=10_000, **bind("comments"))
    row.text_area("Evidence", height=90, help=ui.NO_NAMES, max_chars=10_000, **bind("evidence"))
    st.caption(ui.NO_NAMES)


# Runs after every draw of a form page, in the browser. Typing does not rerun the page, and
# Streamlit does not send a page's widgets when the top bar opens another page, so a link
# clicked with typing not yet sent first presses the page's Save and follows the link once
# that run is over (unless the save was refused: then the person sees why and stays).
