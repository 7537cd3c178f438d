"""The audit log, for whoever the service lets read it (an administrator signed in, or this
computer alone without accounts): whether the hash chain is whole, then every entry, newest
first, narrowed by person, kind of record, action and days, a page at a time. The filters live
in the URL, so a refresh or a shared link opens the same entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import streamlit as st

from assessments.rules.errors import NotAllowed, ServiceError
from assessments.service import Service
from assessments.service.audit import (
    AuditChoices,
    AuditFilters,
    AuditPage,
    action_words,
    changes,
    what_words,
)
from assessments.store.audit_chain import ChainCheck
from pages.kit import ui

PAGE_SIZE = 50
# Number, time, action and record on one line each: the changes get the width at 1024 px.
STYLE = """<style>
.st-key-audit-entries :is(td:nth-child(-n+2), td:nth-child(4), td:nth-child(5)) p {
  white-space: nowrap;}
</style>"""
RECHECK = timedelta(minutes=5)  # a walk of the chain is kept this long while nothing is written
state = st.session_state


def chain_now(svc: Service) -> tuple[ChainCheck, datetime]:
    """The chain's walk, and when it was walked: again after any write, after RECHECK, or when
    asked ("Check again"), since a walk of a long log takes a while and most reruns of this
    page only change a filter."""
    newest, now = svc.last_change(), datetime.now(UTC)
    held = state.get("audit:chain")
    if (
        state.pop("audit:recheck", False)
        or not held
        or held[0] != newest
        or now - held[2] > RECHECK
    ):
        held = (newest, svc.audit.chain(), now)
        state["audit:chain"] = held
    return held[1], held[2]


def show_chain(svc: Service) -> None:
    checked, at = chain_now(svc)
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        if checked.intact:
            st.success(
                "Every entry is in its place: the chain is whole "
                f"({checked.entries:,} {'entry' if checked.entries == 1 else 'entries'}).",
                icon=":material/verified:",
                width="stretch",
            )
        else:
            whole = {0: "", 1: " The entry before it is whole."}.get(
                checked.entries, f" The {checked.entries:,} entries before it are whole."
            )
            st.error(
                f"The audit log was changed by hand. {ui.as_text(checked.problem)}{whole} "
                "Stop using the app and put "
                "the last backup from before that entry in place (`python -m assessments "
                "restore FILE` for the built-in store, pg_restore for PostgreSQL: README, "
                '"Backup and restore"), then find out who could write to the store.',
                icon=":material/gpp_bad:",
                width="stretch",
            )
        st.button(
            "Check again",
            key="audit:check-again",
            icon=":material/refresh:",
            help=f"Walked at {at:%H:%M:%S} UTC; walked again after every save.",
            on_click=lambda: state.update({"audit:recheck": True}),
        )


def first_page() -> None:
    """A filter changed: its entries start at the newest."""
    st.query_params.pop("page", None)


def filters_row(choices: AuditChoices) -> AuditFilters:
    """Person, kind of record, action, from and to, each kept in the URL under its key."""
    who_typed = st.query_params.get("who", "")
    people = ["", *choices.people]
    if who_typed and who_typed not in people:
        people.append(who_typed)  # part of a name, typed: matched as a part
    person, kind, action, since, until = st.columns(5)
    who = person.selectbox(
        "Person",
        people,
        format_func=lambda name: name or "Everyone",
        key="who",
        accept_new_options=True,
        bind="query-params",
        on_change=first_page,
        help="Choose a name, or type part of one: every name holding it, in any case.",
    )
    entity = kind.selectbox(
        "Kind of record",
        ["", *choices.entities],
        format_func=lambda e: what_words(e) if e else "Every kind",
        key="kind",
        bind="query-params",
        on_change=first_page,
    )
    act = action.selectbox(
        "Action",
        ["", *choices.actions],
        format_func=lambda a: action_words(a) if a else "Every action",
        key="action",
        bind="query-params",
        on_change=first_page,
    )
    today = datetime.now(UTC).date()
    from_day = since.date_input(
        "From (UTC)",
        value=None,
        max_value=today,
        format="DD/MM/YYYY",
        key="from",
        bind="query-params",
        on_change=first_page,
    )
    to_day = until.date_input(
        "To (UTC)",
        value=None,
        max_value=today,
        format="DD/MM/YYYY",
        key="to",
        bind="query-params",
        on_change=first_page,
    )
    page = st.query_params.get("page", "1")
    return AuditFilters(
        who=who or "",
        exact=(who or "") in choices.people,
        entity=entity or "",
        action=act or "",
        from_day=from_day if isinstance(from_day, date) else None,
        to_day=to_day if isinstance(to_day, date) else None,
        page_size=PAGE_SIZE,
        page=int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1,
    )


def go_to(page: int) -> None:
    if page > 1:
        st.query_params["page"] = str(page)
    else:
        st.query_params.pop("page", None)


def paging(found: AuditPage, where: str = "top") -> None:
    row = st.container(horizontal=True, vertical_alignment="center")
    row.button(
        "Previous",
        key=f"audit:previous:{where}",
        icon=":material/chevron_left:",
        disabled=found.page <= 1,
        on_click=go_to,
        args=(found.page - 1,),
    )
    if found.total:
        row.markdown(
            f"Entries {found.first:,}–{found.last:,} of {found.total:,} "
            f"(page {found.page:,} of {found.pages:,})"
        )
    else:
        row.markdown("No entry matches these filters.")
    row.button(
        "Next",
        key=f"audit:next:{where}",
        icon=":material/chevron_right:",
        disabled=found.page >= found.pages,
        on_click=go_to,
        args=(found.page + 1,),
    )


def show_entries(found: AuditPage) -> None:
    if not found.entries:
        return
    frame = pd.DataFrame(
        [
            (
                e.id,
                f"{e.at:%d %b %Y %H:%M} UTC",
                f"{e.actor_name} ({e.actor_role})",
                action_words(e.action),
                what_words(e.entity, e.entity_id),
                changes(e.before, e.after),
            )
            for e in found.entries
        ],
        columns=["Entry", "When", "Who", "Action", "What", "Changed"],
    )
    with st.container(key="audit-entries"):
        ui.table(frame, hide_index=True)


ui.start_page()
st.markdown(STYLE, unsafe_allow_html=True)
svc = ui.service()
st.title("Audit log")
try:
    choices = svc.audit.choices()  # asks the gate before anything of the log is read
except NotAllowed as refusal:
    st.info(ui.as_text(refusal.message), icon=":material/lock:")
    st.stop()
st.caption(
    "Every save in the app, newest first: who, when, what and what changed. Each entry is "
    "chained to the one before by its hash, so an entry changed or removed by hand is found."
)
show_chain(svc)
filters = filters_row(choices)
try:
    found = svc.audit.entries(filters)
except ServiceError as error:
    ui.show_error(error)
    st.stop()
paging(found)
show_entries(found)
if found.pages > 1:
    paging(found, "bottom")  # under a long page too
