"""A phone vote on a TRIP statement as the team and the room see it: "Vote on this statement"
opens one with its code and live count, one statement at a time; results hidden until shown,
the TRIP answers on the bars and a small group only as "fewer than 5"; closing shows the
ballot's line under the statement and leaves its rating as the room recorded it; a second vote;
the presentation view; a reader offered none of it; moving about with a vote open writes
nothing."""

from __future__ import annotations

import secrets

from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.records.trip import Rating
from pages.kit import routes, ui
from tests.app.conftest import LEAD, open_page
from tests.app.trip_helpers import field, page

STAFF, CARERS = "clinical-staff", "carers-family"
GRID = '<div class="vote-grid">'


def conversation(round_id: int, **query: str):
    return page(routes.TRIP_BENCHMARKS.path, round=str(round_id), **query)


def html(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def press(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def vote_on(round_id: int, statement_id: str):
    return next(q for q in ui.service().votes.questions(round_id) if q.statement_id == statement_id)


def cast(code: str, group: str, answer: str, times: int = 1) -> None:
    for _ in range(times):
        ui.service().votes.cast(code, secrets.token_urlsafe(16), group, answer)


def first_statements(round_id: int) -> list[str]:
    return [s.id for s in ui.service().trip.trip_round(round_id)[1].groups[0].statements]


def test_the_team_opens_a_vote_on_a_statement_and_closing_leaves_its_rating(trip_round):
    first, second = first_statements(trip_round.id)[:2]
    svc = ui.service()
    said = Rating("partly", proud="Hopes asked at first contact")
    svc.trip.save_rating(LEAD, trip_round.id, first,
                         svc.trip.trip_ratings(trip_round.id)[first].version, said)  # fmt: skip
    at = conversation(trip_round.id)
    labels = [b.label for b in at.button if b.key and b.key.startswith("trip:vote:")]
    assert labels == ["Vote on this statement"] * len(first_statements(trip_round.id))

    press(at, "trip:vote:1:open")
    vote = vote_on(trip_round.id, first)
    assert f'<p class="vote-code">{vote.code}</p>' in html(at) and "<svg" in html(at)
    assert "0 votes in" in html(at) and "Results are hidden" in html(at)
    # One vote at a time: the other statements say which is open, and offer none.
    assert not [b for b in at.button if b.key == "trip:vote:2:open"]
    assert any(f"Phone vote {vote.code} is open on another statement" in c.value
               for c in at.caption)  # fmt: skip

    cast(vote.code, STAFF, "started", times=4)
    cast(vote.code, STAFF, "not-yet")
    cast(vote.code, CARERS, "fully", times=2)
    at.run()
    assert "7 votes in" in html(at) and GRID not in html(at)
    press(at, "trip:vote:1:reveal")
    shown = html(at)
    assert GRID in shown and '<span class="head">Not yet</span>' in shown
    assert "5 voters" in shown and "fewer than 5" in shown and "<b>4</b>" in shown

    press(at, "trip:vote:1:close")
    line = (f"Phone vote (code {vote.code}, vote 1): Clinical and practitioner staff (5): "
            "Not yet 1, Started 4; groups of fewer than 5 voters not shown")  # fmt: skip
    assert any(c.value == ui.as_text(line) for c in at.caption)
    assert "Vote on statement 1 closed" in " ".join(s.value for s in at.success)
    assert svc.trip.trip_ratings(trip_round.id)[first].rating == said
    assert at.segmented_control(key=field(0, "value")).value == "partly"
    assert [b.label for b in at.button if b.key == "trip:vote:1:open"] == [
        "Vote again on this statement"
    ]
    assert [b.label for b in at.button if b.key == "trip:vote:2:open"] == ["Vote on this statement"]

    press(at, "trip:vote:1:open")
    again = vote_on(trip_round.id, first)
    assert (again.open, again.ballot, again.code) == (True, 2, vote.code)
    assert "0 votes in" in html(at) and any(c.value == ui.as_text(line) for c in at.caption)
    assert second not in {q.statement_id for q in svc.votes.questions(trip_round.id)}


def test_the_presentation_view_opens_a_vote_from_its_menu_and_shows_its_code(trip_round):
    at = conversation(trip_round.id, view="room")
    menu = [b.label for b in at.button if b.key and b.key.startswith("trip:vote:")]
    assert menu[:2] == ["Vote on statement 1", "Vote on statement 2"]  # one menu, not under each
    press(at, "trip:vote:2:open")
    vote = vote_on(trip_round.id, first_statements(trip_round.id)[1])
    assert f'<p class="vote-code">{vote.code}</p>' in html(at)
    assert 'class="vote-join room"' in html(at)
    assert not any("open on another statement" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key and b.key.endswith(":open")]  # one at a time


def test_a_reader_sees_the_open_vote_and_is_offered_nothing(trip_round):
    svc = ui.service()
    opened = svc.votes.open_vote(LEAD, trip_round.id, first_statements(trip_round.id)[0])
    password = "correct horse battery staple"
    scopes = [Scope(trip_round.organisation_id)]
    svc.accounts.create_account(Actor("Command line", "Administrator"), "vic", "Vic Viewer",
                                "viewer", password, scopes)  # fmt: skip
    at = open_page(None, round=str(trip_round.id))
    at.session_state["access:token"] = svc.accounts.sign_in("vic", password).token
    at.switch_page(routes.TRIP_BENCHMARKS.path).run()
    assert not at.exception, [e.value for e in at.exception]

    assert f'<p class="vote-code">{opened.code}</p>' in html(at) and "0 votes in" in html(at)
    assert not [b for b in at.button if b.key and b.key.startswith("trip:vote:")]


def test_forward_back_and_forward_with_a_vote_open_stores_what_was_typed_and_no_more(trip_round):
    at = press(conversation(trip_round.id), "trip:vote:1:open")
    vote = vote_on(trip_round.id, first_statements(trip_round.id)[0])
    cast(vote.code, STAFF, "mostly", times=5)
    at.segmented_control(key=field(1, "value")).set_value("started").run()
    before = None
    for name in ("Next", "Previous", "Next", "Previous"):
        next(b for b in at.button if b.label == name).click().run()
        assert not at.exception, [e.value for e in at.exception]
        stored = {s: r.rating for s, r in ui.service().trip.trip_ratings(trip_round.id).items()}
        before = before or stored
        assert stored == before  # saved once, on the first move; the same after every move
    assert before[first_statements(trip_round.id)[1]].value == "started"
    assert before[first_statements(trip_round.id)[0]].value is None  # the vote rated nothing
    assert "5 votes in" in html(at) and vote_on(trip_round.id, vote.statement_id).open
