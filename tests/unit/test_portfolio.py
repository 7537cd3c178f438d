"""The commissioner's portfolio: providers compared on their agreed provider-wide Template A
rounds (one version unless mapped), each with a moderated rating beside its own; each
provider's baseline and latest, movement, the teams the filters choose, priorities needing
attention, and small numbers suppressed. A team's own view never enters a comparison."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from assessments.analytics import portfolio as pa
from assessments.records import Answer, GroupView
from assessments.records.plans import Action
from assessments.records.portfolio import WHOLE_PROVIDER, PortfolioFilters

V2010, V2018 = "imroc-challenges@2010", "imroc-challenges@2018"
WORKFORCE = "8. Transforming the workforce"
RISK = "6. Changing approaches to risk assessment and management"


def answers(stages: dict[str, int], **views: tuple[GroupView, ...]) -> dict[str, Answer]:
    """Agreed stages by challenge id; views by challenge id with "_" for "-"."""
    return {
        c: Answer(agreed_stage=s, views=views.get(c.replace("-", "_"), ()))
        for c, s in stages.items()
    }


@pytest.fixture
def portfolio(service, actor):
    """Three providers: North moved on challenge 8 and was moderated lower on it; South did
    not move; West is rated only on the 2018 wording. Rounds that never count: North's practice
    and draft rounds, and a team's own view rated higher than its provider."""
    north = service.providers.create_organisation(actor, "North Demo Trust", "trust")
    south = service.providers.create_organisation(actor, "South Demo Trust", "vcfse")
    west = service.providers.create_organisation(actor, "West Demo Trust", "trust")
    alpha = service.providers.create_team(actor, north.id, "Alpha CMHT", "cmht", "East")
    beta = service.providers.create_team(actor, north.id, "Beta Rehab", "community-rehab", "West")
    gamma = service.providers.create_team(actor, west.id, "Gamma Rehab", "community-rehab", "East")

    def held(org, on, stages, framework=V2010, status="agreed", team=None, **views):
        return service.workshop.create_round(
            actor,
            org.id,
            framework=framework,
            held_on=on,
            facilitator="Recovery lead",
            team_id=None if team is None else team.id,
            status=status,
            participants={"clinical-staff": 6, "people-using-services": 3},
            answers=answers(stages, **views),
            completers={"recovery_lead": "Recovery lead"} if team is None else None,
        )

    held(north, date(2025, 1, 10), {"c08-workforce": 1, "c06-risk": 2})
    latest = held(
        north,
        date(2026, 1, 12),
        {"c08-workforce": 2, "c06-risk": 2, "c01-interactions": 2},
        c01_interactions=(
            GroupView("people-using-services", stage_1=2, stage_2=1),
            GroupView("clinical-staff", stage_2=6),
        ),
    )
    for challenge, stage in (("c08-workforce", 1), ("c06-risk", 2)):
        service.moderation.moderate(
            actor, latest.id, challenge, 0, stage=stage, reasons="Seen at the contract review"
        )
    held(north, date(2026, 6, 1), {"c08-workforce": 3}, status="practice")
    held(north, date(2026, 7, 1), {"c08-workforce": 3}, status="draft")
    held(north, date(2026, 2, 1), {"c08-workforce": 3}, team=alpha)  # its own view
    held(south, date(2025, 2, 3), {"c08-workforce": 1})
    held(south, date(2026, 2, 2), {"c08-workforce": 1})
    held(west, date(2026, 3, 2), {"c08-workforce": 2, "c06-safety": 3}, framework=V2018)
    return {
        "north": north,
        "south": south,
        "west": west,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "latest": latest,
    }


def compare(service, **filters) -> pd.DataFrame:
    return service.portfolio.portfolio(PortfolioFilters(framework=V2010, **filters))


def test_choices_offer_what_the_records_hold(service, portfolio):
    choices = service.portfolio.portfolio_choices()
    assert list(choices.providers.values()) == [
        "North Demo Trust",
        "South Demo Trust",
        "West Demo Trust",
    ]
    assert choices.team_types == ("cmht", "community-rehab")  # the taxonomy's order
    assert choices.localities == ("East", "West")
    assert choices.frameworks == (V2010, V2018)  # the most used first
    # Practice and draft rounds, and a team's own view, are not offered as dates to compare.
    assert (choices.first_held, choices.last_held) == (date(2025, 1, 10), date(2026, 3, 2))


