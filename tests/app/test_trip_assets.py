"""TRIP's assets driven as a team drives them: added, searched and held by a role or initials,
what was typed kept when refused or when the page changes."""

from __future__ import annotations

from pages.kit import ui
from tests.app.plan_helpers import texts
from tests.app.trip_helpers import click, trip_page


def test_assets_are_added_searched_and_held_by_role_or_initials(team):
    at = trip_page(team, "assets")
    assert "No assets yet" in texts(at)
    for kind, held_by, what in (
        ("hidden-talent", "Support worker", "Plays guitar; could start a music group"),
        ("community-contact", "R.T.", "Volunteers at the allotment society"),
    ):
        key = f"asset-add:{team.id}:{{}}:{{}}".format
        count = at.session_state[f"asset-add:{team.id}:count"]
        at.selectbox(key=key(count, "kind")).set_value(kind)
        at.text_input(key=key(count, "held_by")).input(held_by)
        at.text_area(key=key(count, "what")).input(what)
        click(at, "Add the asset")
        assert "Added asset" in texts(at)

    table = at.dataframe[0].value
    assert list(table["Held by"]) == ["R.T.", "Support worker"]
    assert "Do not write the names of people who use services" in texts(at)
    at.text_input(key=f"asset-search:{team.id}").input("allotment").run()
    assert list(at.dataframe[0].value["What"]) == ["Volunteers at the allotment society"]
    assert "1 of 2 assets match 'allotment'." in texts(at)


def test_an_asset_without_a_holder_is_refused_and_what_was_typed_stays(team):
    at = trip_page(team, "assets")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Speaks Polish and Welsh")
    click(at, "Add the asset")

    assert ui.as_text("Who holds it (a role or initials) is empty") in texts(at)
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == "Speaks Polish and Welsh"
    assert ui.service().trip.assets(team.id) == []


def test_an_asset_held_by_a_name_is_refused_and_what_was_typed_stays(team):
    at = trip_page(team, "assets")
    at.text_input(key=f"asset-add:{team.id}:0:held_by").input("Jane Smith")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Speaks Polish and Welsh")
    click(at, "Add the asset")

    assert "'Jane Smith' reads as a person's name" in texts(at)
    assert at.text_input(key=f"asset-add:{team.id}:0:held_by").value == "Jane Smith"
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == "Speaks Polish and Welsh"
    assert ui.service().trip.assets(team.id) == []


def test_an_asset_typed_survives_a_visit_to_another_part_and_a_change_shows_the_stored_one(team):
    at = trip_page(team, "assets")
    at.text_area(key=f"asset-add:{team.id}:0:what").input("Knows the food bank volunteers")
    at.segmented_control(key=f"trip-part:{team.id}").set_value("priorities").run()
    at.segmented_control(key=f"trip-part:{team.id}").set_value("assets").run()
    assert at.text_area(key=f"asset-add:{team.id}:0:what").value == (
        "Knows the food bank volunteers"
    )
    at.text_input(key=f"asset-add:{team.id}:0:held_by").input("Peer worker")
    click(at, "Add the asset")

    asset = ui.service().trip.assets(team.id)[0]
    at.segmented_control(key=f"trip-part:{team.id}").set_value("priorities").run()
    at.segmented_control(key=f"trip-part:{team.id}").set_value("assets").run()
    assert at.text_area(key=f"asset-change:{asset.id}:what").value == asset.what
    assert at.text_input(key=f"asset-change:{asset.id}:held_by").value == "Peer worker"
    before = ui.service().trip.assets(team.id)
    click(at, "Save the change")  # unchanged: nothing written
    assert ui.service().trip.assets(team.id) == before


def test_a_change_over_someone_elses_is_refused_and_mine_can_be_saved_over_it(team):
    from tests.app.conftest import LEAD

    svc = ui.service()
    asset = svc.trip.add_asset(
        LEAD, team.id, kind="hidden-talent", holder="staff", held_by="Support worker", what="Guitar"
    )
    at = trip_page(team, "assets")
    svc.trip.update_asset(
        LEAD, asset.id, asset.version, kind="hidden-talent", holder="staff",
        held_by="Support worker", what="Guitar and drums",
    )  # fmt: skip

    at.text_area(key=f"asset-change:{asset.id}:what").input("Guitar; could start a group")
    click(at, "Save the change")
    assert "after you opened it" in texts(at)
    assert svc.trip.asset(asset.id).what == "Guitar and drums"

    click(at, "Save mine over it")
    stored = svc.trip.asset(asset.id)
    assert (stored.what, stored.version) == ("Guitar; could start a group", 3)
