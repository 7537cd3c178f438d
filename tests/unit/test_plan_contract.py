"""A priority tied to a contract (a CQUIN, a schedule of the contract, an outcomes-based
contract): kept with its plan, said in words, refused when half given, and carried by the team
file and the board report."""

from __future__ import annotations

from assessments.records.plans import ContractLink
from tests.unit.plan_helpers import full_content
from tests.unit.service_helpers import refused

CQUIN = ContractLink(
    scheme="cquin", reference="MH 2", period="2026/27", milestone="A TRIP in every team by March"
)


def test_a_plan_tied_to_a_cquin_keeps_it_and_says_it_in_words(service, actor, plan):
    saved = service.versions.save_plan(actor, plan.id, plan.version, full_content(contract=CQUIN))

    assert saved.latest.content.contract == CQUIN
    assert str(CQUIN) == "CQUIN MH 2 · 2026/27 · A TRIP in every team by March"
    assert str(ContractLink()) == ""


def test_a_contract_of_no_known_kind_or_with_no_milestone_is_refused(service, actor, plan):
    unknown = full_content(contract=ContractLink(scheme="bonus", milestone="Something"))
    assert "not a kind of contract" in refused(
        lambda: service.versions.save_plan(actor, plan.id, plan.version, unknown), "contract"
    )
    bare = full_content(contract=ContractLink(scheme="cquin", reference="MH 2"))
    assert "the milestone" in refused(
        lambda: service.versions.save_plan(actor, plan.id, plan.version, bare),
        "contract.milestone",
    )


def test_words_without_a_kind_of_contract_tie_the_plan_to_nothing(service, actor, plan):
    loose = full_content(contract=ContractLink(reference="MH 2", milestone="By March"))

    saved = service.versions.save_plan(actor, plan.id, plan.version, loose)

    assert saved.latest.content.contract == ContractLink()
