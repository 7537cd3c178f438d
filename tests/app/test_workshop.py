"""The Template A workshop and its summary, driven as a facilitator drives them."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor, Answer
from pages.kit import routes, ui
from tests.app.conftest import open_page

FACILITATOR = Actor("Sam Okafor", "Facilitator")


@pytest.fixture
def round_id(own_store):
    """A round of the fictional provider, made through the service as the Rounds page does."""
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    made = svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2010", held_on=date(2026, 11, 2),
        facilitator="Sam Okafor",
        participants={"people-using-services": 6, "carers-family": 3, "clinical-staff": 8},
    )  # fmt: skip
    return made.id


def workshop(round_id: int, challenge: str | None = None, actor: Actor | None = FACILITATOR):
    query = {"round": str(round_id)} | ({"challenge": challenge} if challenge else {})
    at = open_page(None, **query)
    if actor:
        at.session_state["actor"] = actor
    at.switch_page(routes.WORKSHOP.path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def key(name: str, *rest: str) -> str:
    """A workshop widget: its key names the field, never the challenge on screen."""
    return ":".join(["workshop", name, *rest])


def stage_cards(at) -> list[str]:
    """The three stage cards, as the HTML of the one row that holds them."""
    row = next(m.value for m in at.markdown if m.value.startswith('<div class="stage-row'))
    return row.split('<div class="stage-card')[1:]


def decide(at, decision) -> None:
    at.button(key=key("decide", str(decision))).click().run()


def agreed(at) -> str | None:
    """The decision as the screen shows it: the one button that says "Agreed" (or "Not agreed"
    chosen), else None."""
    chosen = [
        b.label
        for b in at.button
        if b.key and b.key.startswith("workshop:decide:") and b.proto.type == "primary"
    ]
    return chosen[0] if chosen else None


def test_the_workshop_asks_who_is_recording_before_anything_is_saved(round_id):
    at = workshop(round_id, actor=None)

    assert any("Who is at the keyboard?" in m.value for m in at.markdown)
    assert not at.number_input  # nothing to type into until the person has said who they are
    at.text_input(key="actor_name").input("Sam Okafor")
    at.button[0].click().run()

    assert any("Recording as **Sam Okafor**" in c.value for c in at.caption)
    assert at.header[0].value.startswith("1. ")


def test_one_challenge_per_screen_with_its_three_stages_and_the_groups_present(round_id):
    at = workshop(round_id, "c05-personalisation")

    assert at.header[0].value.startswith("5. ")
    cards = stage_cards(at)
    assert [("Stage 1" in c, "Stage 2" in c, "Stage 3" in c) for c in cards] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    labels = {n.label for n in at.number_input}
    assert "People using services: Stage 1" in labels
    assert "Carers, family and friends: Not sure" in labels
    assert not any(label.startswith("Commissioners") for label in labels)  # none took part


def test_next_saves_the_tallies_and_the_agreement_and_moves_on(round_id):
    at = workshop(round_id, "c05-personalisation")
    at.number_input(key=key("view", "people-using-services", "stage_1")).set_value(4)
    at.number_input(key=key("view", "clinical-staff", "stage_2")).set_value(6)
    decide(at, 1)
    at.selectbox(key=key("priority")).set_value(2)
    at.text_area(key=key("comments")).input("Budgets are rare")

    at.button(key=key("next")).click().run()

    assert at.query_params["challenge"] == "c06-risk"
    assert at.header[0].value.startswith("6. ")
    assert any("Saved challenge 5" in s.value for s in at.success)
    saved = ui.service().workshop.challenge_record(round_id, "c05-personalisation").answer
    assert (saved.agreed_stage, saved.priority, saved.comments) == (1, 2, "Budgets are rare")
    assert saved.view("people-using-services").stage_1 == 4
    assert saved.view("clinical-staff").stage_2 == 6


def test_a_refresh_resumes_on_the_same_challenge_with_what_was_saved(round_id):
    at = workshop(round_id, "c07-involvement")
    decide(at, 2)
    at.button(key="workshop-save").click().run()

    again = workshop(round_id, "c07-involvement")  # a new browser session on the same URL

    assert again.header[0].value.startswith("7. ")
    assert agreed(again) == "✓ Agreed: Stage 2 · Development"


def test_the_strip_shows_done_and_to_do_and_jumps_after_saving(round_id):
    svc = ui.service()
    record = svc.workshop.challenge_record(round_id, "c02-education")
    svc.workshop.save_challenge(
        FACILITATOR, round_id, "c02-education", Answer(agreed_stage=2), record.version
    )
    at = workshop(round_id, "c01-interactions")

    strip = at.pills(key="workshop:strip")
    assert "1 of 10 decided" in " ".join(m.value for m in at.markdown)
    assert strip.options[:3] == [
        "Challenge 1, to do",
        "Challenge 2, done ✓",
        "Challenge 3, to do",
    ]
    assert strip.value == "c01-interactions"

    strip.set_value("c09-staff-support").run()

    assert at.query_params["challenge"] == "c09-staff-support"


def test_not_agreed_without_the_dissent_in_words_is_refused_and_nothing_moves(round_id):
    at = workshop(round_id, "c06-risk")
    decide(at, "not-agreed")

    at.button(key=key("next")).click().run()

    assert at.query_params["challenge"] == "c06-risk"
    assert any("say in words where views differ" in e.value for e in at.error)
    at.text_area(key=key("dissent")).input("Carers see stage 1; staff stage 2")
    at.button(key=key("next")).click().run()
    assert at.query_params["challenge"] == "c07-involvement"


def test_a_priority_already_given_is_refused_naming_the_challenge(round_id):
    svc = ui.service()
    record = svc.workshop.challenge_record(round_id, "c03-education-centre")
    svc.workshop.save_challenge(
        FACILITATOR, round_id, "c03-education-centre", Answer(priority=1), record.version
    )
    at = workshop(round_id, "c04-leadership")
    at.selectbox(key=key("priority")).set_value(1)

    at.button(key="workshop-save").click().run()

    assert any("Priority 1 is already given to challenge 3" in e.value for e in at.error)


def second_tab_refused(round_id: int):
    """Two tabs open challenge 8; the first saves Stage 2, then the second tries Stage 3."""
    first = workshop(round_id, "c08-workforce")
    second = workshop(round_id, "c08-workforce", actor=Actor("Jo Reyes", "Peer worker"))
    decide(first, 2)
    first.button(key="workshop-save").click().run()
    decide(second, 3)
    second.button(key="workshop-save").click().run()
    return second


def test_a_second_tab_saving_the_same_challenge_is_told_and_can_choose(round_id):
    second = second_tab_refused(round_id)

    assert any(
        "Not saved: Sam Okafor (Facilitator) saved challenge 8" in e.value for e in second.error
    )
    shown = second.table[-1].value
    assert list(shown.iloc[0]) == ["Agreed stage", "Stage 3", "Stage 2"]
    assert (
        ui.service().workshop.challenge_record(round_id, "c08-workforce").answer.agreed_stage == 2
    )

    second.button(key="discard").click().run()

    assert agreed(second) == "✓ Agreed: Stage 2 · Development"
    assert not second.error


def test_saving_mine_over_it_is_a_deliberate_choice(round_id):
    second = second_tab_refused(round_id)

    second.button(key="overwrite").click().run()

    assert (
        ui.service().workshop.challenge_record(round_id, "c08-workforce").answer.agreed_stage == 3
    )
    last = ui.service().history("challenge")[0]
    assert (last.actor_name, last.before["agreed_stage"], last.after["agreed_stage"]) == (
        "Jo Reyes",
        2,
        3,
    )


def test_a_whole_template_a_then_its_summary(round_id):
    at = workshop(round_id)
    stages = [1, 2, 1, 1, 2, "not-agreed", 2, 1, 3, 1]
    priorities = {1: 3, 2: 4, 3: 1, 4: 2, 5: 5}
    for n, stage in enumerate(stages, start=1):
        assert at.header[0].value.startswith(f"{n}. ")
        decide(at, stage)
        if stage == "not-agreed":
            at.text_area(key=key("dissent")).input("Staff and carers differ")
        if n in priorities:
            at.selectbox(key=key("priority")).set_value(priorities[n])
        at.button(key=key("next") if n < 10 else "workshop-save").click().run()
        assert not at.error, [e.value for e in at.error]

    assert "10 of 10 decided" in " ".join(m.value for m in at.markdown)
    at.switch_page(routes.SUMMARY.path).run()
    table = at.table[0].value
    assert list(table["Stage"])[:3] == ["1 Engagement", "2 Development", "1 Engagement"]
    assert list(table["Stage"])[5] == "Not agreed"
    assert list(table["Priority"]) == ["3", "4", "1", "2", "5", "—", "—", "—", "—", "—"]


def test_practice_rounds_say_so_on_every_view(own_store):
    svc = ui.service()
    org = svc.providers.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    practice = svc.workshop.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2018", held_on=date(2026, 10, 1),
        facilitator="Sam", status="practice",
    )  # fmt: skip

    at = workshop(practice.id)
    assert any("Practice round" in m.value for m in at.markdown)
    at.switch_page(routes.SUMMARY.path).run()
    assert any("Practice round" in m.value for m in at.markdown)


def test_more_views_than_people_in_the_room_are_refused_and_kept_on_screen(round_id):
    at = workshop(round_id, "c02-education")
    at.number_input(key=key("view", "carers-family", "stage_2")).set_value(5)

    at.button(key="workshop-save").click().run()

    assert any(
        "Carers, family and friends: 5 views counted, but 3 took part" in e.value for e in at.error
    )
    assert at.number_input(key=key("view", "carers-family", "stage_2")).value == 5  # kept
    stored = ui.service().workshop.challenge_record(round_id, "c02-education")
    assert stored.version == 1 and not stored.answer.views


def stored(round_id: int) -> tuple:
    """The round's records and versions, and the audit log: what a move that changes nothing
    must leave as it was."""
    svc = ui.service()
    records = svc.workshop.challenge_records(round_id)
    return {c: (r.answer, r.version) for c, r in records.items()}, len(svc.history("challenge"))


def shown(at) -> tuple:
    """What the screen shows of challenge 1's answers."""
    return (
        at.header[0].value.split(".")[0],
        at.number_input(key=key("view", "people-using-services", "stage_1")).value,
        agreed(at),
        at.selectbox(key=key("priority")).value,
        at.text_area(key=key("comments")).value,
    )