def test_providers_are_compared_on_agreed_provider_rounds_with_moderation_beside(
    service, definitions, portfolio
):
    records = compare(service)
    heat = pa.heat_map(definitions.framework(V2010), records)

    assert list(zip(heat["Provider"], heat["Rating"], strict=True)) == [
        ("North Demo Trust", pa.SELF_RATED),
        ("North Demo Trust", pa.MODERATED),
        ("South Demo Trust", pa.SELF_RATED),
    ]
    assert records.without_rounds == ("West Demo Trust",)
    assert records.mapped_from == ()
    north = heat.loc[[portfolio["north"].id]].set_index("Rating")
    # The practice round, the draft and the team's own view (all stage 3) never count.
    assert north.at[pa.SELF_RATED, WORKFORCE] == "2 Development"
    assert north.at[pa.MODERATED, WORKFORCE] == "1 Engagement"
    assert north.at[pa.MODERATED, RISK] == "2 Development"
    assert north.at[pa.MODERATED, "1. Changing day-to-day interactions"] == pa.NOT_MODERATED
    assert north.at[pa.MODERATED, pa.DIFFERS] == "8"  # challenge 6 agrees, 8 differs
    assert north.at[pa.SELF_RATED, pa.DIFFERS] == ""
    assert north.at[pa.SELF_RATED, "Latest round"] == date(2026, 1, 12)
    assert heat.loc[portfolio["south"].id, "1. Changing day-to-day interactions"] == "Not recorded"
    assert heat.loc[portfolio["south"].id, "Kind"] == "Voluntary, community or social enterprise"


def test_a_mapped_version_enters_only_when_asked_and_is_named(service, definitions, portfolio):
    records = compare(service, mapped=True)
    heat = pa.heat_map(definitions.framework(V2010), records)

    assert records.mapped_from == (V2018,)
    assert records.without_rounds == ()
    # The 2018 "safety" challenge is shown as the 2010 challenge it maps to.
    assert heat.loc[portfolio["west"].id, RISK] == "3 Transformation"


def test_movement_since_each_providers_baseline(service, definitions, portfolio):
    fw = definitions.framework(V2010)
    moves = pa.movement(fw, compare(service, mapped=True))
    on_8 = moves[moves["challenge_id"] == "c08-workforce"].set_index("Provider")

    assert on_8.at["North Demo Trust", "Movement"] == pa.MOVED_ON
    assert on_8.at["North Demo Trust", "Baseline"] == "1 Engagement"
    assert on_8.at["South Demo Trust", "Movement"] == pa.NOT_MOVED
    assert on_8.at["West Demo Trust", "Movement"] == pa.NOT_REVIEWED
    assert on_8.at["West Demo Trust", "Baseline"] == pa.NO_BASELINE
    counts = pa.movement_counts(fw, moves).loc["c08-workforce"]
    assert (counts[pa.MOVED_ON], counts[pa.NOT_MOVED], counts[pa.NOT_REVIEWED]) == (1, 1, 1)
    # A challenge not rated at one of the two rounds cannot be compared, and says so.
    on_1 = moves[moves["challenge_id"] == "c01-interactions"].set_index("Provider")
    assert on_1.at["North Demo Trust", "Movement"] == pa.CANNOT_TELL


def test_the_dates_choose_the_baseline(service, definitions, portfolio):
    records = compare(service, held_from=date(2025, 6, 1))
    moves = pa.movement(definitions.framework(V2010), records)

    assert set(moves.loc[moves["challenge_id"] == "c08-workforce", "Movement"]) == {pa.NOT_REVIEWED}


def test_one_not_reviewed_says_in_words_it_has_no_baseline(service, definitions, portfolio):
    """Every provider has one round only in these dates: no Baseline is left blank (a blank or
    missing cell showed as "None" on the page), and only the dates of no round are missing."""
    records = compare(service, held_from=date(2025, 6, 1))
    moves = pa.movement(definitions.framework(V2010), records)

    assert set(moves["Movement"]) == {pa.NOT_REVIEWED}
    assert set(moves["Baseline"]) == {pa.NO_BASELINE}
    assert moves["Baseline held on"].isna().all()
    words = moves.drop(columns="Baseline held on")
    assert not words.isna().any().any()
    assert not (words == "").any().any()


