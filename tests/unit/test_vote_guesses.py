"""Guessing join codes is stopped, and a real room is never blocked: a client that has tried
many different codes that are not open is refused (429, with a message saying what to do), even
for an open code, until its tries age out; a room of 200 phones behind one address, some typing
their code wrong, is never refused; many addresses guessing at once stop those that miss, not
the phones that typed their code right; X-Forwarded-For is believed only from a proxy named in
the setting."""

from __future__ import annotations

import itertools

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from assessments.rules.vote_guesses import (
    ADDRESS_MISSES,
    MISS_WINDOW,
    PROCESS_MISSES,
    GuessLimit,
    TooManyGuesses,
)
from assessments.rules.votes import CODE_LETTERS
from assessments.service import Service
from assessments.service.votes import VOTER_ACCESS
from voting.client import UNKNOWN, client_address, trusted_proxies
from voting.routes import vote_routes

ROOM = ("198.51.100.7", 40000)  # a trust's Wi-Fi: every phone in the room behind one address


def wrong_codes(but: str):
    return ("".join(c) for c in itertools.product(CODE_LETTERS, repeat=4) if "".join(c) != but)


@pytest.fixture
def vote(service, actor, round_):
    return service.votes.open_vote(actor, round_.id, "c06-risk")


@pytest.fixture
def app(service):
    voter = Service(service.engine, service.definitions, access=VOTER_ACCESS)
    return Starlette(routes=vote_routes(lambda: voter, GuessLimit(), trusted="127.0.0.1"))


def phone(app, address=ROOM) -> TestClient:
    return TestClient(app, client=address)


def cast(client, code, n, answer="stage-2", **headers):
    body = {"code": code, "device": f"phone-token-{n:08d}", "group": "carers-family",
            "answer": answer}  # fmt: skip
    return client.post("/vote/api/cast", json=body, headers=headers)


def test_a_script_trying_codes_is_stopped_even_at_an_open_code(app, vote):
    script, other = phone(app, ("203.0.113.9", 1)), phone(app, ("203.0.113.10", 1))
    codes = wrong_codes(vote.code)
    for _ in range(ADDRESS_MISSES):
        assert script.get(f"/vote/api/state?code={next(codes)}").status_code == 400
    refused = script.get(f"/vote/api/state?code={vote.code}")  # found it: still not told
    assert refused.status_code == 429 and refused.json()["field"] == "rate"
    assert refused.json()["message"].startswith("Too many codes that are not open have been tried")
    assert "wait 10 minutes" in refused.json()["message"]
    assert cast(script, vote.code, 1).status_code == 429
    assert other.get(f"/vote/api/state?code={vote.code}").status_code == 200  # others are not
    assert cast(other, vote.code, 2).status_code == 200


@pytest.mark.sqlite_only  # the limit is the process's, whatever the store: 1,000 requests once
def test_a_room_of_200_phones_with_typos_is_never_refused(app, service, actor, vote):
    room = phone(app)
    typos = wrong_codes(vote.code)
    for n in range(200):
        if n % 4 == 0:  # one phone in four types its code wrong first, and its page polls it
            typo = next(typos)
            for _ in range(3):
                assert room.get(f"/vote/api/state?code={typo}").status_code == 400
        assert room.get(f"/vote/api/state?code={vote.code.lower()}").status_code == 200
        assert cast(room, vote.code, n).status_code == 200
    assert service.votes.tallies(vote.id).voters == 200
    service.votes.close_vote(actor, vote.id, service.votes.question(vote.id).version)
    for n in range(200):  # every page asks the closed code, and a few phones send again
        assert room.get(f"/vote/api/state?code={vote.code}").json()["status"] == "closed"
        if n % 10 == 0:
            assert cast(room, vote.code, n).status_code == 400
    again = service.votes.reopen_vote(actor, vote.id, service.votes.question(vote.id).version)
    assert again.open and cast(room, vote.code, 1).status_code == 200


def test_many_addresses_guessing_stop_those_that_miss_not_the_phones_that_typed_right():
    now = [0.0]
    limit = GuessLimit(clock=lambda: now[0])
    for n, code in zip(range(PROCESS_MISSES), wrong_codes(""), strict=False):
        limit.check(f"10.0.{n // 250}.{n % 250}")
        limit.missed(f"10.0.{n // 250}.{n % 250}", code)
    with pytest.raises(TooManyGuesses):
        limit.check("10.0.0.1")  # one miss, while the process is over its limit
    limit.check("192.0.2.1")  # a phone that typed its code right
    now[0] += MISS_WINDOW + 1
    limit.check("10.0.0.1")


def test_the_same_wrong_code_asked_again_and_again_counts_once_and_tries_age_out():
    now = [0.0]
    limit = GuessLimit(clock=lambda: now[0])
    for _ in range(5 * ADDRESS_MISSES):
        limit.check("192.0.2.1")
        limit.missed("192.0.2.1", "ABCD")
    for code in itertools.islice(wrong_codes("ABCD"), ADDRESS_MISSES - 1):
        limit.missed("192.0.2.1", code)
    with pytest.raises(TooManyGuesses) as caught:
        limit.check("192.0.2.1")
    assert caught.value.field == "rate" and "wait 10 minutes" in caught.value.message
    now[0] += MISS_WINDOW / 2
    with pytest.raises(TooManyGuesses, match="wait 5 minutes"):
        limit.check("192.0.2.1")
    now[0] += MISS_WINDOW / 2 + 1
    limit.check("192.0.2.1")


def test_x_forwarded_for_is_believed_only_from_a_named_proxy():
    proxies = trusted_proxies("127.0.0.1, 172.16.0.0/12")
    # nginx appends the address it was reached from; anything further left a phone could write.
    assert client_address("127.0.0.1", "10.9.9.9, 203.0.113.9", proxies) == "203.0.113.9"
    assert client_address("172.18.0.5", "203.0.113.9, 127.0.0.1", proxies) == "203.0.113.9"
    assert client_address("203.0.113.1", "10.9.9.9", proxies) == "203.0.113.1"  # not a proxy
    assert client_address("203.0.113.1", "10.9.9.9", ()) == "203.0.113.1"  # none named
    assert client_address("127.0.0.1", "not an address", proxies) == "127.0.0.1"
    assert client_address("2001:db8:1:2::7", None, ()) == "2001:db8:1:2::/64"
    assert client_address(None, "203.0.113.9", proxies) == UNKNOWN
    with pytest.raises(ValueError):
        trusted_proxies("127.0.0.1, nginx")


def test_behind_the_proxy_one_guesser_does_not_stop_the_room(app, vote):
    proxy = phone(app, ("127.0.0.1", 5000))
    codes = wrong_codes(vote.code)
    for _ in range(ADDRESS_MISSES):
        proxy.get(f"/vote/api/state?code={next(codes)}",
                  headers={"X-Forwarded-For": "203.0.113.9"})  # fmt: skip
    guesser = proxy.get(f"/vote/api/state?code={vote.code}",
                        headers={"X-Forwarded-For": "203.0.113.9"})  # fmt: skip
    assert guesser.status_code == 429
    assert cast(proxy, vote.code, 3, **{"X-Forwarded-For": ROOM[0]}).status_code == 200