def test_fill_next_previous_shows_what_was_saved_and_moving_on_again_writes_nothing(round_id):
    at = workshop(round_id)
    at.number_input(key=key("view", "people-using-services", "stage_1")).set_value(4)
    decide(at, 2)
    at.selectbox(key=key("priority")).set_value(3)
    at.text_area(key=key("comments")).input("Pilots in two wards")
    typed = shown(at)
    at.button(key=key("next")).click().run()
    after_save = stored(round_id)

    at.button(key=key("previous")).click().run()
    assert (
        shown(at) == typed == ("1", 4, "✓ Agreed: Stage 2 · Development", 3, "Pilots in two wards")
    )
    at.button(key=key("next")).click().run()
    assert stored(round_id) == after_save
    at.pills(key="workshop:strip").set_value("c01-interactions").run()  # the strip, too
    assert shown(at) == typed
    at.switch_page(routes.SUMMARY.path).run()  # another page, and back
    at.switch_page(routes.WORKSHOP.path).run()
    assert shown(at) == typed
    at.button(key="workshop-save").click().run()
    assert stored(round_id) == after_save
    assert any("nothing had changed, so nothing was written" in s.value for s in at.success)

    again = workshop(round_id, "c01-interactions")  # a refresh: a new session on the same URL
    assert shown(again) == typed


