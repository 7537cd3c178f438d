"""The working context kept in the URL: which round, provider and team a page is about, and
which part of it is open, so a refresh, a sleeping laptop or a shared link opens the same place.
Each chooser reads the URL, offers the choice, and writes what was chosen back."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from assessments.records import TEMPLATE_A, Organisation, Round, Team
from assessments.rules.errors import ServiceError
from assessments.service import Service
from pages.kit import routes
from pages.kit.round_parts import label as round_label
from pages.kit.ui import as_text


def keep_in_url(param: str, value: str) -> None:
    """Write `value` to the URL only when it is not there already: each write is a message to
    the browser, on every run."""
    if st.query_params.get(param) != value:
        st.query_params[param] = value


def _wanted(param: str) -> str:
    """The URL's `param`, or without one (the top bar's links carry none) the last chosen in
    this session: moving to another page keeps the provider and team in hand."""
    return st.query_params.get(param) or st.session_state.get(f"kit:last:{param}", "")


def _keep(param: str, value: str) -> None:
    st.session_state[f"kit:last:{param}"] = value
    keep_in_url(param, value)


def url_choice(key: str, options: list[str], default: str) -> str:
    """The value of `key` in the URL if it is one of `options`, else `default`."""
    value = st.query_params.get(key)
    return value if value in options else default


def url_segments(
    label: str,
    options: dict[str, str],
    param: str,
    key: str,
    label_visibility: Literal["visible", "collapsed"] = "collapsed",
) -> str:
    """One of `options` (id -> words) as a segmented control, starting from the URL's `param`
    (else the first) and kept there, so a refresh or a shared link opens the same part."""
    ids = list(options)
    chosen = st.segmented_control(
        label,
        ids,
        default=url_choice(param, ids, ids[0]),
        format_func=options.get,
        required=True,
        key=key,
        label_visibility=label_visibility,
    )
    keep_in_url(param, chosen)
    return chosen


def current_round(svc: Service) -> Round:
    """The Template A round named in the URL; without one, a choice of them (and the page
    stops)."""
    raw = st.query_params.get("round", "")
    if raw and not raw.isdigit():
        _not_found(f"round {as_text(raw)}")
    if raw.isdigit():
        try:
            found = svc.rounds.round(int(raw))
        except ServiceError:
            _not_found(f"round {raw}")
        else:
            if found.kind == TEMPLATE_A:
                return found
            st.warning(f"Round {raw} is a TRIP round: it opens on the TRIP page. Or choose below.")
            st.page_link(routes.TRIP.path, label="TRIP", icon=":material/groups:")
    rounds = [r for r in svc.rounds.rounds() if r.kind == TEMPLATE_A]
    if not rounds:
        st.info("There are no rounds yet. Start one on the Rounds page.")
        st.page_link(routes.ROUNDS.path, label="Go to Rounds", icon=":material/event:")
        st.stop()
    by_id = {r.id: r for r in rounds}
    scopes = svc.rounds.scope_names(rounds)
    chosen = st.selectbox(
        "Choose a round",
        list(by_id),
        index=None,
        format_func=lambda i: round_label(svc, by_id[i], scopes[i]),
        key="round_picker",
    )
    if chosen is None:
        st.stop()
    keep_in_url("round", str(chosen))
    return by_id[chosen]


def _not_found(what: str) -> None:
    """An address naming a record that is not there (mistyped, archived, another provider's):
    said plainly, with the choice below as the way on."""
    st.warning(f"There is no {what}. Choose below.", icon=":material/help:")


def current_provider(svc: Service) -> Organisation:
    """The provider named in the URL (or last chosen), chosen here and kept there; with none,
    the page says where to add one and stops."""
    providers = {o.id: o for o in svc.providers.organisations()}
    if not providers:
        st.info("There are no providers yet. Add one, or load the fictional demo on Home.")
        st.page_link(routes.PROVIDERS.path, label="Providers and teams", icon=":material/domain:")
        st.stop()
    raw = _wanted("org")
    ids = list(providers)
    current = int(raw) if raw.isdigit() and int(raw) in providers else ids[0]
    if raw and str(current) != raw:
        _not_found(f"provider {as_text(raw)}: it may have been archived")
    chosen = st.selectbox(
        "Provider",
        ids,
        index=ids.index(current),
        format_func=lambda i: providers[i].name,
        key="provider_picker",
    )
    _keep("org", str(chosen))
    return providers[chosen]


def current_team(svc: Service, provider: Organisation, whole: bool = True) -> Team | None:
    """The scope inside a provider: its own plans (None, offered when `whole`) or one current
    team's; kept in the URL like the provider. Without `whole` and with no team, the page says
    where to add one and stops."""
    teams = {t.id: t for t in svc.providers.teams(provider.id)}
    if not whole and not teams:
        st.info(f"{as_text(provider.name)} has no teams yet. Add one on Providers and teams.")
        st.page_link(routes.PROVIDERS.path, label="Providers and teams", icon=":material/domain:")
        st.stop()
    raw = _wanted("team")
    # 0: the provider as a whole (None would offer to clear the box)
    options = [0, *teams] if whole else list(teams)
    current = int(raw) if raw.isdigit() and int(raw) in teams else options[0]
    if raw and raw != "0" and str(current) != raw:
        _not_found(
            f"team {as_text(raw)} at {as_text(provider.name)}: it may have been archived, "
            "or be another provider's"
        )
    chosen = st.selectbox(
        "Scope" if whole else "Team",
        options,
        index=options.index(current),
        format_func=lambda i: teams[i].name if i else f"{provider.name} as a whole",
        key="team_picker",
    )
    if not chosen:
        st.query_params.pop("team", None)
        st.session_state.pop("kit:last:team", None)
        return None
    _keep("team", str(chosen))
    return teams[chosen]
