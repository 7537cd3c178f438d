"""What every page shares: the loaded definitions and the service, reads kept until the next
write, who is at the keyboard, the projector styling, stage cards, messages and how rounds are
named. The working context kept in the URL is in `context.py`."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from html import escape
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from assessments.records.accounts import Account
from assessments.records.plans import STAGE_BY_HAND, Plan
from assessments.rules.errors import ImportRefused, ServiceError, StaleSave
from assessments.rules.permissions import THIS_COMPUTER, Access
from assessments.service import Service
from assessments.store import StoreBusy, StoreError, describe, one_read, open_store
from framework.loader import Definitions, load
from framework.problems import FrameworkError
from pages.kit import routes
from pages.kit.stored_form import StoredForm, new_run

T = TypeVar("T")
LOG = logging.getLogger("recovery")
# What markdown acts on anywhere in a line (emphasis, code, links, tables, strikethrough, LaTeX),
# and what it acts on only at a line's start (headings, lists, numbered lists).
MARKDOWN_ANYWHERE = re.compile(r"[\\`*_\[\]|~$]")
MARKDOWN_LINE_START = re.compile(r"^\s*(?=[-+#=])|^\s*\d+(?=[.)])", re.MULTILINE)
# What markdown would turn into a link or an icon once parsed (escapes and character references
# are undone before it looks): an address ("http://", "www.", "name@host") is broken by an
# invisible word joiner, and a shortcode's colon (":smile:", ":material/home:") is escaped.
WORD_JOINER = "\u2060"
AUTOLINKS = (
    (re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)"), WORD_JOINER),
    (re.compile(r":(?=[A-Za-z])"), "\\:"),
)


APP_NAME = "Recovery self-assessment"
# Shown under every free-text field: the records never hold who a person using services is.
NO_NAMES = (
    "Do not write the names of people who use services, or anything that identifies them; "
    "describe by role or initials."
)

# Every page's styling, read once: a CSS file, so the rules are read as CSS.
STYLE = (
    "<style>\n" + (Path(__file__).with_name("style.css")).read_text(encoding="utf-8") + "</style>"
)
# On paper: A4 landscape, no top bar or buttons, tables whole, charts within the page.
STYLE += "\n<style>\n" + Path(__file__).with_name("print.css").read_text("utf-8") + "</style>"


@st.cache_resource(show_spinner=False)
def _definitions() -> Definitions | FrameworkError:
    try:
        return load()
    except FrameworkError as exc:  # cached too: the files do not change while the app runs
        return exc


def definitions() -> Definitions:
    """The shipped definitions; a broken file stops the page with every problem listed."""
    loaded = _definitions()
    if isinstance(loaded, FrameworkError):
        st.error(
            "The methodology files could not be loaded, so nothing can be shown. "
            "Ask whoever edited them to run `python -m framework check` and fix:\n\n"
            + "\n".join(f"- `{p}`" for p in loaded.problems)
        )
        st.stop()
    return loaded


@st.cache_resource(show_spinner=False)
def _engine():
    try:
        return open_store()
    except StoreError as exc:  # cached too: the page says why until the app is restarted
        return str(exc)


def engine():
    """The store, migrated on first use; a store that cannot be opened stops the page."""
    opened = _engine()
    if isinstance(opened, str):
        st.error("The records cannot be opened, so nothing was read or changed: " + as_text(opened))
        st.stop()
    return opened


@contextmanager
def screen_read() -> Iterator[None]:
    """A page's reads in one transaction (see `store.one_read`); a store that cannot be opened
    is left to the page, which says why."""
    opened = _engine()
    if isinstance(opened, str):
        yield
        return
    with one_read(opened):
        yield


def store_location() -> str:
    """Where the records are, as a code span: shown exactly as it is, whatever its characters."""
    return f"`{describe(engine()).replace('`', '')}`"


def start_page() -> None:
    """Every page begins here: the projector styling, and a note that a new run began."""
    new_run()  # before anything: a form notes in each run what it drew
    st.markdown(STYLE, unsafe_allow_html=True)


def page_title(*parts: str) -> None:
    """The browser tab's title, most particular first ("Workshop - challenge 3 - Northfield
    ..."): each page its own, for a screen reader's first words and a tab among many."""
    st.set_page_config(page_title=" - ".join([*parts, APP_NAME]))