def test_filters_narrow_the_providers_and_the_teams(service, portfolio):
    def providers(**filters) -> list[str]:
        return list(compare(service, mapped=True, **filters).providers["Provider"])

    def teams(**filters) -> list[str]:
        return list(compare(service, mapped=True, **filters).teams["Team"])

    assert providers(providers=(portfolio["north"].id,)) == ["North Demo Trust"]
    assert providers(held_to=date(2025, 12, 31)) == ["North Demo Trust", "South Demo Trust"]
    # Team types and localities choose teams, never providers.
    assert providers(team_types=("cmht",)) == [
        "North Demo Trust",
        "South Demo Trust",
        "West Demo Trust",
    ]
    assert teams(team_types=("community-rehab",)) == ["Beta Rehab", "Gamma Rehab"]
    assert teams(providers=(portfolio["north"].id,)) == ["Alpha CMHT", "Beta Rehab"]
    assert teams(localities=("East",)) == ["Alpha CMHT", "Gamma Rehab"]


def test_an_archived_provider_or_team_is_left_out(service, actor, portfolio):
    beta, south = portfolio["beta"], portfolio["south"]
    service.providers.set_team_archived(actor, beta.id, beta.version, True)
    service.providers.set_organisation_archived(actor, south.id, south.version, True)

    records = compare(service)
    assert list(records.teams["Team"]) == ["Alpha CMHT", "Gamma Rehab"]
    assert list(records.providers["Provider"]) == ["North Demo Trust"]


def test_providers_are_counted_at_each_stage_never_averaged(service, definitions, portfolio):
    fw = definitions.framework(V2010)
    counts = pa.stage_counts(fw, compare(service, mapped=True))

    assert list(counts.loc["c08-workforce", pa.stage_texts(fw)]) == [1, 2, 0, 0, 0]
    counted = counts[pa.stage_texts(fw)]
    assert all(dtype == "int64" for dtype in counted.dtypes)
    assert (counted.sum(axis=1) == 3).all()  # every provider on every row, nothing else


def test_group_views_resting_on_fewer_than_five_people_are_suppressed(
    service, definitions, portfolio
):
    records = compare(service)
    frame = pa.group_views(
        definitions.framework(V2010),
        definitions.stakeholder_groups,
        service.portfolio.portfolio_views(records),
    ).set_index("Group")

    people = frame.loc["People using services"]
    assert people[["Stage 1", "Stage 2", "Stage 3", "Not sure", "People"]].isna().all()
    staff = frame.loc["Clinical and practitioner staff"]
    assert (staff["Stage 2"], staff["People"]) == (6, 6)


def test_common_priorities_and_what_needs_attention(service, actor, definitions, portfolio):
    plan = service.plans.create_plan(actor, portfolio["latest"].id, "c04-leadership")
    content = plan.latest.content.model_copy(
        update={
            "actions": (
                Action(key="", what="Ask the board", who="Lead", by_when=date(2026, 12, 1)),
            ),
            "next_review_on": date(2026, 10, 1),  # before the service's today, 23 Nov 2026
        }
    )  # fmt: skip
    service.versions.save_plan(actor, plan.id, plan.version, content)
    trip = service.trip.create_trip_round(
        actor, portfolio["beta"].id, held_on=date(2026, 9, 1), facilitator="Peer worker"
    )
    service.trip.create_trip_priority(actor, trip.id, "com-c01-1")

    records = compare(service)
    common = pa.common_priorities(definitions.framework(V2010), records).set_index("Challenge")
    assert common.loc["4. Ensuring organisational commitment"].to_dict() == {
        "Template B": 1,
        "TRIP": 0,
        "Providers and teams": 1,
    }
    # A TRIP priority counts under the challenge its statement belongs to.
    assert common.loc["1. Changing day-to-day interactions", "TRIP"] == 1

    flagged = pa.needs_attention(records)
    assert list(zip(flagged["Whose"], flagged["Provider"], strict=True)) == [
        (WHOLE_PROVIDER, "North Demo Trust")
    ]
    assert flagged.iloc[0]["Review overdue"] == "Yes"
    assert flagged.iloc[0]["Review due"] == date(2026, 10, 1)


def test_filters_that_match_nothing_give_empty_tables(service, definitions, portfolio):
    records = compare(service, held_from=date(2026, 11, 1))

    assert records.providers.empty and records.rounds.empty
    fw = definitions.framework(V2010)
    assert pa.heat_map(fw, records).empty
    assert (pa.stage_counts(fw, records)[pa.stage_texts(fw)] == 0).all().all()
