"""How a round is named everywhere, its practice banner, and the form of the details a round
is started with and can later be corrected in."""

from __future__ import annotations

import streamlit as st

from assessments.records import COMPLETERS, ROUND_STATUSES, TRIP, Round
from assessments.service import Service
from pages.kit import terms
from pages.kit.stored_form import StoredForm
from pages.kit.ui import as_text


def practice_banner(round_: Round) -> None:
    if round_.practice:
        st.markdown(
            '<div class="practice-banner">Practice round: for learning the tool. '
            "It is never included in any comparison.</div>",
            unsafe_allow_html=True,
        )


def label(svc: Service, round_: Round, scope: str | None = None) -> str:
    """How a round is named everywhere: scope, date, framework version (or a TRIP's benchmark
    set) and status. Pass the scope when naming many rounds (see Service.scope_names) to save
    a query each."""
    status = "Practice" if round_.practice else ROUND_STATUSES[round_.status]
    if round_.kind == TRIP:
        what = svc.definitions.benchmark_set(round_.framework).title
    else:
        what = f"{svc.definitions.framework(round_.framework).version} framework"
    scope = scope or svc.rounds.scope_name(round_)
    if round_.own_view:
        scope += " (its own view)"
    return f"{scope} · {round_.held_on:%d %b %Y} · {what} · {status}"


DETAILS = ("held_on", "facilitator", "status")


def details_form(
    svc: Service, name: str, also: tuple[str, ...] = (), completers: bool = False
) -> StoredForm:
    """A form holding the details a round is started with and can later be corrected in (date,
    facilitator, status, how many of each group took part), the fields named in `also`, and a
    Template A round's completers if asked for."""
    groups = tuple(g.id for g in svc.definitions.stakeholder_groups)
    named = tuple(COMPLETERS) if completers else ()
    return StoredForm(name, (*also, *DETAILS, *named, *groups))


def values(svc: Service, round_: Round | None, who: str = "") -> dict:
    """A round form's stored values: a round's own, or a new draft's, held today by `who`."""
    if round_ is None:
        values, people = {"held_on": svc.today(), "facilitator": who, "status": "draft"}, {}
        values |= dict.fromkeys(COMPLETERS, "")
    else:
        values = {"held_on": round_.held_on, "facilitator": round_.facilitator}
        values, people = values | {"status": round_.status}, round_.participants
        values |= {role: getattr(round_, role) for role in COMPLETERS}
    groups = svc.definitions.stakeholder_groups
    return values | {group.id: people.get(group.id, 0) for group in groups}


def inputs(svc: Service, form: StoredForm) -> None:
    left, middle, right = st.columns(3)
    left.date_input("Date held", format="DD/MM/YYYY", **form.bind("held_on"))
    middle.text_input("Facilitator", max_chars=200, **form.bind("facilitator"))
    right.selectbox(
        "Status",
        list(ROUND_STATUSES),
        format_func=ROUND_STATUSES.get,
        help=terms.explain("practice-round"),
        **form.bind("status"),
    )
    if COMPLETERS.keys() <= set(form.fields):
        st.markdown(
            "**Who completed it with the facilitator** (names or role titles; a provider-wide "
            "round is agreed only with its recovery lead named)"
        )
        for column, (role, words) in zip(st.columns(3), COMPLETERS.items(), strict=True):
            column.text_input(words, max_chars=200, **form.bind(role))
    st.markdown(
        "**Who took part** (how many people of each group; never their names)",
        help=terms.explain("stakeholder-group"),
    )
    for column, group in zip(st.columns(4) * 2, svc.definitions.stakeholder_groups, strict=False):
        column.number_input(as_text(group.name), min_value=0, step=1, **form.bind(group.id))


def details(svc: Service, form: StoredForm) -> dict:
    """What a round form holds, as the service takes it."""
    typed = form.typed()
    groups = svc.definitions.stakeholder_groups
    found = {name: typed[name] for name in DETAILS} | {
        "participants": {group.id: typed[group.id] for group in groups}
    }
    if COMPLETERS.keys() <= set(form.fields):
        found["completers"] = {role: typed[role] for role in COMPLETERS}
    return found