def stage_card_html(
    number: int,
    name: str,
    headline: str | None,
    text: str,
    agreed: bool = False,
    brief: bool = False,
) -> str:
    """A stage's card. The stage the room agreed has a thick dark border and says "Agreed"."""
    head = f'<div class="headline">{escape(headline)}</div>' if headline else ""
    badge = '<div class="agreed-badge">✓ Agreed</div>' if agreed else ""
    classes = f"stage-card stage-{number}" + (" agreed" if agreed else "")
    return (
        f'<div class="{classes}">{badge}<h3>Stage {number} · {escape(name)}</h3>'
        f'{head}<div class="text{" brief" if brief else ""}">{escape(text)}</div></div>'
    )


def quotation(text: str, said_by: str) -> None:
    st.markdown(
        f'<div class="challenge-quote">“{escape(text)}”<br>'
        f'<span class="by">— {escape(said_by)}</span></div>',
        unsafe_allow_html=True,
    )


def service() -> Service:
    """The use cases, on the cached engine and definitions (cheap: build one per run), for
    the person signed in: the service checks every call against their role and scopes.
    Without accounts (app.py lets a run through only then, or signed in), this computer's one
    person may do everything."""
    account = st.session_state.get("account")
    access = Access(account) if isinstance(account, Account) else THIS_COMPUTER
    return Service(engine(), definitions(), access=access)


def kept(read: Callable[..., T], *args) -> T:
    """`read(*args)` for a read of a service unit (a bound method, such as
    `svc.portfolio.portfolio`), kept until the store is next written to or the day changes: a
    page rerun for a sort or another view then reads nothing again. Each run gets its own copy
    (st.cache_data), so a page that changes a frame it was given changes only its own."""
    ledger = read.__self__.ledger
    name = f"{type(read.__self__).__name__}.{read.__name__}"
    return _kept(read, str(ledger.engine.url), ledger.last_change(), ledger.today(), name, args)


@st.cache_data(max_entries=32, show_spinner=False)
def _kept(_read: Callable, store: str, last_change: tuple, today: date, name: str, args: tuple):
    return _read(*args)  # the leading underscore keeps `_read` out of the key; `name` is in it


def as_text(text: str) -> str:
    """Typed text made safe to put inside a markdown string: every character markdown or HTML
    could act on is escaped, so it shows exactly as typed."""
    shown = MARKDOWN_ANYWHERE.sub(r"\\\g<0>", escape(text, quote=False))
    shown = MARKDOWN_LINE_START.sub(lambda m: f"{m.group(0)}\\", shown)
    for pattern, written in AUTOLINKS:
        shown = pattern.sub(written, shown)
    return shown


def table(frame: pd.DataFrame, **options) -> None:
    """st.table, which renders its cells as markdown, with every text cell and column name
    shown as typed."""
    shown = frame.rename(columns=lambda c: as_text(c) if isinstance(c, str) else c)
    st.table(shown.map(lambda v: as_text(v) if isinstance(v, str) else v), **options)


def failed() -> None:
    """A page that failed: a plain message with a reference, and the details under that
    reference in the server's log, for whoever runs the tool."""
    reference = secrets.token_hex(3).upper()
    LOG.exception("A page failed; reference %s", reference)
    st.error(
        "This page could not be shown. Everything saved before is kept. If it happens again, "
        f"give whoever runs this tool the reference **{reference}**.",
        icon=":material/error:",
    )
    st.page_link(routes.HOME.path, label="Back to Home", icon=":material/home:")


# What a save can be refused with: the service's rules, or a store busy for too long with
# another write (an import); either way nothing was written and the typing stays on screen.
REFUSED = (ServiceError, StoreBusy)


def show_error(error: ServiceError | StoreBusy) -> None:
    """A refused save, in words; a stale one also shows both versions side by side."""
    st.error(as_text(str(error)), icon=":material/error:")
    if isinstance(error, StaleSave) and error.differences:
        table(
            pd.DataFrame(
                [(d.field, d.yours, d.stored) for d in error.differences],
                columns=["What", "Yours (not saved)", "Saved now"],
            ),
            hide_index=True,
        )
    if isinstance(error, ImportRefused):
        st.markdown("\n".join(f"- {as_text(str(p))}" for p in error.problems))


