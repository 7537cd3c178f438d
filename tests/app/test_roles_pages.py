"""The pages as each role sees them, signed in: what a person may not change is not offered,
another provider's records are not listed, and a Template B plan is signed off by its two leads,
each for their own side, under their own names."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor
from assessments.records.accounts import Scope
from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY, open_page
from tests.app.plan_helpers import texts
from tests.unit.plan_helpers import full_content

PASSWORD = "correct horse battery staple"
BY = Actor("Command line", "Administrator")


@pytest.fixture
def people(round_id):
    """A draft plan ready to sign at the round's provider, another provider, and an account of
    a provider lead, a commissioner and a viewer, each working with the round's provider."""
    svc = ui.service()
    svc.providers.create_organisation(LEAD, "Southgate (fictional)")
    plan = svc.plans.create_plan(LEAD, round_id, "c02-education")
    svc.versions.save_plan(LEAD, plan.id, plan.version, full_content())
    made = {
        "lee": ("Lee Provider", "provider-lead"),
        "cara": ("Cara Commissioner", "commissioner"),
        "vic": ("Vic Viewer", "viewer"),
    }
    for username, (name, role) in made.items():
        svc.accounts.create_account(BY, username, name, role, PASSWORD, [Scope(1)])
    return plan.id


def as_(username: str, path: str, **query: str):
    at = open_page(None, **query)
    at.session_state["access:token"] = ui.service().accounts.sign_in(username, PASSWORD).token
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def moderated(at):
    """The summary's table of moderated ratings."""
    return next(t.value for t in at.table if "Own rating" in t.value.columns)


def test_a_viewer_reads_providers_and_rounds_with_nothing_to_change(people):
    at = as_("vic", routes.PROVIDERS.path)

    assert "An administrator adds and changes providers and teams" in texts(at)
    assert not any(e.label.startswith("Add a provider") for e in at.expander)
    assert at.selectbox(key="provider_picker").options == ["Northfield Demo Trust (fictional)"]

    at = as_("vic", routes.ROUNDS.path)
    assert "A facilitator starts rounds" in texts(at)
    assert not [h for h in at.header if h.value == "Start a round"]


def test_each_lead_agrees_for_their_own_side_and_the_plan_is_signed_by_both_names(people):
    plan_id = people
    at = as_("lee", routes.PLAN.path, plan=str(plan_id), part="sign")
    label = "I, Lee Provider, agree this plan as the provider lead"
    assert [c.label for c in at.checkbox] == [label]
    at.checkbox(key=f"sign:{plan_id}:p").check()
    next(b for b in at.button if b.label == "Agree version 1").click().run()
    assert "Lee Provider agreed this version as the provider lead" in texts(at)
    assert not at.checkbox  # agreed: the commissioner's turn

    at = as_("vic", routes.PLAN.path, plan=str(plan_id), part="sign")
    assert "Only the plan's provider lead and its commissioner sign it off" in texts(at)
    assert not at.checkbox

    at = as_("cara", routes.PLAN.path, plan=str(plan_id), part="sign")
    at.checkbox(key=f"sign:{plan_id}:c").check()
    at.date_input(key=f"sign:{plan_id}:on").set_value(date(TODAY.year, 1, 20))
    next(b for b in at.button if b.label == "Agree version 1").click().run()

    signed = ui.service().plans.plan(plan_id).latest
    assert signed.signed
    assert (signed.signed_by_commissioner, signed.signed_by_provider) == (
        "Cara Commissioner",
        "Lee Provider",
    )
    assert "by Cara Commissioner (commissioner lead) and Lee Provider" in texts(at)


def test_a_commissioner_reads_the_workshop_with_every_control_disabled_and_moves_freely(
    people, round_id
):
    at = as_("cara", routes.WORKSHOP.path, round=str(round_id))
    before = ui.service().workshop.challenge_records(round_id)

    assert "You read this round here: a facilitator records" in texts(at)
    decisions = [b for b in at.button if b.key and b.key.startswith("workshop:decide:")]
    assert decisions and all(b.disabled for b in decisions)
    assert all(t.disabled for t in at.text_area) and all(n.disabled for n in at.number_input)
    assert not [b for b in at.button if b.key == "workshop-save"]

    at.button(key="workshop:next").click().run()
    assert at.query_params["challenge"] == "c02-education"  # moved, and saved nothing
    assert ui.service().workshop.challenge_records(round_id) == before


def test_a_viewer_reads_a_plan_with_no_form_to_change_it(people):
    plan_id = people
    at = as_("vic", routes.PLAN.path, plan=str(plan_id))

    assert "You read this plan here" in texts(at)
    assert not at.text_input and not at.toggle
    assert not any(e.label.startswith("Complete, close") for e in at.expander)
    lead = as_("lee", routes.PLAN.path, plan=str(plan_id))
    assert lead.text_input  # the provider lead writes it


def test_a_commissioner_moderates_a_rating_beside_the_rooms_own_and_a_viewer_only_reads_it(
    people, round_id
):
    at = as_("cara", routes.SUMMARY.path, round=str(round_id))
    assert "No challenge of this round has a moderated rating yet." in texts(at)
    at.selectbox(key="moderate:challenge").set_value("c02-education")
    at.radio(key="moderate:stage").set_value(1)
    at.text_area(key="moderate:reasons").input("Training is still run by staff alone")
    at.button(key="moderate:save").click().run()

    table = moderated(at)
    row = table[table["Challenge"].str.contains("ducation")].iloc[0]
    assert (row["Own rating"], row["Moderated"], row["Difference"]) == (
        "Stage 2",
        "Stage 1",
        "Differs: moderated lower",
    )
    assert row["By"] == "Cara Commissioner (Commissioner)"
    viewer = as_("vic", routes.SUMMARY.path, round=str(round_id))
    assert "Differs: moderated lower" in moderated(viewer).to_string()
    assert not [e for e in viewer.expander if e.label == "Give a moderated rating"]
