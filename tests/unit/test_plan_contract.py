"""A priority tied to a contract (a CQUIN, a schedule of the contract, an outcomes-based
contract): kept with its plan, said in words, refused when half given, and carried by the team
file and the board report."""

from __future__ import annotations

from datetime import date

from assessments.analytics.portfolio import contracted
from assessments.records import Answer
from assessments.records.plans import ContractLink
from assessments.records.portfolio import PortfolioFilters
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


def test_the_portfolio_lists_the_team_priorities_tied_to_a_contract(service, actor, definitions):
    org = service.providers.create_organisation(actor, "Northfield (fictional)")
    team = service.providers.create_team(actor, org.id, "Alder CMHT", "cmht")
    ids = [c.id for c in definitions.framework("imroc-challenges@2010").challenges]
    round_ = service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(2026, 3, 2),
        facilitator="Sam Okafor",
        status="agreed",
        team_id=team.id,
        answers={cid: Answer(agreed_stage=2) for cid in ids},
    )
    tied = service.plans.create_plan(actor, round_.id, "c02-education")
    service.versions.save_plan(actor, tied.id, tied.version, full_content(contract=CQUIN))
    service.plans.create_plan(actor, round_.id, "c04-leadership")  # tied to nothing

    records = service.portfolio.portfolio(PortfolioFilters(framework="imroc-challenges@2010"))

    assert sorted(records.priorities["Contract"]) == ["", str(CQUIN)]
    listed = contracted(records)
    assert list(listed.itertuples(index=False)) == [
        ("Alder CMHT", "Northfield (fictional)", "Template B", listed.at[0, "Priority"], str(CQUIN))
    ]
