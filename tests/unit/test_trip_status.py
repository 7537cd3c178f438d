"""Teams by their TRIP through the service: a TRIP is current, lapsed or none by the dates of its
rounds and reviews (practice rounds never count), with its reviews due, co-leads, assets and
how its answers moved between its last two rounds; read in a fixed number of statements, and
only for the teams the person may read."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.records.portfolio import PortfolioFilters
from assessments.records.trip import Rating
from assessments.records.trip_status import CURRENT, LAPSED, NO_TRIP
from assessments.rules.permissions import Access
from assessments.service import Service
from assessments.service.trip_status import CURRENT_MONTHS, months_before
from tests.statement_count import counted
from tests.unit.test_trip import agreed_content

TODAY = date(2026, 11, 23)  # the `service` fixture's today
MOVES = ["Moved on", "Stayed", "Moved back", "Changed", "Talked through"]


@pytest.fixture
def org(service, actor):
    return service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")


def team(service, actor, org_id: int, name: str, team_type: str = "cmht", locality: str = ""):
    return service.providers.create_team(actor, org_id, name, team_type, locality).id


def trip_round(service, actor, team_id, held_on, status="agreed", ratings=None):
    return service.trip.create_trip_round(
        actor, team_id, held_on=held_on, facilitator="Sam Okafor", status=status,
        ratings={sid: Rating(value=v) for sid, v in (ratings or {}).items()},
    ).id  # fmt: skip


def priority(service, actor, round_id, statement, agreed_on=None, **changes):
    plan = service.trip.create_trip_priority(actor, round_id, statement)
    plan = service.versions.save_plan(actor, plan.id, plan.version, agreed_content(**changes))
    if agreed_on is not None:
        plan = service.versions.agree_trip_priority(
            actor, plan.id, plan.version, agreed_on=agreed_on,
            staff_lead_agrees=True, person_lead_agrees=True,
        )  # fmt: skip
    return plan


def review(service, actor, plan, held_on, next_review_on):
    service.reviews.record_review(
        actor, plan.id, held_on=held_on, measurements={}, goal_outcomes={},
        action_statuses={}, stage=None, stage_evidence="", learned="It helps",
        next_review_on=next_review_on,
    )  # fmt: skip


def rows(service, chosen=None) -> pd.DataFrame:
    return service.trip_status.teams_by_trip(chosen).teams.set_index("Team")


def test_current_lapsed_or_none_by_the_dates_of_rounds_and_reviews(service, actor, org):
    since = months_before(TODAY, CURRENT_MONTHS)
    assert since == date(2025, 11, 23)
    alder = team(service, actor, org.id, "Alder CMHT")
    trip_round(service, actor, alder, since)  # on the day: still current
    birch = team(service, actor, org.id, "Birch CMHT")
    trip_round(service, actor, birch, date(2025, 11, 22))  # a day too early
    cedar = team(service, actor, org.id, "Cedar CMHT")
    old = trip_round(service, actor, cedar, date(2025, 6, 1))
    plan = priority(service, actor, old, "com-c01-1", agreed_on=date(2025, 6, 2))
    review(service, actor, plan, date(2026, 2, 1), date(2026, 5, 1))  # a review keeps it current
    dunmore = team(service, actor, org.id, "Dunmore CMHT")
    trip_round(service, actor, dunmore, date(2026, 10, 1), status="practice")
    trip_round(service, actor, dunmore, date(2026, 12, 20), status="draft")  # planned, not held
    team(service, actor, org.id, "Elm CMHT")

    found = rows(service)

    assert found["TRIP status"].to_dict() == {
        "Alder CMHT": CURRENT,
        "Birch CMHT": LAPSED,
        "Cedar CMHT": CURRENT,
        "Dunmore CMHT": NO_TRIP,
        "Elm CMHT": NO_TRIP,
    }
    assert found.at["Cedar CMHT", "Last TRIP round"] == date(2025, 6, 1)
    assert found.at["Cedar CMHT", "Last review"] == date(2026, 2, 1)
    assert found.at["Cedar CMHT", "Next review"] == date(2026, 5, 1)
    assert found.at["Cedar CMHT", "Review overdue"] == "Yes"
    assert found.at["Dunmore CMHT", "Last TRIP round"] is None
    assert found.at["Alder CMHT", "Last review"] is None
    assert found.at["Elm CMHT", "Review overdue"] == "No"


def test_reviews_due_co_leads_and_assets_of_the_open_priorities(service, actor, org):
    alder = team(service, actor, org.id, "Alder CMHT")
    held = trip_round(service, actor, alder, date(2026, 9, 14))
    reviewed = priority(service, actor, held, "com-c01-1", agreed_on=date(2026, 9, 20))
    review(service, actor, reviewed, date(2026, 11, 2), date(2027, 2, 1))
    # A draft with one co-lead, its review already due; and a closed one, left out.
    priority(
        service, actor, held, "com-c01-2", person_lead_initials="", next_review_on=date(2026, 11, 1)
    )
    closed = priority(service, actor, held, "com-c01-3", next_review_on=date(2026, 1, 1))
    service.plans.set_plan_status(actor, closed.id, closed.version, "closed", "Done another way")
    assets = [
        service.trip.add_asset(
            actor, alder, kind="hidden-talent", holder="staff", held_by="Peer worker", what=what
        )
        for what in ("Gardening", "Guitar")
    ]
    service.trip.set_asset_archived(actor, assets[0].id, assets[0].version, True)

    row = rows(service).loc["Alder CMHT"]

    assert (row["Open priorities"], row["Co-led"], row["Assets recorded"]) == (2, 1, 1)
    assert row["Next review"] == date(2026, 11, 1) and row["Review overdue"] == "Yes"
    assert row["Last review"] == date(2026, 11, 2)


def test_statements_moved_between_the_last_two_rounds_practice_left_out(service, actor, org):
    alder = team(service, actor, org.id, "Alder CMHT")
    before = {
        "com-c01-1": "started", "com-c01-2": "partly", "com-c01-3": "mostly",
        "com-c01-4": "dont-know", "com-c02-1": "partly",
    }  # fmt: skip
    after = {
        "com-c01-1": "partly", "com-c01-2": "partly", "com-c01-3": "started",
        "com-c01-4": "partly", "com-c02-2": "fully",
    }  # fmt: skip
    trip_round(service, actor, alder, date(2025, 3, 1), ratings={"com-c01-1": "fully"})
    trip_round(service, actor, alder, date(2026, 3, 1), ratings=before)
    trip_round(service, actor, alder, date(2026, 9, 14), status="draft", ratings=after)
    everything = {
        s.id: "fully" for s in service.definitions.benchmark_set("trip-community@1").statements
    }
    trip_round(service, actor, alder, date(2026, 10, 1), status="practice", ratings=everything)
    birch = team(service, actor, org.id, "Birch CMHT")
    trip_round(service, actor, birch, date(2026, 9, 14), ratings={"com-c01-1": "partly"})

    found = rows(service)

    alder_row = found.loc["Alder CMHT"]
    assert alder_row[MOVES].tolist() == [1, 1, 1, 1, 5]
    assert alder_row["Round before"] == date(2026, 3, 1)
    assert alder_row["Last TRIP round"] == date(2026, 9, 14)
    birch_row = found.loc["Birch CMHT"]  # one round: nothing to compare, one talked through
    assert birch_row[MOVES[:-1]].isna().all() and birch_row["Talked through"] == 1
    assert birch_row["Round before"] is None


def test_the_filters_or_team_ids_choose_the_teams(service, actor, org):
    other = service.providers.create_organisation(actor, "Southgate", "vcfse")
    team(service, actor, org.id, "Alder CMHT", locality="East")
    birch = team(service, actor, org.id, "Birch Ward", "acute-ward", "West")
    team(service, actor, other.id, "Cedar Service", "vcfse-service", "East")
    archived = service.providers.team(team(service, actor, org.id, "Old CMHT"))
    service.providers.set_team_archived(actor, archived.id, archived.version, True)

    def names(chosen) -> list[str]:
        return rows(service, chosen).index.tolist()

    every = PortfolioFilters(framework="imroc-challenges@2010")
    # By provider, then name: never by any count.
    assert names(every) == ["Alder CMHT", "Birch Ward", "Cedar Service"]
    assert names(PortfolioFilters(framework="any", providers=(other.id,))) == ["Cedar Service"]
    assert names(PortfolioFilters(framework="any", localities=("East",))) == [
        "Alder CMHT",
        "Cedar Service",
    ]
    assert names(PortfolioFilters(framework="any", team_types=("acute-ward",))) == ["Birch Ward"]
    assert names((birch,)) == ["Birch Ward"]
    assert rows(service, (birch,)).at["Birch Ward", "Type"] == "Acute inpatient ward"


def test_a_commissioner_reads_only_the_teams_of_the_providers_they_commission(
    service, actor, org, definitions
):
    other = service.providers.create_organisation(actor, "Southgate", "vcfse")
    team(service, actor, org.id, "Alder CMHT")
    team(service, actor, other.id, "Cedar Service", "vcfse-service")
    account = service.accounts.create_account(
        Actor("Bea Admin", "Administrator"),
        "cara",
        "Cara Commissioner",
        "commissioner",
        "correct horse battery",
        [Scope(org.id)],
    )
    theirs = Service(service.engine, definitions, today=lambda: TODAY, access=Access(account))

    assert rows(theirs).index.tolist() == ["Alder CMHT"]
    assert rows(theirs, (team(service, actor, other.id, "Dale Service", "vcfse-service"),)).empty


def _teams_with_trips(service, actor, org_id: int, count: int, start: int) -> None:
    for n in range(start, start + count):
        team_id = team(service, actor, org_id, f"Team {n:02d}")
        first = trip_round(
            service, actor, team_id, date(2026, 3, 1), ratings={"com-c01-1": "started"}
        )
        trip_round(service, actor, team_id, date(2026, 9, 14), ratings={"com-c01-1": "partly"})
        plan = priority(service, actor, first, "com-c01-1", agreed_on=date(2026, 3, 2))
        review(service, actor, plan, date(2026, 6, 1), date(2026, 12, 1))
        service.trip.add_asset(
            actor, team_id, kind="hidden-talent", holder="staff", held_by="Peer worker", what="Art"
        )


def test_the_read_is_a_fixed_number_of_statements_whatever_the_teams(service, actor, org):
    def statements() -> tuple[int, int, str]:
        """The SELECTs of one read (SQLite also runs a BEGIN), the teams read, and the log."""
        with counted(service.engine) as seen:
            records = service.trip_status.teams_by_trip()
        selects = [s for s in seen.statements if s.lstrip().upper().startswith("SELECT")]
        return len(selects), len(records.teams), str(seen)

    _teams_with_trips(service, actor, org.id, 3, 0)
    few, three, _ = statements()
    _teams_with_trips(service, actor, org.id, 27, 3)
    many, thirty, said_many = statements()

    assert (three, thirty) == (3, 30)
    assert few == many == 5, said_many
