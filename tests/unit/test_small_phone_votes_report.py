"""Small groups of a phone vote in every workbook and the portfolio's group views: the 2 carers
who voted by phone on a challenge are "fewer than 5 (by phone)" with no count in the provider's
and the team's board reports, never added into the portfolio's sums, and nowhere in the
portfolio's workbook; 2 carers counted by hand stay exact (on both databases). The workbooks
are reopened with openpyxl, as an analyst would find them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from assessments.analytics import portfolio as pa
from assessments.records import Answer, GroupView
from assessments.records.portfolio import PortfolioFilters
from exports.board_report import ReportScope, build_report

V2010 = "imroc-challenges@2010"
VOTED, COUNTED = "c04-leadership", "c01-interactions"
USERS, CARERS = "people-using-services", "carers-family"
SMALL = "fewer than 5 (by phone)"


def phone_vote(service, actor, round_id: int) -> None:
    """On VOTED, 2 carers (Stage 1 and Stage 2) and 5 people using services (Stage 3) vote by
    phone; on COUNTED, the room counts 2 carers' hands (Stage 1 and Stage 2)."""
    vote = service.votes.open_vote(actor, round_id, VOTED)
    for n, answer in enumerate(["stage-1", "stage-2"]):
        service.votes.cast(vote.code, f"phone-token-{n:08d}", CARERS, answer)
    for n in range(5):
        service.votes.cast(vote.code, f"phone-token-{10 + n:08d}", USERS, "stage-3")
    service.votes.close_vote(actor, vote.id, vote.version)
    record = service.workshop.challenge_record(round_id, COUNTED)
    hands = GroupView(CARERS, stage_1=1, stage_2=1, note="Hands")
    answer = Answer(views=(hands,), agreed_stage=record.answer.agreed_stage,
                    priority=record.answer.priority)  # fmt: skip
    service.workshop.save_challenge(actor, round_id, COUNTED, answer, record.version)


def data_views(service, scope: str) -> list[dict]:
    book = load_workbook(io.BytesIO(build_report(service, ReportScope.parse(scope))))
    rows = list(book["Data views"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def of(rows: list[dict], challenge: str, group: str) -> dict[str, int | None]:
    return {
        r["Answer"]: r["People"]
        for r in rows
        if r["Challenge id"] == challenge and r["Group id"] == group
    }


def assert_small_phone_vote_suppressed_and_hand_count_exact(rows: list[dict]) -> None:
    assert of(rows, VOTED, CARERS) == {SMALL: None}  # one row, no count, no answers
    assert of(rows, VOTED, USERS) == {"Stage 3": 5}  # 5 voters: shown
    assert of(rows, COUNTED, CARERS) == {"Stage 1": 1, "Stage 2": 1}  # hands: exact


def team_with_a_phone_vote(service, actor, org):
    team = service.providers.create_team(actor, org.id, "East CMHT", "cmht", "East")
    made = service.workshop.create_round(
        actor, org.id, framework=V2010, held_on=date(2026, 10, 1), facilitator="Sam Okafor",
        team_id=team.id, answers={VOTED: Answer(agreed_stage=2), COUNTED: Answer(agreed_stage=1)},
    )  # fmt: skip
    phone_vote(service, actor, made.id)
    return team, made


def test_the_providers_board_report_says_fewer_than_5_for_the_carers_phone_vote(
    service, actor, round_
):
    phone_vote(service, actor, round_.id)
    rows = data_views(service, f"org:{round_.organisation_id}")
    assert_small_phone_vote_suppressed_and_hand_count_exact(rows)


def test_the_teams_board_report_says_fewer_than_5_for_the_carers_phone_vote(service, actor, org):
    team, _ = team_with_a_phone_vote(service, actor, org)
    rows = data_views(service, f"team:{team.id}")
    assert_small_phone_vote_suppressed_and_hand_count_exact(rows)


@pytest.fixture
def two_providers(service, actor, round_):
    """The carers' phone vote of 2 in one provider's latest round, and 4 carers' hands on the
    same challenge in another's: added up, 6 would be shown, and the other's own report (4,
    exact) would give the 2 phones' votes away."""
    phone_vote(service, actor, round_.id)
    other = service.providers.create_organisation(actor, "Southfield Demo Trust", "trust")
    service.workshop.create_round(
        actor, other.id, framework=V2010, held_on=date(2026, 10, 2), facilitator="Sam Okafor",
        status="agreed", completers={"recovery_lead": "Recovery lead"},
        answers={VOTED: Answer(agreed_stage=2, views=(GroupView(CARERS, stage_2=4),))},
    )  # fmt: skip
    return service


def test_the_portfolios_group_views_never_add_a_small_phone_vote_in(two_providers, definitions):
    service = two_providers
    records = service.portfolio.portfolio(PortfolioFilters(framework=V2010))
    frame = pa.group_views(
        definitions.framework(V2010),
        definitions.stakeholder_groups,
        service.portfolio.portfolio_views(records),
    )
    carers = frame[frame["Group"] == "Carers, family and friends"].set_index("Challenge")
    voted = carers.loc[pa.challenge_label(definitions.framework(V2010), VOTED)]
    # Only the 4 hands are left, under 5: suppressed as the portfolio suppresses any small sum.
    assert voted[["Stage 1", "Stage 2", "Stage 3", "Not sure", "People"]].isna().all()
    users = frame[frame["Group"] == "People using services"].set_index("Challenge")
    assert users.loc[pa.challenge_label(definitions.framework(V2010), VOTED), "Stage 3"] == 5


def test_the_portfolios_workbook_carries_no_group_view(two_providers):
    book = load_workbook(io.BytesIO(build_report(two_providers, ReportScope.parse("portfolio"))))
    assert "Data views" not in book.sheetnames
    cells = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert not {CARERS, "Carers, family and friends"} & cells
