"""The portfolio page as a commissioner uses it: filters, the heat map, who moved on a challenge,
priorities needing attention, a team beside its peers, and small numbers suppressed."""

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
    assert "No team has an agreed Template A round yet" in texts(at)


def test_the_heat_map_names_every_teams_stage(demo):
    at = portfolio()
    assert "**12 teams** from **1 provider**" in texts(at)
    heat = at.dataframe[0].value
    assert len(heat) == 12
    stages = heat.filter(regex=r"^\d+\. ").stack()
    assert set(stages) <= {
        "1 Engagement",
        "2 Development",
        "3 Transformation",
        "Not agreed",
        "Not recorded",
    }


def test_three_clicks_find_rehabilitation_teams_that_have_not_moved_on_challenge_8(demo):
    at = portfolio()
    at.pills(key="pf-types").set_value(["community-rehab"]).run()  # 1
    at.segmented_control(key="pf-view").set_value("movement").run()  # 2
    at.pills(key="pf-move-challenge").set_value("c08-workforce").run()  # 3
    assert not at.exception, [e.value for e in at.exception]

    assert "**1 team** from **1 provider**" in texts(at)
    # The one rehabilitation team is listed under its movement, as the records say.
    svc = ui.service()
    fw = svc.definitions.framework("imroc-challenges@2010")
    moves = pa.movement(
        fw, svc.portfolio.portfolio(PortfolioFilters(fw.ref, team_types=("community-rehab",)))
    )
    expected = moves.loc[moves["challenge_id"] == "c08-workforce", "Movement"].item()
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [f"#### {expected} (1 team)"]
    assert list(at.dataframe[0].value["Team"]) == ["Community Rehabilitation Team"]
    # The filters and the view live in the URL, so a link shows the same picture.
    assert at.query_params["types"] == "community-rehab"
    assert at.query_params["view"] == "movement"


def test_a_team_with_one_round_in_the_dates_shows_words_not_none(demo):
    """Teams with one round in the dates chosen are not reviewed: their table says they have
    no earlier round, and shows no cell that is missing (the page drew it as "None")."""
    choices = ui.service().portfolio.portfolio_choices()
    first, soon = choices.first_held, choices.first_held + timedelta(days=20)
    at = portfolio(view="movement", held=f"{first.isoformat()},{soon.isoformat()}")
    at.pills(key="pf-move-challenge").set_value("c08-workforce").run()
    assert not at.exception, [e.value for e in at.exception]

    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings and all(h.startswith(f"#### {pa.NOT_REVIEWED} (") for h in headings)
    (table,) = [t.value for t in at.dataframe]
    assert set(table["Baseline"]) == {pa.NO_BASELINE}
    assert "Baseline held on" not in table.columns
    assert not table.isna().any().any()
    assert not (table == "").any().any()


def test_the_url_restores_the_filters_and_the_view(demo):
    at = portfolio(types="community-rehab", view="movement")
    assert at.pills(key="pf-types").value == ["community-rehab"]
    assert at.segmented_control(key="pf-view").value == "movement"
    assert "**1 team** from **1 provider**" in texts(at)


def test_dates_in_the_wrong_order_are_refused_in_words(demo):
    at = portfolio()
    first = date.today() - timedelta(days=30)
    at.date_input(key="pf-held").set_value((first, first - timedelta(days=300))).run()
    assert "The first date is after the last" in texts(at)


def test_needs_attention_lists_the_overdue_review(demo):
    at = portfolio(view="attention")
    flagged = at.dataframe[0].value
    assert "Yes" in set(flagged["Review overdue"])
    assert "open priorit" in texts(at)


def test_a_team_beside_its_peers(demo):
    at = portfolio(view="peers")
    shown = texts(at)
    # The showcase has one team of each type: no peers to compare with, said in words.
    assert "No other" in shown and "to compare with" in shown


def test_group_views_hide_counts_resting_on_fewer_than_five_people(demo):
    at = portfolio(view="groups", types="community-rehab")
    shown = texts(at)
    assert "fewer than 5 people" in shown
    frame = at.dataframe[0].value
    hidden = frame[frame["People"].isna()]
    assert not hidden.empty
    assert hidden[["Stage 1", "Stage 2", "Stage 3", "Not sure"]].isna().all().all()


def test_another_version_is_compared_only_through_the_mapping_and_the_page_says_so(own_store):
    svc = ui.service()
    org = svc.providers.create_organisation(LEAD, "South Demo Trust (fictional)")
    for name, framework, stage in (
        ("Old Wording CMHT", "imroc-challenges@2010", 1),
        ("New Wording CMHT", "imroc-challenges@2018", 3),
    ):
        team = svc.providers.create_team(LEAD, org.id, name, "cmht", "West")
        svc.workshop.create_round(
            LEAD, org.id, framework=framework, held_on=date.today() - timedelta(days=40),
            facilitator="Recovery lead", team_id=team.id, status="agreed",
            answers={"c01-interactions": Answer(agreed_stage=stage)},
        )  # fmt: skip
    at = portfolio()
    assert "**1 team** from **1 provider**" in texts(at)
    assert "New Wording CMHT" in texts(at)  # named as not shown

    at.checkbox(key="pf-mapped").check().run()
    assert "**2 teams** from **1 provider**" in texts(at)
    assert "are included through the version mapping" in texts(at)
    heat = at.dataframe[0].value.set_index("Team")
    assert heat.at["New Wording CMHT", "1. Changing day-to-day interactions"] == "3 Transformation"


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
    org = svc.providers.organisations()[0]
    team = svc.providers.create_team(LEAD, org.id, "Harbour Lane Team (fictional)", "cmht")
    svc.workshop.create_round(
        LEAD, org.id, framework="imroc-challenges@2010",
        held_on=svc.portfolio.portfolio_choices().last_held,
        facilitator="Recovery lead", team_id=team.id, status="agreed",
        answers={"c01-interactions": Answer(agreed_stage=3)},
    )  # fmt: skip

    at.segmented_control(key="pf-view").set_value("heat-map").run()

    assert len(reads) == 2
    assert "Harbour Lane Team (fictional)" in set(at.dataframe[0].value["Team"])


def test_a_kept_read_gives_each_run_its_own_copy_to_change(demo):
    svc = ui.service()
    filters = PortfolioFilters(framework="imroc-challenges@2010")
    first = ui.kept(svc.portfolio.portfolio, filters)
    first.teams["Team"] = "changed by a page"
    again = ui.kept(svc.portfolio.portfolio, filters)
    assert len(again.teams) == 12 and "changed by a page" not in set(again.teams["Team"])
