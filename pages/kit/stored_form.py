"""A form whose widgets are a cache of one stored record, never the truth.

Why this exists: Streamlit forgets a widget that a run does not draw, but a value the script
put under the widget's key can linger in `st.session_state` after the widget is gone. When the
widget is drawn again it starts from its default, while `key in st.session_state` still says
it was filled. So a form that fills itself only "when its keys are missing" comes back empty
after Next then Previous, or after another page, and the next move saves the blanks over the
room's answers. The old workshop and TRIP screens both did that.

The rule here instead: Streamlit drops the widgets a run did not draw only when a run ends
normally (not at st.stop, an error or an interruption by the next click). So the form notes
which records it drew in each run, `run_completed` (called by app.py once a page has run to
its end) keeps the set of the last complete run, and a form fills its widgets again whenever
they were not in that set: from the store, with on top whatever the person typed there and has
not saved. A run cut short by the next click never refills, so it never overwrites typing.

Typing does not rerun the page (`on_change="ignore"`): what was typed reaches the server with
the next click on the page, whatever it is, as a form's would. A link (the top bar, the
browser's back) sends nothing, so a script in the page (`kit.page_script`) catches a link
followed with typing unsent, clicks a button first (a save, or one that does nothing), then the
link. `new_run` then keeps the typing as a draft of its record, offered back on return.
The widget keys do not name the record, so moving to the next record updates the widgets in
place instead of building a new form: that is also the fast way.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

DRAWN, ON_SCREEN, RUNS = "kit:drawn", "kit:on-screen", "kit:runs"


def new_run() -> None:
    """Called at the start of every page run: keep what was typed into the forms the browser
    held as drafts (this run may be another page's, which will not draw them), and note that
    nothing is drawn yet."""
    state = st.session_state
    # The widgets drawn by the run before (even one cut short: only a complete run drops
    # widgets) or by the last complete run are still there, holding what was typed.
    for name, record, _ in state.get(DRAWN, set()) | state.get(ON_SCREEN, set()):
        form = StoredForm(name, state[f"{name}:fields"])
        if form.record == record and form.held():
            form.note_typing()
    state[DRAWN] = set()
    state[RUNS] = state.get(RUNS, 0) + 1


def runs() -> int:
    """How many page runs this session has had: a new number for each run."""
    return st.session_state.get(RUNS, 0)


def drew_forms() -> bool:
    """Whether this run drew a stored form."""
    return bool(st.session_state.get(DRAWN))


def run_completed() -> None:
    """Called once a page has run to its end: what it drew is what the browser now holds."""
    st.session_state[ON_SCREEN] = st.session_state.get(DRAWN, set())


@dataclass(frozen=True)
class Draft:
    """What a person typed into one record and has not saved, with the stored values and the
    version they typed over (a save states that version, so a change made meanwhile by
    someone else is found, never overwritten)."""

    version: Any
    read: dict[str, Any]
    typed: dict[str, Any] = field(default_factory=dict)


class StoredForm:
    """The widgets of one kind of record (a challenge of a round, a plan...). Draw them inside
    `showing(...)`, each with `**form.bind(field)`; fields with no widget are set with `put`."""

    def __init__(self, name: str, fields: tuple[str, ...], read_only: bool = False) -> None:
        self.name = name
        self.fields = fields
        # For a person whose role may not change the record: every widget shows it, disabled,
        # so nothing is typed and a move never saves.
        self.read_only = read_only
        st.session_state[f"{name}:fields"] = fields

    def key(self, field: str) -> str:
        return f"{self.name}:{field}"

    def bind(self, field: str) -> dict[str, Any]:
        """The arguments that tie a widget to a field: its key, no rerun while typing, and
        disabled when the form is read only."""
        return {"key": self.key(field), "on_change": "ignore", "disabled": self.read_only}

    # --- state kept in plain session keys (they survive page switches) ---

    @property
    def _state(self):
        return st.session_state

    @property
    def _drafts(self) -> dict[Hashable, Draft]:
        return self._state.setdefault(f"{self.name}:drafts", {})

    @property
    def record(self) -> Hashable | None:
        """The record the widgets hold now."""
        return self._state.get(f"{self.name}:record")

    @property
    def read(self) -> Draft:
        """The stored values and version the widgets were filled from."""
        return self._state[f"{self.name}:read"]

    # --- drawing ---

    @contextmanager
    def showing(
        self, record: Hashable, version: Any, stored: Mapping[str, Any], layout: Hashable = None
    ) -> Iterator[None]:
        """Fill the widgets for `record` unless the last complete run drew them for it, in the
        same `layout` (then they hold what the person is typing). Someone else's save made
        meanwhile is shown at once when nothing is typed here; with a draft, the save will find
        it and ask."""
        state = self._state
        drawn = (self.name, record, layout)
        held = drawn in state.get(ON_SCREEN, set()) and self.record == record and self.held()
        if not held:
            draft = self._drafts.get(record)
            if draft is not None:
                self._fill(record, Draft(draft.version, draft.read), {**draft.read, **draft.typed})
            else:
                self._fill(record, Draft(version, dict(stored)), stored)
        elif record not in self._drafts and self.read.version != version:
            self._fill(record, Draft(version, dict(stored)), stored)
        state.setdefault(DRAWN, set()).add(drawn)
        yield

    def _fill(self, record: Hashable, read: Draft, values: Mapping[str, Any]) -> None:
        for name in self.fields:
            self._state[self.key(name)] = values[name]
        self._state[f"{self.name}:record"] = record
        self._state[f"{self.name}:read"] = read

    # --- what was typed ---

    def held(self) -> bool:
        """Whether Streamlit still holds every widget. On a move to another page it keeps only
        the widgets the browser sent, and a collapsed expander's were never in the browser: so
        nothing was typed in them either."""
        return all(self.key(name) in self._state for name in self.fields)

    def typed(self) -> dict[str, Any]:
        return {name: self._state[self.key(name)] for name in self.fields}

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from the stored one they were filled with."""
        read = self.read.read
        return {name: value for name, value in self.typed().items() if value != read[name]}

    def put(self, field: str, value: Any) -> None:
        """Set a field from a callback (a shortcut button, say), as if it had been typed."""
        self.retype({field: value})

    def retype(self, values: Mapping[str, Any]) -> None:
        """Set fields from a callback as if they had been typed."""
        for name, value in values.items():
            self._state[self.key(name)] = value
        self.note_typing()

    def note_typing(self) -> None:
        changes = self.changes()
        if changes:
            self._drafts[self.record] = Draft(self.read.version, self.read.read, changes)
        else:
            self._drafts.pop(self.record, None)

    def unsaved(self) -> list[str]:
        """The fields typed here and not saved yet."""
        draft = self._drafts.get(self.record)
        return list(draft.typed) if draft else []

    # --- after a save or a choice ---

    def saved(self, version: Any, stored: Mapping[str, Any]) -> None:
        """The store now holds `stored` at `version` (saved here, or the person chose to drop
        what they typed): show it, and forget the draft."""
        self._drafts.pop(self.record, None)
        self._fill(self.record, Draft(version, dict(stored)), stored)

    def rebase(self, version: Any) -> None:
        """Having seen both, the person keeps theirs: the next save is made over `version`."""
        self._state[f"{self.name}:read"] = Draft(version, self.read.read)
        self.note_typing()