def test_typing_kept_when_the_page_changes_is_offered_back_and_saved_by_the_next_move(round_id):
    at = workshop(round_id)
    at.text_area(key=key("comments")).input("Said before the break")
    at.switch_page(routes.SUMMARY.path).run()
    at.switch_page(routes.WORKSHOP.path).run()

    assert at.text_area(key=key("comments")).value == "Said before the break"
    assert any("Not saved yet" in i.value for i in at.info)
    at.button(key=key("next")).click().run()
    saved = ui.service().workshop.challenge_record(round_id, "c01-interactions").answer
    assert saved.comments == "Said before the break"


def test_the_presentation_view_keeps_the_form_and_says_what_is_not_saved(round_id):
    at = workshop(round_id, "c03-education-centre")
    at.button(key="workshop:room").click().run()
    assert at.query_params["view"] == "room"
    cards = stage_cards(at)
    assert len(cards) == 3 and all('class="text brief"' in c for c in cards)
    decide(at, 3)
    assert any("Not saved yet" in m.value for m in at.markdown)
    cards = stage_cards(at)
    assert ["✓ Agreed" in card for card in cards] == [False, False, True]
    at.button(key=key("next")).click().run()
    assert (
        ui.service().workshop.challenge_record(round_id, "c03-education-centre").answer.agreed_stage
        == 3
    )
    assert at.query_params["view"] == "room"  # kept across moves


def test_a_save_while_another_write_holds_the_store_says_try_again_and_keeps_the_typing(
    round_id, monkeypatch
):
    from sqlalchemy import text

    from assessments import store

    monkeypatch.setattr(store, "WAIT_SECONDS", 1)  # the app waits ten
    ui._engine.clear()
    at = workshop(round_id)
    at.text_area(key=key("comments")).input("Said while the import ran")
    other = ui.service().engine.connect()  # another writer, mid-change
    other.begin()
    other.execute(text("UPDATE rounds SET facilitator = facilitator"))

    at.button(key=key("next")).click().run()
    other.rollback()
    other.close()

    assert next(e.value for e in at.error).startswith("Not saved: the records were busy")
    assert at.text_area(key=key("comments")).value == "Said while the import ran"
    at.button(key=key("next")).click().run()
    first = ui.service().workshop.challenge_records(round_id)["c01-interactions"]
    assert first.answer.comments == "Said while the import ran"
