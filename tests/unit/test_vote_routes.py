"""The phones' routes, through Starlette's test client on a store of their own: the page (a
strict Content-Security-Policy, nothing from any other address, text escaped, the code from the
address typed in only when it is letters), a code's state, a vote cast and changed as JSON, a
closed or unknown code's message, refusals of what is not a vote from the page; a TRIP
statement's words and answers, and a vote on it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from assessments.service import Service
from assessments.service.votes import VOTER_ACCESS
from voting.routes import vote_routes

CHALLENGE = "c06-risk"


@pytest.fixture
def phones(service):
    voter = Service(service.engine, service.definitions, access=VOTER_ACCESS)
    return TestClient(Starlette(routes=vote_routes(lambda: voter)))


@pytest.fixture
def vote(service, actor, round_):
    return service.votes.open_vote(actor, round_.id, CHALLENGE)


def cast(phones, code, device="phone-token-0000001", **values):
    body = {"code": code, "device": device, "group": "carers-family", "answer": "stage-2"}
    return phones.post("/vote/api/cast", json=body | values)


def test_the_page_allows_nothing_but_itself(phones):
    reply = phones.get("/vote")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert re.findall(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    # Nothing to fetch from anywhere: no address, no file, no font, no image.
    assert not re.findall(r"\b(src|href|action)\s*=|url\(|@import|<img|<link", reply.text)
    assert "http" not in reply.text.lower()
    for shown in ("Which group are you in?", "Carers, family and friends", "Stage 1: Engagement",
                  "Not sure", 'role="status"', "Send my vote"):  # fmt: skip
        assert shown in reply.text


def test_the_code_in_the_address_is_typed_in_and_anything_else_is_not(phones):
    assert 'value="ABCD"' in phones.get("/vote?code=abcd").text
    hostile = phones.get('/vote?code="><script>alert(1)</script>').text
    assert "alert(1)" not in hostile and 'id="code" name="code" value=""' in hostile


def test_the_text_the_page_shows_is_escaped(service, actor, definitions):
    groups = list(definitions.stakeholder_groups)
    groups[0] = groups[0].model_copy(update={"name": "<b>Carers</b> & family"})
    hostile = replace(definitions, stakeholder_groups=tuple(groups))
    voter = Service(service.engine, hostile, access=VOTER_ACCESS)
    page = TestClient(Starlette(routes=vote_routes(lambda: voter))).get("/vote").text
    assert "&lt;b&gt;Carers&lt;/b&gt; &amp; family" in page and "<b>Carers" not in page


def test_a_codes_state_says_open_and_what_on(phones, vote):
    reply = phones.get(f"/vote/api/state?code={vote.code.lower()}")
    assert reply.status_code == 200
    state = reply.json()
    assert (state["code"], state["status"], state["revealed"], state["ballot"]) == (
        vote.code, "open", False, 1,
    )  # fmt: skip
    assert state["title"].startswith("Challenge 6:")
    other = "ZZZY" if vote.code != "ZZZY" else "ZZZX"
    unknown = phones.get(f"/vote/api/state?code={other}")
    assert unknown.status_code == 400 and "no vote with the code" in unknown.json()["message"]


def test_a_vote_is_stored_then_changed_and_the_reply_says_what(phones, service, vote):
    first = cast(phones, vote.code, priority=2)
    assert first.status_code == 200 and first.json()["stored"] is True
    assert first.json()["message"].startswith("Stored: Stage 2 for Carers, family and friends")
    assert "priority 2" in first.json()["message"]
    second = cast(phones, vote.code, answer="not-sure")
    assert second.json()["message"].startswith("Changed: Not sure")
    carers = next(g for g in service.votes.tallies(vote.id).groups if g.group == "carers-family")
    assert carers.shown == "fewer than 5"  # one phone, counted once


def test_a_closed_code_gets_a_clear_message_and_nothing_is_stored(phones, service, actor, vote):
    service.votes.close_vote(actor, vote.id, vote.version)
    reply = cast(phones, vote.code)
    assert reply.status_code == 400 and reply.json()["field"] == "code"
    assert "This vote has closed, so your vote was not stored" in reply.json()["message"]
    assert service.votes.tallies(vote.id).voters == 0
    assert phones.get(f"/vote/api/state?code={vote.code}").json()["status"] == "closed"


def test_what_is_not_a_vote_from_the_page_is_refused(phones, vote):
    as_form = phones.post("/vote/api/cast", data={"code": vote.code})
    assert as_form.status_code == 415
    assert phones.post("/vote/api/cast", content=b"[1]",
                       headers={"content-type": "application/json"}).status_code == 400  # fmt: skip
    huge = phones.post("/vote/api/cast", content=b"{" + b" " * 5000 + b"}",
                       headers={"content-type": "application/json"})  # fmt: skip
    assert huge.status_code == 400
    assert cast(phones, vote.code, group="nobody").json()["field"] == "group"
    assert cast(phones, vote.code, priority="high").json()["field"] == "priority"
    assert phones.get("/vote/api/cast").status_code == 405


def test_a_phone_sending_too_fast_is_told_to_wait(phones, vote):
    replies = [cast(phones, vote.code) for _ in range(11)]
    assert replies[-1].status_code == 429 and "Wait" in replies[-1].json()["message"]


@pytest.fixture
def statement_vote(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Riverside CMHT", "cmht", "East")
    trip = service.trip.create_trip_round(actor, team.id, held_on=date(2026, 9, 14),
                                          facilitator="Sam Okafor")  # fmt: skip
    return service.votes.open_vote(actor, trip.id, "com-c01-2")


def test_a_trip_statements_state_gives_its_words_and_the_trip_answers(phones, statement_vote, bset):
    state = phones.get(f"/vote/api/state?code={statement_vote.code}").json()
    assert state["subject"] == "statement"
    assert state["title"] == f"Statement 2: {bset.statement('com-c01-2').text}"
    assert state["ask"] == "How far has the team got with this statement?"
    assert [c["label"] for c in state["choices"]] == [
        "Not yet", "Started", "Partly", "Mostly", "Fully", "Not sure",
    ]  # fmt: skip
    assert state["choices"][0]["hint"].startswith("This does not happen in the team yet")


def test_a_phone_votes_on_a_trip_statement_in_the_scales_words(phones, service, statement_vote):
    stored = cast(phones, statement_vote.code, answer="started")
    assert stored.status_code == 200
    assert stored.json()["message"].startswith("Stored: Started for Carers, family and friends")
    assert cast(phones, statement_vote.code, answer="stage-2").json()["field"] == "answer"
    refused = cast(phones, statement_vote.code, answer="fully", priority=4)
    assert refused.json()["field"] == "priority"
    assert service.votes.tallies(statement_vote.id).voters == 1
