"""Whether a stored group view may be shown with its counts. A stakeholder group's view counted
by the room's phones is an anonymous vote: when fewer than `SMALL_NUMBER` of the group voted,
every screen and report shows it only as "fewer than 5", with no counts (the 2 carers who
voted, and how each voted, are never shown, nor anything that adds up to them). A hand count,
made in the open room, is public and stays exact however small. Pure: records in, records out.

How a view is known to be a phone vote: by its own flag (`GroupView.phone_vote`, a column of
the stored views), set when a vote is closed, never by its note. The note is free text: a
facilitator may edit or clear it (and the phones' counts would show), or type "phone vote" in
it over a hand count. The flag stays while the view holds the counts the phones gave (the note
may change) and goes when a count is typed over them (`carried`): the room then counted
in the open, and that count is public. Nothing typed can set it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assessments.records import Answer, GroupView

# The smallest number of people whose counts are shown: fewer, and one person's view could be
# picked out (the portfolio's sums across providers use it too).
SMALL_NUMBER = 5
SUPPRESSED = f"fewer than {SMALL_NUMBER}"
BY_PHONE = "by phone"


@dataclass(frozen=True)
class ShownView:
    """A group view as a reader may see it: its counts, or only that it had fewer voters."""

    group: str
    counts: dict[str, int] | None  # "Stage 1" ... "Not sure"; None when suppressed
    people: int | None  # None when suppressed
    note: str
    phone_vote: bool

    @property
    def suppressed(self) -> bool:
        return self.counts is None

    @property
    def text(self) -> str:
        """ "fewer than 5 (by phone)", or "3 people" (and "by phone" when they were)."""
        by = f" ({BY_PHONE})" if self.phone_vote else ""
        if self.people is None:
            return f"{SUPPRESSED}{by}"
        return f"{self.people} {'person' if self.people == 1 else 'people'}{by}"


def suppressed(view: GroupView, small: int = SMALL_NUMBER) -> bool:
    """A phone vote of fewer than `small` voters: shown with no counts. A phone vote with no
    count at all is one whose counts a team file held back (closing a vote writes only the
    groups that voted): fewer than 5 too."""
    return view.phone_vote and sum(view.counts.values()) < small


def held_back(view: GroupView) -> GroupView:
    """The view as a team file carries it: a suppressed phone vote with no counts (its note
    and that it was a phone vote kept), anything else as it is."""
    return GroupView(view.group, note=view.note, phone_vote=True) if suppressed(view) else view


def kept_back(wanted: Answer, stored: Answer) -> Answer:
    """An answer a team file brings, over the one stored: a phone vote the file held back
    keeps the counts stored here, where they are the same small vote, never zeros over them."""
    views = tuple(
        stored.view(v.group) if v == held_back(stored.view(v.group)) else v for v in wanted.views
    )
    return replace(wanted, views=views)


def shown(view: GroupView, small: int = SMALL_NUMBER) -> ShownView:
    hidden = suppressed(view, small)
    return ShownView(
        view.group,
        None if hidden else dict(view.counts),
        None if hidden else sum(view.counts.values()),
        view.note,
        view.phone_vote,
    )


def counted(views: tuple[GroupView, ...]) -> tuple[GroupView, ...]:
    """The views whose counts may be shown or added up."""
    return tuple(v for v in views if not suppressed(v))


def carried(new: GroupView, stored: GroupView) -> GroupView:
    """The phone flag of a view being saved over `stored`: kept while the counts are the
    phones' (a note edited, the form saved again), gone once a count is typed over them."""
    if new.phone_vote or not stored.phone_vote or new.counts != stored.counts:
        return new
    return replace(new, phone_vote=True)


def carried_answer(new: Answer, stored: Answer) -> Answer:
    """`carried` for every group view of an answer being saved over `stored`."""
    return replace(new, views=tuple(carried(v, stored.view(v.group)) for v in new.views))
