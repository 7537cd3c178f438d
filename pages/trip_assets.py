"""The assets register of a team's TRIP: what staff and the people who use the service can offer,
searchable, each held by a role or initials only, and which priorities will use it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records import Actor, Team
from assessments.service import Service
from assessments.trip_records import Asset
from pages import ui

HELD_BY_HELP = "A role (such as 'Peer worker') or initials (such as 'J.K.'), never a name."


def register(svc: Service, actor: Actor, team: Team) -> None:
    method = svc.definitions.trip
    kinds = {k.id: k.name for k in method.asset_kinds}
    holders = {h.id: h.name for h in method.asset_holders}
    st.subheader("Our assets", anchor=False)
    with st.expander("What counts as an asset", icon=":material/help:"):
        st.markdown("\n".join(f"- **{k.name}:** {k.description}" for k in method.asset_kinds))
    everything = svc.assets(team.id)
    search = st.text_input(
        "Search the assets",
        key=f"asset-search:{team.id}",
        placeholder="A word, such as music, college or Welsh",
    )
    found = svc.assets(team.id, search) if search.strip() else everything
    users = _priorities_using(svc, team)
    if not everything:
        st.info("No assets yet. Add the first below: everyone has something to offer.")
    else:
        st.caption(
            f"{len(found)} of {len(everything)} assets match '{search.strip()}'."
            if search.strip()
            else f"{len(everything)} assets."
        )
        if found:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "No.": a.id,
                            "Kind": kinds[a.kind],
                            "Held among": holders[a.holder],
                            "Held by": a.held_by,
                            "What": a.what,
                            "We will use it in": "; ".join(users.get(a.id, [])) or "—",
                        }
                        for a in found
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
    _add_form(svc, actor, team, kinds, holders)
    if everything:
        _change_form(svc, actor, everything, kinds, holders)


def _add_form(svc, actor, team: Team, kinds: dict, holders: dict) -> None:
    # A saved asset starts an empty form: new keys, since the browser would send the old
    # values back. A refused one keeps everything typed.
    state = st.session_state
    count = state.setdefault(f"asset-add:{team.id}:count", 0)
    key = f"asset-add:{team.id}:{count}:{{}}".format

    def add() -> None:
        added = svc.add_asset(
            actor,
            team.id,
            kind=state[key("kind")],
            holder=state[key("holder")],
            held_by=state[key("held_by")],
            what=state[key("what")],
        )
        state[f"asset-add:{team.id}:count"] = count + 1
        state[f"asset-add:{team.id}:saved"] = f"Added asset {added.id}: {added.what}"

    with st.form(key("form"), enter_to_submit=False):
        st.markdown("**Add an asset**")
        st.caption(ui.NO_NAMES)
        left, middle, right = st.columns(3)
        left.selectbox("Kind", list(kinds), format_func=kinds.get, key=key("kind"))
        middle.selectbox("Held among", list(holders), format_func=holders.get, key=key("holder"))
        right.text_input("Held by", key=key("held_by"), help=HELD_BY_HELP, max_chars=60)
        st.text_area("What it is", key=key("what"), help=ui.NO_NAMES, height=80)
        st.form_submit_button(
            "Add the asset",
            type="primary",
            icon=":material/add:",
            on_click=ui.act,
            args=(f"asset-add:{team.id}:error", add),
        )
    ui.show_refusal(f"asset-add:{team.id}:error")
    saved = state.pop(f"asset-add:{team.id}:saved", None)
    if saved:
        st.success(saved, icon=":material/check_circle:")


def _change_form(svc, actor, assets: list[Asset], kinds: dict, holders: dict) -> None:
    by_id = {a.id: a for a in assets}
    state = st.session_state
    with st.expander("Change or archive an asset", icon=":material/edit:"):
        chosen = st.selectbox(
            "Asset",
            list(by_id),
            format_func=lambda i: f"{i}. {by_id[i].what[:80]} ({by_id[i].held_by})",
            key="asset-change:choice",
        )
        asset = by_id[chosen]
        key = f"asset-change:{asset.id}:{asset.version}:{{}}".format

        def save() -> None:
            svc.update_asset(
                actor,
                asset.id,
                asset.version,
                kind=state[key("kind")],
                holder=state[key("holder")],
                held_by=state[key("held_by")],
                what=state[key("what")],
            )

        with st.form(key("form"), enter_to_submit=False):
            left, middle, right = st.columns(3)
            left.selectbox(
                "Kind",
                list(kinds),
                list(kinds).index(asset.kind),
                format_func=kinds.get,
                key=key("kind"),
            )
            middle.selectbox(
                "Held among",
                list(holders),
                list(holders).index(asset.holder),
                format_func=holders.get,
                key=key("holder"),
            )
            right.text_input(
                "Held by", asset.held_by, help=HELD_BY_HELP, max_chars=60, key=key("held_by")
            )
            st.text_area("What it is", asset.what, help=ui.NO_NAMES, height=80, key=key("what"))
            left, right = st.columns(2)
            left.form_submit_button(
                "Save the change",
                icon=":material/save:",
                on_click=ui.act,
                args=("asset-change:error", save),
            )
            right.form_submit_button(
                "Archive it (it leaves the register)",
                icon=":material/archive:",
                on_click=ui.act,
                args=(
                    "asset-change:error",
                    lambda: svc.set_asset_archived(actor, asset.id, asset.version, True),
                ),
            )
        ui.show_refusal("asset-change:error")


def _priorities_using(svc: Service, team: Team) -> dict[int, list[str]]:
    """Each asset's open TRIP priorities that said "we will use this"."""
    found: dict[int, list[str]] = {}
    for plan in svc.trip_priorities(team.id):
        if plan.open:
            for asset_id in plan.latest.content.assets:
                found.setdefault(asset_id, []).append(plan.latest.content.title or "(untitled)")
    return found
