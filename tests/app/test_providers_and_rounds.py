"""Home's demo offer, providers and teams, and starting a round, as a person does them."""

from __future__ import annotations

from datetime import date
from functools import partial

import demo
from assessments.records import Actor
from pages.kit import routes, ui
from tests.app.conftest import open_page

LEAD = Actor("Sam Okafor", "Recovery lead")


def signed_in(page: str, **query: str):
    at = open_page(None, **query)
    at.session_state["actor"] = LEAD
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_empty_store_offers_the_fictional_demo_and_loads_it(monkeypatch):
    # The page's button and message are under test, not the demo (its own tests build it at
    # full size): a small one loads in a fraction of the time.
    monkeypatch.setattr(demo, "load_demo", partial(demo.load_demo, teams=2, rounds=1))
    at = signed_in(routes.HOME.path)

    assert any("No records yet" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Load the fictional demo").click().run()

    assert any("Loaded the demo" in s.value for s in at.success)
    providers = ui.service().providers.organisations()
    assert [p.name for p in providers] == [
        "Northfield Demo NHS Foundation Trust (fictional)",
        "Riverside Recovery Partnership (fictional)",
    ]
    assert not any("No records yet" in m.value for m in at.markdown)


def test_a_provider_and_its_teams_are_added_and_bad_names_are_refused():
    at = signed_in(routes.PROVIDERS.path)
    at.text_input[0].input("Northfield Demo Trust (fictional)")
    at.button(key="new-provider:add").click().run()
    assert any("Added Northfield Demo Trust (fictional)" in s.value for s in at.success)

    form = "new-team:add"
    name = next(t for t in at.text_input if t.label == "Team name")
    name.input("Riverside CMHT")
    at.button(key=form).click().run()
    assert any("Added Riverside CMHT" in s.value for s in at.success)
    assert list(at.dataframe[0].value["Team"]) == ["Riverside CMHT"]

    next(t for t in at.text_input if t.label == "Team name").input("riverside cmht")
    at.button(key=form).click().run()
    assert any("already has a team called 'Riverside CMHT'" in e.value for e in at.error)

    next(t for t in at.text_input if t.label == "Team name").input("   ")
    at.button(key=form).click().run()
    assert any("The team's name is empty" in e.value for e in at.error)
    assert [t.name for t in ui.service().providers.teams()] == ["Riverside CMHT"]


def test_a_round_started_on_the_rounds_page_opens_in_the_workshop():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    svc.providers.create_team(LEAD, org.id, "Riverside CMHT", "cmht")
    at = signed_in(routes.ROUNDS.path, org=str(org.id))
    assert any("No rounds yet" in i.value for i in at.info)

    next(n for n in at.number_input if n.label == "People using services").set_value(7)
    at.button(key="new-round:start").click().run()

    made = svc.rounds.rounds(org.id)
    assert len(made) == 1 and made[0].participants == {"people-using-services": 7}
    assert made[0].facilitator == "Sam Okafor" and made[0].framework == "imroc-challenges@2010"
    assert at.query_params["round"] == str(made[0].id)
    assert at.header[0].value.startswith("1. ")


def test_an_agreed_round_dated_in_the_future_is_refused_on_the_page():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    at = signed_in(routes.ROUNDS.path, org=str(org.id))
    at.date_input[0].set_value(date(2027, 6, 1))
    next(s for s in at.selectbox if s.label == "Status").set_value("agreed")

    at.button(key="new-round:start").click().run()

    assert any("cannot be dated in the future" in e.value for e in at.error)
    assert svc.rounds.rounds(org.id) == []


def test_round_details_are_edited_and_kept():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    made = svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam",
    )  # fmt: skip
    at = signed_in(routes.ROUNDS.path, org=str(org.id))

    at.button(key=f"details:{made.id}").click().run()
    next(t for t in at.text_input if t.label == "Facilitator" and t.value == "Sam").input(
        "Jo Reyes"
    )
    at.button(key="round-details:save").click().run()

    assert svc.rounds.round(made.id).facilitator == "Jo Reyes"
    assert any("Saved the round's details" in s.value for s in at.success)


def test_a_rename_typed_then_left_for_another_page_comes_back_and_is_saved_once():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    at = signed_in(routes.PROVIDERS.path, org=str(org.id))
    at.text_input(key="provider:name").input("Northfield Demo Care Trust (fictional)")

    at.switch_page(routes.ROUNDS.path).run()
    at.switch_page(routes.PROVIDERS.path).run()
    assert at.text_input(key="provider:name").value == "Northfield Demo Care Trust (fictional)"
    assert svc.providers.organisation(org.id).name == "Northfield Demo Trust (fictional)"

    at.button(key="provider:save").click().run()
    at.switch_page(routes.ROUNDS.path).run()
    at.switch_page(routes.PROVIDERS.path).run()

    stored = svc.providers.organisation(org.id)
    assert (stored.name, stored.version) == ("Northfield Demo Care Trust (fictional)", 2)
    assert at.text_input(key="provider:name").value == stored.name
    assert [e.action for e in svc.history()].count("update") == 1


