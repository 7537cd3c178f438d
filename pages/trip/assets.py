"""The assets register of a team's TRIP: what staff and the people who use the service can offer,
searchable, each held by a role or initials only, and which priorities will use it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.records import Actor, Team
from assessments.records.trip import Asset
from assessments.service import Service
from pages.kit import printable, terms, ui
from pages.kit.stored_form import StoredForm

ASSET_FIELDS = ("kind", "holder", "held_by", "what")
HELD_BY_HELP = "A role (such as 'Peer worker') or initials (such as 'J.K.'), never a name."


def register(svc: Service, actor: Actor, team: Team) -> None:
    method = svc.definitions.trip
    kinds = {k.id: k.name for k in method.asset_kinds}
    holders = {h.id: h.name for h in method.asset_holders}
    st.header("Our assets", anchor=False, help=terms.explain("assets"))
    with st.expander("What counts as an asset", icon=":material/help:"):
        st.markdown(
            "\n".join(
                f"- **{ui.as_text(k.name)}:** {ui.as_text(k.description)}"
                for k in method.asset_kinds
            )
        )
    everything = svc.trip.assets(team.id)
    search = st.text_input(
        "Search the assets",
        key=f"asset-search:{team.id}",
        placeholder="A word, such as music, college or Welsh",
    )
    found = svc.trip.assets(team.id, search) if search.strip() else everything
    users = _priorities_using(svc, team)
    if not everything:
        st.info("No assets yet. Add the first below: everyone has something to offer.")
    else:
        st.caption(
            f"{len(found)} of {len(everything)} assets match '{ui.as_text(search.strip())}'."
            if search.strip()
            else f"{len(everything)} assets."
        )
        if found:
            printable.dataframe(
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
    """A new asset. Its widgets are a cache (`kit.stored_form`): what was typed survives a
    switch to another part of the TRIP page. A saved asset starts an empty form under a new
    name (the browser would send the old values back); a refused one keeps everything."""
    state = st.session_state
    count = state.setdefault(f"asset-add:{team.id}:count", 0)
    form = StoredForm(f"asset-add:{team.id}:{count}", ASSET_FIELDS)
    empty = {"kind": next(iter(kinds)), "holder": next(iter(holders)), "held_by": "", "what": ""}

    def add() -> None:
        added = svc.trip.add_asset(actor, team.id, **form.typed())
        state[f"asset-add:{team.id}:count"] = count + 1
        state[f"asset-add:{team.id}:saved"] = f"Added asset {added.id}: {ui.as_text(added.what)}"

    with form.showing("new", 0, empty), st.container(border=True, key="asset-add-form"):
        st.markdown("**Add an asset**")
        st.caption(ui.NO_NAMES)
        _asset_fields(form, kinds, holders)
        ui.submit("Add the asset", f"asset-add:{team.id}:{count}:add", add, icon=":material/add:")
    saved = state.pop(f"asset-add:{team.id}:saved", None)
    if saved:
        st.success(saved, icon=":material/check_circle:")


def _change_form(svc, actor, assets: list[Asset], kinds: dict, holders: dict) -> None:
    by_id = {a.id: a for a in assets}
    with st.expander("Change or archive an asset", icon=":material/edit:"):
        chosen = st.selectbox(
            "Asset",
            list(by_id),
            format_func=lambda i: f"{i}. {by_id[i].what[:80]} ({by_id[i].held_by})",
            key="asset-change:choice",
        )
        asset = by_id[chosen]
        form = StoredForm(f"asset-change:{asset.id}", ASSET_FIELDS)
        stored = {name: getattr(asset, name) for name in ASSET_FIELDS}

        def values(stored: Asset) -> tuple[int, dict]:
            return stored.version, {name: getattr(stored, name) for name in ASSET_FIELDS}

        def save(version: int) -> tuple[int, dict]:
            return values(svc.trip.update_asset(actor, asset.id, version, **form.typed()))

        def archive() -> None:
            svc.trip.set_asset_archived(actor, asset.id, form.read.version, True)

        with form.showing(asset.id, asset.version, stored):
            _asset_fields(form, kinds, holders)
            ui.save_button(
                form,
                "Save the change",
                f"asset-change:{asset.id}:save",
                save,
                lambda: values(svc.trip.asset(asset.id)),
            )
            ui.submit(
                "Archive it (it leaves the register)",
                f"asset-change:{asset.id}:archive",
                archive,
                icon=":material/archive:",
                primary=False,
            )


def _asset_fields(form: StoredForm, kinds: dict, holders: dict) -> None:
    row = st.container(horizontal=True)
    row.selectbox("Kind", list(kinds), format_func=kinds.get, **form.bind("kind"))
    row.selectbox("Held among", list(holders), format_func=holders.get, **form.bind("holder"))
    row.text_input("Held by", help=HELD_BY_HELP, max_chars=60, **form.bind("held_by"))
    st.text_area("What it is", help=ui.NO_NAMES, height=80, **form.bind("what"))


def _priorities_using(svc: Service, team: Team) -> dict[int, list[str]]:
    """Each asset's open TRIP priorities that said "we will use this"."""
    found: dict[int, list[str]] = {}
    for plan in svc.trip.trip_priorities(team.id):
        if plan.open:
            for asset_id in plan.latest.content.assets:
                found.setdefault(asset_id, []).append(plan.latest.content.title or "(untitled)")
    return found
