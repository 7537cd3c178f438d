"""The workshop's phone vote as the facilitator and the room see it: opened from the page, its
code and count on screen, results hidden until shown, closed into the form's tally fields, and
voted again; a reader is offered none of it; moving about with a vote open writes nothing."""

from __future__ import annotations

import secrets
from datetime import date

import pytest

from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.rules.errors import ServiceError
from assessments.rules.permissions import Access
from assessments.service import Service
from pages.kit import routes, ui
from tests.app.conftest import open_page
from tests.app.test_workshop import FACILITATOR, key, workshop

CHALLENGE = "c03-education-centre"
USERS, CARERS = "people-using-services", "carers-family"
GRID = '<div class="vote-grid">'  # the results: a row of bars per group


@pytest.fixture
def round_id(own_store):
    """A round of the fictional provider with six people who use services and three carers."""
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    return svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor", participants={USERS: 6, CARERS: 3},
    ).id  # fmt: skip


def vote_of(round_id: int):
    return next(q for q in ui.service().votes.questions(round_id) if q.challenge_id == CHALLENGE)


def cast(code: str, group: str, answer: str, times: int = 1) -> None:
    svc = ui.service()
    for _ in range(times):
        svc.votes.cast(code, secrets.token_urlsafe(16), group, answer)