def test_a_rename_over_someone_elses_is_refused_and_keeps_theirs():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    at = signed_in(routes.PROVIDERS.path, org=str(org.id))
    other = Actor("Jo Reyes", "Commissioner")
    svc.providers.update_organisation(
        other, org.id, org.version, name="Northfield Trust (fictional)", kind="trust"
    )

    at.text_input(key="provider:name").input("Northfield Care (fictional)")
    at.button(key="provider:save").click().run()

    assert any("after you opened it" in e.value for e in at.error)
    assert svc.providers.organisation(org.id).name == "Northfield Trust (fictional)"

    at.button(key="provider:save:mine").click().run()
    assert svc.providers.organisation(org.id).name == "Northfield Care (fictional)"
    assert svc.providers.organisation(org.id).version == 3


def test_a_team_change_refused_over_anothers_can_be_discarded_to_show_theirs():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    team = svc.providers.create_team(LEAD, org.id, "Riverside CMHT", "cmht", "East")
    at = signed_in(routes.PROVIDERS.path, org=str(org.id))
    at.selectbox(key="team_to_change").set_value(team.id).run()
    svc.providers.update_team(
        Actor("Jo Reyes", "Team manager"), team.id, team.version,
        name="Riverside Community Team", team_type="cmht", locality="East",
    )  # fmt: skip

    at.text_input(key="team:locality").input("Riverside")
    at.button(key="team:save").click().run()
    assert any("after you opened it" in e.value for e in at.error)
    at.button(key="team:save:theirs").click().run()

    assert at.text_input(key="team:name").value == "Riverside Community Team"
    assert at.text_input(key="team:locality").value == "East"
    assert svc.providers.team(team.id).locality == "East"


def test_a_round_half_typed_survives_a_visit_to_another_page_and_starts_once():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    at = signed_in(routes.ROUNDS.path, org=str(org.id))
    counts = f"new-round:{org.id}:people-using-services"
    at.number_input(key=counts).set_value(6)
    at.text_input(key=f"new-round:{org.id}:facilitator").input("Jo Reyes")

    at.switch_page(routes.PROVIDERS.path).run()
    at.switch_page(routes.ROUNDS.path).run()
    assert at.number_input(key=counts).value == 6
    assert svc.rounds.rounds(org.id) == []

    at.button(key="new-round:start").click().run()
    made = svc.rounds.rounds(org.id)
    assert [(r.facilitator, r.participants) for r in made] == [
        ("Jo Reyes", {"people-using-services": 6})
    ]


def test_a_provider_round_names_its_completers_kept_across_pages_and_agreed_with_its_lead():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    at = signed_in(routes.ROUNDS.path, org=str(org.id))
    next(s for s in at.selectbox if s.label == "Status").set_value("agreed")
    at.date_input[0].set_value(date(2026, 6, 1))
    at.button(key="new-round:start").click().run()
    assert any("recovery lead" in e.value for e in at.error)
    assert svc.rounds.rounds(org.id) == []

    lead = next(t for t in at.text_input if t.label.startswith("Recovery lead"))
    lead.input("Director of nursing and recovery")
    next(t for t in at.text_input if t.label == "Commissioner lead").input("ICB mental health lead")
    # Away and back: what was typed is still there, and nothing was saved meanwhile.
    at.switch_page(routes.PROVIDERS.path).run()
    at.switch_page(routes.ROUNDS.path).run()
    lead = next(t for t in at.text_input if t.label.startswith("Recovery lead"))
    assert lead.value == "Director of nursing and recovery"
    assert svc.rounds.rounds(org.id) == []
    at.button(key="new-round:start").click().run()

    (made,) = svc.rounds.rounds(org.id)
    assert (made.status, made.recovery_lead, made.commissioner_lead) == (
        "agreed",
        "Director of nursing and recovery",
        "ICB mental health lead",
    )


def test_a_teams_template_a_round_is_offered_and_listed_as_its_own_view():
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Northfield Demo Trust (fictional)")
    team = svc.providers.create_team(LEAD, org.id, "Riverside CMHT", "cmht")
    svc.workshop.create_round(
        LEAD, org.id, team_id=team.id, framework="imroc-challenges@2010",
        held_on=date(2026, 6, 1), facilitator="Sam",
    )  # fmt: skip
    at = signed_in(routes.ROUNDS.path, org=str(org.id))

    scope = next(s for s in at.selectbox if s.label == "Whose round")
    assert "Team: Riverside CMHT, its own view (never compared)" in scope.options
    listed = [m.value for m in at.markdown if "Riverside CMHT" in m.value]
    assert any(
        "Riverside CMHT, Northfield Demo Trust (fictional) (its own view)" in m for m in listed
    )
