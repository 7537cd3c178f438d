"""A priority tied to a contract on the plan's form: chosen, saved, shown in words, and kept
when the form is opened again."""

from __future__ import annotations

from pages.kit import routes, ui
from tests.app.plan_helpers import choose, page, save, texts


def test_a_plan_tied_to_a_cquin_on_its_form_is_saved_and_shown(round_id):
    at, plan_id = choose(round_id, "c02-education")
    key = f"plan:{plan_id}:{{}}".format
    at.selectbox(key=key("k_scheme")).set_value("cquin")
    at.text_input(key=key("k_ref")).input("MH 2")
    at.text_input(key=key("k_period")).input("2026/27")
    at.text_area(key=key("k_milestone")).input("A TRIP in every team by March")
    save(at, plan_id)

    contract = ui.service().plans.plan(plan_id).latest.content.contract
    assert str(contract) == "CQUIN MH 2 · 2026/27 · A TRIP in every team by March"
    at = page(routes.PLAN.path, plan=str(plan_id), part="versions")
    at = page(routes.PLAN.path, plan=str(plan_id))
    assert at.selectbox(key=key("k_scheme")).value == "cquin"  # back on the form, as saved
    assert "Saved version 1" not in texts(at)
