"""The portfolio page as a commissioner uses it: filters, providers by challenge with the
moderated rating beside their own, who moved on a challenge, teams by their TRIP, priorities
needing attention, and small numbers suppressed. A team's own view is never compared."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assessments.analytics import portfolio as pa
from assessments.records import Answer
from assessments.records.portfolio import PortfolioFilters
from pages.kit import routes, ui
from tests.app.conftest import LEAD, open_page
from tests.app.plan_helpers import texts
from tests.demo_store import demo_file

PAGE = routes.PORTFOLIO.path
TRUST = "Northfield Demo NHS Foundation Trust (fictional)"
VOLUNTARY = "Riverside Recovery Partnership (fictional)"
LEAD_NAMED = {"recovery_lead": "Recovery lead"}


@pytest.fixture
def demo(own_store, definitions):
    return demo_file(own_store, definitions, teams=12, rounds=3)


def portfolio(**query: str):
    at = open_page(None, **query)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_empty_store_says_there_is_nothing_to_compare(own_store):
    at = portfolio()
    assert "No provider has an agreed provider-wide Template A round yet" in texts(at)


def test_providers_by_challenge_show_the_moderated_rating_beside_their_own(demo):
    at = portfolio()
    assert "**2 providers**" in texts(at)
    heat = at.dataframe[0].value
    assert list(zip(heat["Provider"], heat["Rating"], strict=True)) == [
        (TRUST, pa.SELF_RATED),
        (TRUST, pa.MODERATED),
        (VOLUNTARY, pa.SELF_RATED),
    ]
    # Nothing recorded, or not moderated, is an empty cell; every other names its stage.
    stages = heat.filter(regex=r"^\d+\. ").stack().dropna()
    assert set(stages) <= {"1 Engagement", "2 Development", "3 Transformation", "Not agreed"}
    assert heat.iloc[1].filter(regex=r"^\d+\. ").isna().any()  # some not moderated
    assert heat.iloc[1][pa.DIFFERS]  # the trust's moderation differs somewhere, named
    # No team is in the grid: a team's own view on Template A is never compared.
    team_names = {t.name for t in ui.service().providers.teams()}
    assert not team_names & set(heat["Provider"])


def test_two_clicks_show_how_each_provider_moved_on_challenge_8(demo):
    at = portfolio()
    at.segmented_control(key="pf-view").set_value("movement").run()  # 1
    at.pills(key="pf-move-challenge").set_value("c08-workforce").run()  # 2
    assert not at.exception, [e.value for e in at.exception]

    svc = ui.service()
    fw = svc.definitions.framework("imroc-challenges@2010")
    moves = pa.movement(fw, svc.portfolio.portfolio(PortfolioFilters(fw.ref)))
    on_8 = moves[moves["challenge_id"] == "c08-workforce"]
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    expected = {
        f"### {m} ({n} provider{'s' * (n != 1)})"
        for m, n in on_8["Movement"].value_counts().items()
    }
    assert set(headings) == expected
    shown = {name for table in at.dataframe for name in table.value["Provider"]}
    assert shown == {TRUST, VOLUNTARY}
    assert at.query_params["view"] == "movement"


def test_the_url_restores_the_filters_and_the_view(demo):
    trust = ui.service().providers.organisations()[0]
    at = portfolio(providers=str(trust.id), view="movement")
    assert at.multiselect(key="pf-providers").value == [trust.id]
    assert at.segmented_control(key="pf-view").value == "movement"
    assert f"**1 provider** ({TRUST})" in texts(at)


def test_teams_are_seen_by_their_trip(demo):
    at = portfolio(view="trip")
    shown = texts(at)
    assert "teams have a current TRIP" in shown
    statuses = {s for table in at.dataframe for s in table.value.get("TRIP status", [])}
    assert {"Current", "Lapsed", "None"} <= statuses


def test_dates_in_the_wrong_order_are_refused_in_words(demo):
    at = portfolio()
    first = date.today() - timedelta(days=30)
    at.date_input(key="pf-held").set_value((first, first - timedelta(days=300))).run()
    assert "The first date is after the last" in texts(at)


def test_needs_attention_lists_the_overdue_review_with_whose_it_is(demo):
    at = portfolio(view="attention")
    flagged = at.dataframe[0].value
    assert "Yes" in set(flagged["Review overdue"])
    assert "open priorit" in texts(at)
    assert "Whose" in flagged.columns


def test_group_views_hide_counts_resting_on_fewer_than_five_people(demo):
    trust = ui.service().providers.organisations()[0]
    at = portfolio(view="groups", providers=str(trust.id))
    shown = texts(at)
    assert "fewer than 5 people" in shown
    frame = at.dataframe[0].value
    hidden = frame[frame["People"].isna()]
    assert not hidden.empty
    assert hidden[["Stage 1", "Stage 2", "Stage 3", "Not sure"]].isna().all().all()


def test_another_version_is_compared_only_through_the_mapping_and_the_page_says_so(own_store):
    svc = ui.service()
    for name, framework, stage in (
        ("Old Wording Trust (fictional)", "imroc-challenges@2010", 1),
        ("New Wording Trust (fictional)", "imroc-challenges@2018", 3),
    ):
        org = svc.providers.create_organisation(LEAD, name)
        svc.workshop.create_round(
            LEAD, org.id, framework=framework, held_on=date.today() - timedelta(days=40),
            facilitator="Recovery lead", status="agreed", completers=LEAD_NAMED,
            answers={"c01-interactions": Answer(agreed_stage=stage)},
        )  # fmt: skip
    at = portfolio()
    assert "**1 provider** (Old Wording Trust (fictional))" in texts(at)
    assert "New Wording Trust (fictional)" in texts(at)  # named as not shown

    at.checkbox(key="pf-mapped").check().run()
    assert "**2 providers**" in texts(at)
    assert "are included through the version mapping" in texts(at)
    heat = at.dataframe[0].value.set_index("Provider")
    new = heat.loc["New Wording Trust (fictional)"]
    assert new["1. Changing day-to-day interactions"] == "3 Transformation"


def test_a_rerun_reads_the_store_again_only_after_a_write(demo, monkeypatch):
    from assessments.service.portfolio import Portfolio

    reads = []
    read = Portfolio.portfolio

    def counted(self, filters):
        reads.append(filters)
        return read(self, filters)

    monkeypatch.setattr(Portfolio, "portfolio", counted)
    at = portfolio()
    at.segmented_control(key="pf-view").set_value("stages").run()  # another view: no read
    assert len(reads) == 1
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "Harbour Lane Trust (fictional)")
    svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010",
        held_on=svc.portfolio.portfolio_choices().last_held,
        facilitator="Recovery lead", status="agreed", completers=LEAD_NAMED,
        answers={"c01-interactions": Answer(agreed_stage=3)},
    )  # fmt: skip

    at.segmented_control(key="pf-view").set_value("providers").run()

    assert len(reads) == 2
    assert "Harbour Lane Trust (fictional)" in set(at.dataframe[0].value["Provider"])


def test_a_kept_read_gives_each_run_its_own_copy_to_change(demo):
    svc = ui.service()
    filters = PortfolioFilters(framework="imroc-challenges@2010")
    first = ui.kept(svc.portfolio.portfolio, filters)
    first.providers["Provider"] = "changed by a page"
    again = ui.kept(svc.portfolio.portfolio, filters)
    assert len(again.providers) == 2 and "changed by a page" not in set(again.providers["Provider"])
