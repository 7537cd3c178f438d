"""The Template A workshop and its summary, driven as a facilitator drives them."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records import Actor, Answer
from pages import ui
from tests.app.conftest import open_page

FACILITATOR = Actor("Sam Okafor", "Facilitator")


@pytest.fixture
def round_id(own_store):
    """A round of the fictional provider, made through the service as the Rounds page does."""
    svc = ui.service()
    org = svc.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    made = svc.create_round(
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
    at.switch_page("pages/workshop.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def key(name: str, round_id: int, challenge: str, *rest: str) -> str:
    return ":".join([name, str(round_id), challenge, *rest])


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
    cards = [m.value for m in at.markdown if m.value.startswith('<div class="stage-card')]
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
    at.number_input(
        key=key("view", round_id, "c05-personalisation", "people-using-services", "stage_1")
    ).set_value(4)
    at.number_input(
        key=key("view", round_id, "c05-personalisation", "clinical-staff", "stage_2")
    ).set_value(6)
    at.segmented_control(key=key("decision", round_id, "c05-personalisation")).set_value(1)
    at.selectbox(key=key("priority", round_id, "c05-personalisation")).set_value(2)
    at.text_area(key=key("comments", round_id, "c05-personalisation")).input("Budgets are rare")

    at.button(key=key("next", round_id, "c05-personalisation")).click().run()

    assert at.query_params["challenge"] == "c06-risk"
    assert at.header[0].value.startswith("6. ")
    assert any("Saved challenge 5" in s.value for s in at.success)
    saved = ui.service().challenge_record(round_id, "c05-personalisation").answer
    assert (saved.agreed_stage, saved.priority, saved.comments) == (1, 2, "Budgets are rare")
    assert saved.view("people-using-services").stage_1 == 4
    assert saved.view("clinical-staff").stage_2 == 6


def test_a_refresh_resumes_on_the_same_challenge_with_what_was_saved(round_id):
    at = workshop(round_id, "c07-involvement")
    at.segmented_control(key=key("decision", round_id, "c07-involvement")).set_value(2)
    at.button(key=key("save", round_id, "c07-involvement")).click().run()

    again = workshop(round_id, "c07-involvement")  # a new browser session on the same URL

    assert again.header[0].value.startswith("7. ")
    assert again.segmented_control(key=key("decision", round_id, "c07-involvement")).value == 2


def test_the_strip_shows_done_and_to_do_and_jumps_after_saving(round_id):
    svc = ui.service()
    record = svc.challenge_record(round_id, "c02-education")
    svc.save_challenge(
        FACILITATOR, round_id, "c02-education", Answer(agreed_stage=2), record.version
    )
    at = workshop(round_id, "c01-interactions")

    strip = {b.label: b for b in at.button if b.key and b.key.startswith("strip:")}
    assert "1 of 10 decided" in " ".join(m.value for m in at.markdown)
    assert strip["2"].help.endswith(": decided") and strip["2"].icon == ":material/check_circle:"
    assert strip["3"].help.endswith(": to do")

    strip["9"].click().run()

    assert at.query_params["challenge"] == "c09-staff-support"


def test_not_agreed_without_the_dissent_in_words_is_refused_and_nothing_moves(round_id):
    at = workshop(round_id, "c06-risk")
    at.segmented_control(key=key("decision", round_id, "c06-risk")).set_value("not-agreed")

    at.button(key=key("next", round_id, "c06-risk")).click().run()

    assert at.query_params["challenge"] == "c06-risk"
    assert any("say in words where views differ" in e.value for e in at.error)
    at.text_area(key=key("dissent", round_id, "c06-risk")).input(
        "Carers see stage 1; staff stage 2"
    )
    at.button(key=key("next", round_id, "c06-risk")).click().run()
    assert at.query_params["challenge"] == "c07-involvement"


def test_a_priority_already_given_is_refused_naming_the_challenge(round_id):
    svc = ui.service()
    record = svc.challenge_record(round_id, "c03-education-centre")
    svc.save_challenge(
        FACILITATOR, round_id, "c03-education-centre", Answer(priority=1), record.version
    )
    at = workshop(round_id, "c04-leadership")
    at.selectbox(key=key("priority", round_id, "c04-leadership")).set_value(1)

    at.button(key=key("save", round_id, "c04-leadership")).click().run()

    assert any("Priority 1 is already given to challenge 3" in e.value for e in at.error)


def second_tab_refused(round_id: int):
    """Two tabs open challenge 8; the first saves Stage 2, then the second tries Stage 3."""
    first = workshop(round_id, "c08-workforce")
    second = workshop(round_id, "c08-workforce", actor=Actor("Jo Reyes", "Peer worker"))
    first.segmented_control(key=key("decision", round_id, "c08-workforce")).set_value(2)
    first.button(key=key("save", round_id, "c08-workforce")).click().run()
    second.segmented_control(key=key("decision", round_id, "c08-workforce")).set_value(3)
    second.button(key=key("save", round_id, "c08-workforce")).click().run()
    return second


def test_a_second_tab_saving_the_same_challenge_is_told_and_can_choose(round_id):
    second = second_tab_refused(round_id)

    assert any(
        "Not saved: Sam Okafor (Facilitator) saved challenge 8" in e.value for e in second.error
    )
    shown = second.table[-1].value
    assert list(shown.iloc[0]) == ["Agreed stage", "Stage 3", "Stage 2"]
    assert ui.service().challenge_record(round_id, "c08-workforce").answer.agreed_stage == 2

    second.button(key="discard").click().run()

    assert second.segmented_control(key=key("decision", round_id, "c08-workforce")).value == 2
    assert not second.error


def test_saving_mine_over_it_is_a_deliberate_choice(round_id):
    second = second_tab_refused(round_id)

    second.button(key="overwrite").click().run()

    assert ui.service().challenge_record(round_id, "c08-workforce").answer.agreed_stage == 3
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
        cid = at.query_params["challenge"]
        assert at.header[0].value.startswith(f"{n}. ")
        at.segmented_control(key=key("decision", round_id, cid)).set_value(stage)
        if stage == "not-agreed":
            at.text_area(key=key("dissent", round_id, cid)).input("Staff and carers differ")
        if n in priorities:
            at.selectbox(key=key("priority", round_id, cid)).set_value(priorities[n])
        button = "next" if n < 10 else "save"
        at.button(key=key(button, round_id, cid)).click().run()
        assert not at.error, [e.value for e in at.error]

    assert "10 of 10 decided" in " ".join(m.value for m in at.markdown)
    at.switch_page("pages/summary.py").run()
    table = at.table[0].value
    assert list(table["Stage"])[:3] == ["1 Engagement", "2 Development", "1 Engagement"]
    assert list(table["Stage"])[5] == "Not agreed"
    assert list(table["Priority"]) == ["3", "4", "1", "2", "5", "—", "—", "—", "—", "—"]


def test_practice_rounds_say_so_on_every_view(own_store):
    svc = ui.service()
    org = svc.create_organisation(FACILITATOR, "Northfield Demo Trust (fictional)")
    practice = svc.create_round(
        FACILITATOR, org.id, framework="imroc-challenges@2018", held_on=date(2026, 10, 1),
        facilitator="Sam", status="practice",
    )  # fmt: skip

    at = workshop(practice.id)
    assert any("Practice round" in m.value for m in at.markdown)
    at.switch_page("pages/summary.py").run()
    assert any("Practice round" in m.value for m in at.markdown)


def test_more_views_than_people_in_the_room_is_pointed_out(round_id):
    at = workshop(round_id, "c02-education")
    at.number_input(
        key=key("view", round_id, "c02-education", "carers-family", "stage_2")
    ).set_value(5)

    at.button(key=key("save", round_id, "c02-education")).click().run()

    assert any("Carers, family and friends (5 counted, 3 took part)" in w.value for w in at.warning)