def html(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def press(at, name: str):
    at.button(key=key("vote", name)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def field(at, group: str, count: str):
    return at.number_input(key=key("view", group, count)).value


def test_the_facilitator_opens_a_vote_sees_its_code_and_count_and_shows_or_hides_results(round_id):
    at = press(workshop(round_id, CHALLENGE), "open")
    vote = vote_of(round_id)

    assert vote.open and f'<p class="vote-code">{vote.code}</p>' in html(at)
    assert f"/vote?code={vote.code}" in html(at) and "<svg" in html(at)  # the QR code, drawn here
    assert "0 votes in" in html(at) and "Results are hidden" in html(at)

    cast(vote.code, USERS, "stage-2", times=5)
    cast(vote.code, CARERS, "stage-1")
    at.run()
    assert "6 votes in" in html(at)  # every phone, the small group's too
    assert GRID not in html(at)  # hidden: the room sees only how many

    press(at, "reveal")
    shown = html(at)
    assert "6 votes in" in shown and GRID in shown
    assert "5 voters" in shown and "fewer than 5" in shown
    assert "<b>5</b>" in shown  # users' five votes for Stage 2, on the bar
    assert at.button(key=key("vote", "reveal")).label == "Hide the results"

    press(at, "reveal")
    assert GRID not in html(at) and "Results are hidden" in html(at)


def test_closing_puts_the_counts_in_the_forms_tally_fields_and_the_store_then_a_second_vote(
    round_id,
):
    at = press(workshop(round_id, CHALLENGE), "open")
    vote = vote_of(round_id)
    cast(vote.code, USERS, "stage-2", times=3)
    cast(vote.code, USERS, "stage-3", times=2)
    cast(vote.code, CARERS, "not-sure")
    at.text_area(key=key("comments")).input("Typed while the room voted")

    press(at, "close")

    assert [field(at, USERS, c) for c in ("stage_1", "stage_2", "stage_3", "not_sure")] == [
        0, 3, 2, 0,
    ]  # fmt: skip
    assert field(at, CARERS, "not_sure") == 1
    assert at.text_area(key=key("comments")).value == "Typed while the room voted"  # kept
    stored = ui.service().workshop.challenge_record(round_id, CHALLENGE).answer
    assert (stored.view(USERS).stage_2, stored.view(USERS).stage_3) == (3, 2)
    assert "Vote closed: the phones' counts are in challenge 3's views." in [
        s.value for s in at.success
    ]
    assert not vote_of(round_id).open
    assert f"Phone vote {vote.code} closed (vote 1)" in " ".join(c.value for c in at.caption)

    # A count of hands can still be typed over what the phones gave.
    at.number_input(key=key("view", USERS, "stage_2")).set_value(1)
    at.button(key="workshop-save").click().run()
    typed = ui.service().workshop.challenge_record(round_id, CHALLENGE).answer.view(USERS)
    assert (typed.stage_2, typed.stage_3) == (1, 2)

    press(at, "open")  # "Vote again by phone": the same code, a second ballot, hidden again
    again = vote_of(round_id)
    assert (again.open, again.ballot, again.code, again.revealed) == (True, 2, vote.code, False)
    assert "0 votes in" in html(at)


def test_someone_elses_change_to_the_vote_meanwhile_is_said_plainly_and_nothing_breaks(
    round_id,
):
    at = press(workshop(round_id, CHALLENGE), "open")
    vote = vote_of(round_id)
    ui.service().votes.reveal(Actor("Alex Other", "Facilitator"), vote.id, vote.version)

    press(at, "close")

    assert any("Someone else changed this vote a moment ago" in e.value for e in at.error)
    assert vote_of(round_id).open  # nothing was closed
    assert at.button(key=key("vote", "close"))  # drawn again as the vote now is


def test_the_projected_view_shows_the_vote_in_place_of_the_tally_line(round_id):
    at = workshop(round_id, CHALLENGE)
    at.query_params["view"] = "room"
    at.run()
    assert any("Views counted" in m.value for m in at.markdown)
    press(at, "open")
    vote = vote_of(round_id)

    assert f'<p class="vote-code">{vote.code}</p>' in html(at)
    assert not any("Views counted" in m.value for m in at.markdown)
    # No address phones can reach is known here: the facilitator is told how, out of the way.
    assert any(t.value.startswith("Phones cannot reach 127.0.0.1") for t in at.text)


def test_a_reader_is_offered_no_vote_and_the_service_refuses_one(round_id):
    svc = ui.service()
    opened = svc.votes.open_vote(FACILITATOR, round_id, CHALLENGE)
    password = "correct horse battery staple"
    vic = svc.accounts.create_account(Actor("Command line", "Administrator"), "vic",
                                      "Vic Viewer", "viewer", password, [Scope(1)])  # fmt: skip
    at = open_page(None, round=str(round_id), challenge=CHALLENGE)
    at.session_state["access:token"] = svc.accounts.sign_in("vic", password).token
    at.switch_page(routes.WORKSHOP.path).run()
    assert not at.exception, [e.value for e in at.exception]

    assert f'<p class="vote-code">{opened.code}</p>' in html(at)  # the room may read it
    assert "0 votes in" in html(at)
    assert not [b for b in at.button if b.key and b.key.startswith("workshop:vote:")]
    as_vic = Service(ui.engine(), ui.definitions(), access=Access(vic))
    with pytest.raises(ServiceError):
        as_vic.votes.close_vote(Actor("Vic Viewer", "viewer"), opened.id, opened.version)
    with pytest.raises(ServiceError):
        as_vic.votes.reveal(Actor("Vic Viewer", "viewer"), opened.id, opened.version)
    assert not vote_of(round_id).revealed and vote_of(round_id).open


def test_forward_back_and_forward_with_a_vote_open_leaves_the_stored_answers_unchanged(
    round_id,
):
    at = press(workshop(round_id, CHALLENGE), "open")
    cast(vote_of(round_id).code, USERS, "stage-1", times=5)
    before = ui.service().workshop.challenge_records(round_id)

    for name in ("next", "previous", "next", "previous"):
        at.button(key=key(name)).click().run()
        assert not at.exception

    after = ui.service().workshop.challenge_records(round_id)
    assert {c: r.answer for c, r in after.items()} == {c: r.answer for c, r in before.items()}
    assert "5 votes in" in html(at) and vote_of(round_id).open


def test_closing_a_vote_in_a_round_with_nobody_listed_keeps_every_groups_row_and_moves_on(
    own_store,
):
    """With no one said to be present every group's row is drawn; the groups that voted must
    not become the only rows after the close (the others' fields would go, and the next move
    would fail)."""
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    made = svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor",
    )  # fmt: skip
    at = press(workshop(made.id, CHALLENGE), "open")
    rows = len(at.number_input)
    cast(vote_of(made.id).code, USERS, "stage-2", times=5)

    press(at, "close")
    assert len(at.number_input) == rows
    at.text_area(key=key("comments")).input("After the vote")
    at.button(key=key("next")).click().run()

    assert not at.exception, [e.value for e in at.exception]
    stored = ui.service().workshop.challenge_record(made.id, CHALLENGE).answer
    assert (stored.view(USERS).stage_2, stored.comments) == (5, "After the vote")