def act(error_key: str, call: Callable[[], object], done: Callable[[], None] | None = None):
    """A submit button's callback: run the service call before the page is drawn again, so the
    page shows the result with no st.rerun() (a rerun after a form can leave ghost copies of
    elements on screen). A refusal waits under `error_key` for `show_refusal`."""
    st.session_state.pop(error_key, None)
    try:
        call()
    except REFUSED as error:
        st.session_state[error_key] = error
    else:
        if done is not None:
            done()


def show_refusal(error_key: str) -> None:
    error = st.session_state.pop(error_key, None)
    if error is not None:
        show_error(error)


def submit(
    label: str,
    key: str,
    call: Callable[[], object],
    done: Callable[[], None] | None = None,
    *,
    icon: str | None = None,
    primary: bool = True,
    where=None,
    **button,
) -> None:
    """The one way a page saves: a button whose callback makes the service call (`act`), with
    a refusal shown under it; `where` is the container it goes in (the page by default)."""
    where = where or st
    where.button(
        label,
        key=key,
        type="primary" if primary else "secondary",
        icon=icon,
        on_click=act,
        args=(f"{key}:error", call, done),
        **button,
    )
    if where is st:
        show_refusal(f"{key}:error")
    else:
        with where:
            show_refusal(f"{key}:error")


def save_button(
    form: StoredForm,
    label: str,
    key: str,
    save: Callable[[int], tuple[int, dict]],
    fresh: Callable[[], tuple[int, dict]],
    done: Callable[[], None] | None = None,
) -> None:
    """The save of a stored record's form (`kit.stored_form`). `save(version)` writes what the
    form holds over `version` and returns the version and values now stored; `fresh()` reads
    them. A save over someone else's change is refused, and the person chooses: theirs over
    it, or the stored record shown again."""
    error_key = f"{key}:error"

    def over(version: int) -> None:
        form.saved(*save(version))
        if done is not None:
            done()

    st.button(
        label,
        key=key,
        type="primary",
        icon=":material/save:",
        on_click=act,
        args=(error_key, lambda: over(form.read.version)),
    )
    error = st.session_state.pop(error_key, None)
    if error is None:
        return
    show_error(error)
    if isinstance(error, StaleSave):
        row = st.container(horizontal=True)
        row.button(
            "Save mine over it",
            key=f"{key}:mine",
            on_click=act,
            args=(error_key, lambda: over(fresh()[0])),
        )
        row.button(
            "Discard mine and show the saved one",
            key=f"{key}:theirs",
            on_click=act,
            args=(error_key, lambda: form.saved(*fresh())),
        )


def tell(key: str, message: str) -> None:
    """From a callback: a message for `show_told` to give once the page is drawn again, as
    text (it names what was saved, typed names included)."""
    st.session_state[key] = message


def show_told(key: str) -> None:
    message = st.session_state.pop(key, None)
    if message:
        st.success(as_text(message), icon=":material/check_circle:")
        st.toast(as_text(message), icon=":material/check_circle:")


def day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "not set"


def stage_words(svc: Service, framework_ref: str, stage: int | None, by_hand=False) -> str:
    names = {s.number: s.name for s in svc.definitions.framework(framework_ref).stages}
    marker = f" {STAGE_BY_HAND}" if by_hand else ""
    return f"Stage {stage} {names[stage]}{marker}" if stage else "not agreed"


def plan_state(svc: Service, plan: Plan, stage: int | None = None) -> str:
    """One line on where a plan stands: its version and sign-off (or agreement), its stage (or
    a TRIP priority's timescale) and next review. `stage`, when given, is the stage now (a
    review may have re-rated it since the plan was written)."""
    latest = plan.latest
    word = plan.signed_word
    if latest.signed:
        signed = f"Version {latest.number}, {word} on {day(latest.signed_on)}"
    elif latest.number > 1:
        signed = f"Version {latest.number} is a draft; version {latest.number - 1} is in force"
    else:
        signed = f"Draft, not {word} yet"
    if plan.trip:
        timescales = {t.id: t.name for t in svc.definitions.trip.timescales}
        kind = timescales.get(latest.content.timescale, "quick win or longer term not chosen")
    else:
        now = stage if stage is not None else latest.content.current_stage
        by_hand = stage is None and latest.content.current_stage_by_hand
        kind = "current stage: " + stage_words(svc, plan.framework, now, by_hand)
    due = day(svc.reviews.next_review_due(plan))
    return f"{signed} · {kind} · next review: {due}"
