"""Small groups of a phone vote on screen: after the vote closes, the Template A summary shows
the 2 carers who voted by phone only as "fewer than 5 (by phone)" (in the spread's chart, its
table and the list under it), and the workshop's tally line leaves them out of its totals; the
2 carers counted by hand on another challenge stay exact."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assessments.records import Actor, Answer, GroupView
from pages.kit import routes, ui
from tests.app.conftest import open_page

FACILITATOR = Actor("Sam Okafor", "Facilitator")
VOTED, COUNTED = "c04-leadership", "c01-interactions"
USERS, CARERS = "people-using-services", "carers-family"


@pytest.fixture
def round_id(own_store):
    """A round where 2 carers (Stage 1, Stage 2) and 5 people using services (Stage 3) voted
    by phone on VOTED, and the room counted 2 carers' hands (Stage 1, Stage 2) on COUNTED."""
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    made = svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor",
    )  # fmt: skip
    vote = svc.votes.open_vote(FACILITATOR, made.id, VOTED)
    for n, answer in enumerate(["stage-1", "stage-2"]):
        svc.votes.cast(vote.code, f"phone-token-{n:08d}", CARERS, answer)
    for n in range(5):
        svc.votes.cast(vote.code, f"phone-token-{10 + n:08d}", USERS, "stage-3")
    svc.votes.close_vote(FACILITATOR, vote.id, vote.version)
    record = svc.workshop.challenge_record(made.id, COUNTED)
    hands = Answer(views=(GroupView(CARERS, stage_1=1, stage_2=1, note="Hands"),))
    svc.workshop.save_challenge(FACILITATOR, made.id, COUNTED, hands, record.version)
    return made.id


def page(round_id: int, path: str, **query: str):
    at = open_page(None, round=str(round_id), **query)
    at.session_state["actor"] = FACILITATOR
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_summary_shows_the_carers_phone_vote_only_as_fewer_than_5(round_id):
    at = page(round_id, routes.SUMMARY.path)

    views = at.dataframe[0].value  # the spread of views "As a table"
    carers = views[views["Group"] == "Carers, family and friends"]
    assert set(carers["No."]) == {1}  # the hand count only: challenge 4's phones left out
    assert dict(zip(carers["Answer"], carers["People"], strict=True)) == {
        "Stage 1": 1, "Stage 2": 1, "Stage 3": 0, "Not sure": 0,
    }  # fmt: skip
    users = views[(views["Group"] == "People using services") & (views["No."] == 4)]
    assert dict(zip(users["Answer"], users["People"], strict=True))["Stage 3"] == 5

    hidden = at.table[-1].value  # said as only that, under the spread
    assert hidden.to_dict("records") == [
        {
            "No.": 4,
            "Challenge": "Ensuring organisational commitment",
            "Group": "Carers, family and friends",
            "Views": "fewer than 5 (by phone)",
        }
    ]
    assert any("fewer than 5 in the group" in m.value for m in at.markdown)

    # The chart adds every group up per challenge: challenge 4's bar holds the 5 only.
    # (Each chart of rows is drawn twice, for a wide and a narrow screen: pages/kit/chart.py.)
    charts = [json.loads(chart.proto.spec)["data"] for chart in at.get("plotly_chart")]
    bars = next(data for data in charts if data[0]["name"] == "Stage 1")
    row = next(i for i, y in enumerate(bars[0]["y"]) if str(y).startswith("4"))
    assert [b["x"][row] for b in bars] == [0, 0, 5, 0]


def test_the_workshops_tally_line_names_the_small_phone_vote_and_leaves_it_out(round_id):
    at = page(round_id, routes.WORKSHOP.path, challenge=VOTED)
    line = next(m.value for m in at.markdown if m.value.startswith("**Views counted"))
    assert line.startswith(
        "**Views counted (5):** Stage 1: **0** · Stage 2: **0** · Stage 3: **5**"
    )
    assert line.endswith("Carers, family and friends: **fewer than 5** voted by phone")

    at = page(round_id, routes.WORKSHOP.path, challenge=COUNTED)
    line = next(m.value for m in at.markdown if m.value.startswith("**Views counted"))
    counts = "Stage 1: **1** · Stage 2: **1** · Stage 3: **0** · Not sure: **0**"
    assert line == f"**Views counted (2):** {counts}"  # the hands, exact


def stored(round_id: int) -> tuple:
    svc = ui.service()
    records = svc.workshop.challenge_records(round_id)
    return {c: (r.answer, r.version) for c, r in records.items()}, len(svc.history("challenge"))


def carers_row(at) -> list[str]:
    """What the carers' row of the tally grid says in words (its count fields aside)."""
    return [m.value for m in at.markdown if "voted by phone" in m.value and "**" in m.value]


def test_the_tally_grid_says_fewer_than_5_and_moving_on_and_back_writes_nothing(round_id):
    before = stored(round_id)
    at = page(round_id, routes.WORKSHOP.path, challenge=VOTED)
    assert "**fewer than 5** voted by phone" in carers_row(at)
    assert not at.button(key="tally-paper-carers-family").disabled
    assert "tally-paper-people-using-services" not in [b.key for b in at.button]  # 5: shown

    at.button(key="workshop:next").click().run()  # forward
    at.button(key="workshop:previous").click().run()  # back
    assert "**fewer than 5** voted by phone" in carers_row(at)
    at.button(key="workshop:next").click().run()  # and forward again
    assert not at.exception
    assert stored(round_id) == before  # the held-back counts were never written over


def test_a_count_of_hands_typed_over_it_starts_from_nothing_and_is_then_exact(round_id):
    at = page(round_id, routes.WORKSHOP.path, challenge=VOTED)
    at.button(key="tally-paper-carers-family").click().run()
    fields = [f"workshop:view:{CARERS}:{c}" for c in ("stage_1", "stage_2", "stage_3", "not_sure")]
    assert [at.number_input(key=f).value for f in fields] == [0, 0, 0, 0]  # not the phones'
    assert not carers_row(at)  # typed over: a count of hands, shown as counted
    at.number_input(key=fields[1]).set_value(3)
    at.button(key="workshop-save").click().run()

    carers = ui.service().workshop.challenge_record(round_id, VOTED).answer.view(CARERS)
    assert (carers.stage_1, carers.stage_2, carers.phone_vote) == (0, 3, False)
    at.button(key="workshop:next").click().run()
    at.button(key="workshop:previous").click().run()
    assert at.number_input(key=fields[1]).value == 3
    line = next(m.value for m in at.markdown if m.value.startswith("**Views counted"))
    assert "Stage 2: **3** · Stage 3: **5**" in line and "fewer than 5" not in line
