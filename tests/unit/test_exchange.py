"""Team files: a team's whole record written as readable YAML, read back whole, and imported
through the service so the commissioner sees the team; broken files refused with every problem
at once and nothing written; and the command line around both."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from assessments import store
from assessments.records import Actor, Answer, GroupView
from assessments.service import Service
from assessments.service.portfolio import PortfolioFilters
from exports.team_file import (
    Imported,
    Refused,
    TeamFileRefused,
    import_sent_file,
    import_team_file,
    provider_files,
    read_team_file,
    team_file,
)
from tests.demo_store import load_demo_copy

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "exchange_files"
VALID = FILES / "valid.yaml"
BROKEN = sorted(p for p in FILES.glob("*.yaml") if p != VALID)
TODAY = date(2026, 11, 23)  # the `service` fixture's today
SHOWN_TEAM = "East Community Mental Health Team"
PROVIDER_LEAD = Actor("R. Example (fictional)", "Recovery lead")  # who types at the provider
NEVER_IN_A_FILE = {"id", "team_id", "round_id", "plan_id", "created_at", "updated_at", "created_by"}


def fresh_store(path: Path, definitions) -> Service:
    """A second, empty store: a commissioner's, on a SQLite file of its own."""
    return Service(store.open_store(f"sqlite:///{path}"), definitions, today=lambda: TODAY)


def team_named(service: Service, name: str):
    return next(t for t in service.providers.teams(include_archived=True) if t.name == name)


def realistic_team(service: Service, actor) -> int:
    """The demo's first team, with what the demo leaves out: a Template B plan changed after
    sign-off and signed and reviewed again, a completed plan, a closed TRIP priority, an archived
    asset, a draft round the room could not agree on (a note of two lines), and a round marked
    practice after a plan was chosen from it."""
    load_demo_copy(service, teams=3, rounds=2, today=service.today())
    team = team_named(service, SHOWN_TEAM)
    today = service.today()
    first, second = service.plans.plans(team.organisation_id, team.id)
    content = first.latest.content
    goal = content.goals[0]
    changed = content.model_copy(
        update={
            "goals": (goal.model_copy(update={"target": goal.target + 5}), *content.goals[1:]),
            "description": content.description + "\nRaised after a good quarter: “well done”.",
        }
    )
    plan = service.versions.save_plan(
        actor, first.id, first.version, changed, "Target raised at review."
    )
    plan = service.versions.sign_plan(
        actor,
        plan.id,
        plan.version,
        signed_on=today - timedelta(days=3),
        commissioner_agrees=True,
        provider_agrees=True,
    )
    service.reviews.record_review(
        actor,
        plan.id,
        held_on=today - timedelta(days=1),
        measurements={goal.key: 140.5},
        goal_outcomes={goal.key: "carry-on"},
        action_statuses={},
        stage=2,
        stage_evidence="The latest Template A round agreed stage 2.",
        learned="Café mornings brought people in.",
        next_review_on=today + timedelta(days=90),
    )
    service.plans.set_plan_status(actor, second.id, second.version, "completed", "Goal met early.")
    trip = service.trip.trip_priorities(team.id)[0]
    service.plans.set_plan_status(actor, trip.id, trip.version, "closed", "The co-leads moved on.")
    asset = service.trip.assets(team.id)[0]
    service.trip.set_asset_archived(actor, asset.id, asset.version, True)
    service.workshop.create_round(
        actor,
        team.organisation_id,
        framework="imroc-challenges@2010",
        held_on=today - timedelta(days=20),
        facilitator="Recovery lead",
        team_id=team.id,
        answers={
            "c06-risk": Answer(
                views=(GroupView("carers-family", 1, 2, 0, 0, "Line one.\nLine two: 'quoted'."),),
                not_agreed=True,
                dissent="Carers saw stage 1, staff stage 2.",
            )
        },
    )
    practice = service.workshop.create_round(
        actor,
        team.organisation_id,
        framework="imroc-challenges@2010",
        held_on=today - timedelta(days=40),
        facilitator="Peer worker",
        team_id=team.id,
        status="agreed",
        answers={"c07-involvement": Answer(agreed_stage=1, priority=1)},
    )
    service.plans.create_plan(actor, practice.id, "c07-involvement")
    service.rounds.update_round(
        actor,
        practice.id,
        practice.version,
        held_on=practice.held_on,
        facilitator=practice.facilitator,
        status="practice",
        participants={},
    )
    return team.id


@pytest.fixture(scope="module")
def demo_text(tmp_path_factory, definitions) -> str:
    """The realistic team's file, written once from a SQLite store of its own."""
    source = fresh_store(tmp_path_factory.mktemp("provider") / "provider.db", definitions)
    text = team_file(source, realistic_team(source, PROVIDER_LEAD))
    source.engine.dispose()
    return text


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


# --- writing and reading back -----------------------------------------------------------------


def test_a_team_exported_imported_and_exported_again_gives_the_same_text(
    service, actor, definitions, tmp_path
):
    text = team_file(service, realistic_team(service, actor))
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    result = import_team_file(target, actor, text)

    assert team_file(target, result.team_id) == text
    assert result.created.template_a_rounds == 4 and result.created.trip_rounds == 2
    assert result.created.template_b_plans == 3 and result.created.trip_priorities == 4
    team = target.providers.team(result.team_id)
    plans = {p.challenge_id: p for p in target.plans.plans(team.organisation_id, team.id)}
    assert [v.number for v in target.plans.plan_versions(plans["c04-leadership"].id)] == [1, 2]
    assert plans["c07-involvement"].status == "open"
    assert any(r.practice for r in target.rounds.rounds(team_id=team.id))
    assert sum(a.archived for a in target.trip.assets(team.id, include_archived=True)) == 1
    target.engine.dispose()


def test_a_team_file_reads_as_a_person_would_write_it(demo_text):
    data = yaml.safe_load(demo_text)
    assert list(data) == [
        "format",
        "format_version",
        "provider",
        "team",
        "rounds",
        "assets",
        "plans",
    ]
    assert data["team"] == {
        "name": SHOWN_TEAM,
        "type": "cmht",
        "locality": "Northfield East",
        "archived": False,
    }
    assert not keys_in(data) & NEVER_IN_A_FILE  # no database ids, no times of writing
    assert (
        PROVIDER_LEAD.name not in demo_text and "Demo generator" not in demo_text
    )  # nor who typed
    held = [r["held_on"] for r in data["rounds"]]
    assert held == sorted(held) and all(isinstance(d, date) for d in held)
    keys = {r["key"] for r in data["rounds"]}
    assert {p["round"] for p in data["plans"]} <= keys
    note = "            note: |-\n              Line one.\n              Line two: 'quoted'.\n"
    assert note in demo_text  # a note of two lines reads as two lines


def test_importing_twice_creates_nothing_the_second_time(service, actor, demo_text):
    first = import_team_file(service, actor, demo_text)
    written = len(service.history())

    again = import_team_file(service, actor, demo_text)

    assert len(service.history()) == written
    assert "Created nothing" in again.summary()
    assert again.already.template_a_rounds == first.created.template_a_rounds == 4
    assert again.already.trip_priorities == first.created.trip_priorities == 4
    assert team_file(service, first.team_id) == demo_text


def test_the_summary_says_what_was_created_in_words(service, actor):
    result = import_team_file(service, actor, VALID.read_bytes(), "valid.yaml")
    assert result.summary() == (
        "Harbour Lane Community Team (fictional) (Brookvale Demo Partnership Trust "
        "(fictional)): Created the provider, the team, 1 Template A round, 1 TRIP round, "
        "2 assets, 1 Template B plan, 1 TRIP priority, 2 plan versions, 1 review and 2 "
        "measurements. Already there: nothing."
    )


def test_the_commissioner_sees_the_imported_team_in_the_portfolio(
    actor, definitions, demo_text, tmp_path
):
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    import_team_file(target, actor, demo_text)

    records = target.portfolio.portfolio(PortfolioFilters(framework="imroc-challenges@2010"))

    assert list(records.teams["Team"]) == [SHOWN_TEAM]
    assert len(records.priorities) > 0
    target.engine.dispose()


def test_a_new_round_in_a_later_file_is_added_beside_the_ones_already_there(service, actor):
    import_team_file(service, actor, VALID.read_bytes())
    later = VALID.read_text().replace(
        "  - key: trip-2026-03-05",
        "  - key: template-a-2026-09-01\n"
        "    kind: template-a\n    framework: imroc-challenges@2010\n    held_on: 2026-09-01\n"
        "    facilitator: Recovery lead\n    status: agreed\n  - key: trip-2026-03-05",
    )

    result = import_team_file(service, actor, later)

    assert (result.created.template_a_rounds, result.already.template_a_rounds) == (1, 1)
    assert result.already.template_b_plans == 1 and result.created.template_b_plans == 0


def test_figures_of_a_goal_a_later_version_dropped_are_kept(service, actor, definitions, tmp_path):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    team = service.providers.team(team_id)
    plan = service.plans.plans(team.organisation_id, team.id)[0]
    v1 = plan.latest.content
    extra = v1.goals[0].model_copy(
        update={"key": "", "statement": "Halve the safety plans written without the person"}
    )
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, v1.model_copy(update={"goals": (*v1.goals, extra)}), "Add"
    )
    plan = service.versions.sign_plan(
        actor,
        plan.id,
        plan.version,
        signed_on=date(2026, 7, 1),
        commissioner_agrees=True,
        provider_agrees=True,
    )
    service.reviews.add_measurement(actor, plan.id, "g2", date(2026, 7, 31), 41)
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, v1, "The second goal was dropped."
    )
    text = team_file(service, team_id)
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    copied = import_team_file(target, actor, text).team_id

    assert team_file(target, copied) == text
    copy = target.plans.plans(team.organisation_id, copied)[0]
    assert [(m.goal_key, m.value) for m in target.reviews.measurements(copy.id)][-1] == ("g2", 41.0)
    assert [v.number for v in target.plans.plan_versions(copy.id)] == [1, 2, 3]
    target.engine.dispose()


def test_an_archived_team_is_archived_once_its_records_are_in(service, actor):
    text = VALID.read_text().replace("  archived: false\nrounds:", "  archived: true\nrounds:")
    result = import_team_file(service, actor, text)
    assert service.providers.team(result.team_id).archived
    assert len(service.rounds.rounds(team_id=result.team_id)) == 1


def test_a_team_the_provider_archived_since_is_archived_here_too(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    text = VALID.read_text().replace("  archived: false\nrounds:", "  archived: true\nrounds:")

    result = import_team_file(service, actor, text)

    assert service.providers.team(team_id).archived
    assert result.updated.teams == 1 and "Brought up to date: the team." in result.summary()
    assert "Already there: the provider, 1 Template A round" in result.summary()


def test_text_and_bytes_read_alike(definitions):
    as_text = read_team_file(VALID.read_text(), definitions=definitions, today=TODAY)
    assert as_text == read_team_file(VALID.read_bytes(), definitions=definitions, today=TODAY)
    assert [r.key for r in as_text.rounds] == ["template-a-2026-02-10", "trip-2026-03-05"]


# --- refused files ----------------------------------------------------------------------------


def expected_problems(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def test_the_corpus_has_a_broken_file_for_each_kind_of_slip():
    assert len(BROKEN) >= 12
    assert all(expected_problems(p) for p in BROKEN), "each broken file says what it expects"


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_a_broken_file_is_refused_with_every_problem_and_nothing_is_written(service, actor, path):
    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, path.read_bytes(), path.name)

    assert [str(p) for p in refused.value.problems] == expected_problems(path)
    assert refused.value.message.startswith("Nothing was imported")
    assert service.providers.is_empty() and service.history() == []


def test_a_team_given_another_type_and_locality_since_takes_the_files(service, actor):
    org = service.providers.create_organisation(
        actor, "Brookvale Demo Partnership Trust (fictional)"
    )
    service.providers.create_team(
        actor, org.id, "Harbour Lane Community Team (fictional)", "acute-ward"
    )

    result = import_team_file(service, actor, VALID.read_bytes(), "valid.yaml")

    team = service.providers.team(result.team_id)
    assert (team.team_type, team.locality) == ("cmht", "Brookvale South")
    assert result.updated.teams == 1
    assert "Brought up to date: the team." in result.summary()


def test_a_plan_on_a_challenge_with_an_open_plan_in_the_store_is_refused(service, actor):
    import_team_file(service, actor, VALID.read_bytes())
    written = len(service.history())
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")  # another round, same plan

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")

    assert [str(p) for p in refused.value.problems] == [
        "later.yaml:84: plans[0].challenge: the team already has an open plan on 'c06-risk' in "
        "this store (expected that plan completed or closed first)"
    ]
    assert len(service.history()) == written


def test_more_open_plans_than_the_method_allows_with_the_stores_is_refused(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    round_id = service.rounds.rounds(team_id=team_id)[0].id
    for challenge in (
        "c01-interactions",
        "c02-education",
        "c03-education-centre",
        "c04-leadership",
    ):
        service.plans.create_plan(actor, round_id, challenge)
    written = len(service.history())
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")
    later = later.replace("challenge: c06-risk", "challenge: c05-personalisation")

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")

    assert [str(p) for p in refused.value.problems] == [
        "later.yaml:81: plans: with the 5 open Template B plans the team has in this store, "
        "there would be too many open at once (expected at most 5 open at once: complete or "
        "close some there first)"
    ]
    assert len(service.history()) == written


def test_an_archived_team_in_the_store_takes_no_new_records(service, actor):
    result = import_team_file(service, actor, VALID.read_bytes())
    team = service.providers.team(result.team_id)
    service.providers.set_team_archived(actor, team.id, team.version, True)
    later = VALID.read_text().replace("2026-02-10", "2026-02-12")

    with pytest.raises(TeamFileRefused) as refused:
        import_team_file(service, actor, later, "later.yaml")
    assert "is archived in this store" in str(refused.value.problems[0])

    again = import_team_file(service, actor, VALID.read_bytes())  # nothing new: nothing refused
    assert again.created.words() == "nothing"


def test_a_team_that_changed_type_since_its_trip_round_moves_whole(
    service, actor, definitions, tmp_path
):
    """A community team become a ward keeps its past round on the community statements."""
    team = service.providers.team(import_team_file(service, actor, VALID.read_bytes()).team_id)
    service.providers.update_team(
        actor, team.id, team.version, name=team.name, team_type="acute-ward",
        locality=team.locality,
    )  # fmt: skip
    text = team_file(service, team.id)
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    moved = import_team_file(target, actor, text).team_id

    assert team_file(target, moved) == text
    assert [r.framework for r in target.trip.trip_rounds(moved)] == ["trip-community@1"]
    target.engine.dispose()


def test_a_providers_files_come_zipped_one_per_current_team(service, actor, definitions, tmp_path):
    load_demo_copy(service, teams=3, rounds=2, today=service.today())
    org = service.providers.organisations()[0]
    gone = team_named(service, SHOWN_TEAM)
    service.providers.set_team_archived(actor, gone.id, gone.version, True)
    current = service.providers.teams(org.id)

    archive = zipfile.ZipFile(io.BytesIO(provider_files(service, org.id)))

    names = archive.namelist()
    assert len(names) == len(current) == 2 and gone.name not in str(names)
    assert all(n.startswith("team-file-") and n.endswith(f"{TODAY}.yaml") for n in names)
    assert [archive.read(n).decode("utf-8") for n in names] == [
        team_file(service, t.id) for t in current
    ]


def test_a_providers_zip_imports_as_it_came(service, actor, definitions, tmp_path):
    load_demo_copy(service, teams=3, rounds=2, today=service.today())
    org = service.providers.organisations()[0]
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    outcomes = import_sent_file(target, actor, "q3.zip", provider_files(service, org.id))

    assert all(isinstance(o, Imported) for o in outcomes) and len(outcomes) == 3
    assert all(o.name.startswith("q3.zip/team-file-") for o in outcomes)
    for team, outcome in zip(service.providers.teams(org.id), outcomes, strict=True):
        assert team_file(target, outcome.result.team_id) == team_file(service, team.id)
    target.engine.dispose()


def zipped(*files: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_in_a_zip_a_broken_file_imports_nothing_and_the_others_still_do(service, actor):
    broken = FILES / "several-problems.yaml"
    data = zipped(
        ("broken/several-problems.yaml", broken.read_bytes()),
        ("notes.txt", b"not a team file: left alone"),
        ("valid.yaml", VALID.read_bytes()),
    )

    refused, imported = import_sent_file(service, actor, "q3.zip", data)

    assert isinstance(refused, Refused) and refused.name == "q3.zip/broken/several-problems.yaml"
    assert [str(p) for p in refused.error.problems] == [
        p.replace("several-problems.yaml", "q3.zip/broken/several-problems.yaml")
        for p in expected_problems(broken)
    ]
    assert isinstance(imported, Imported) and imported.result.created.teams == 1


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04 not really a zip", "cannot be read as a zip"),
        (zipped(("notes.txt", b"no team file here")), "holds no team file"),
    ],
)
def test_a_zip_that_cannot_be_read_or_holds_no_team_file_is_refused_whole(
    service, actor, data, what
):
    (outcome,) = import_sent_file(service, actor, "q3.zip", data)
    assert isinstance(outcome, Refused)
    assert str(outcome.error.problems[0]).startswith(f"q3.zip:1: (file): {what}")
    assert service.providers.is_empty()


# --- a later file from the same team ---------------------------------------------------------


def test_a_later_file_brings_what_happened_since_the_last_one(
    service, actor, definitions, tmp_path
):
    """The provider sends a file each quarter: the commissioner's store takes the new version,
    review, figure and closure, and the draft round the room has since agreed."""
    team_id = realistic_team(service, actor)
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    imported = import_team_file(target, actor, team_file(service, team_id)).team_id
    team = service.providers.team(team_id)
    plans = {p.challenge_id: p for p in service.plans.plans(team.organisation_id, team.id)}
    plan = plans["c04-leadership"]
    goal = plan.latest.content.goals[0]
    service.reviews.add_measurement(actor, plan.id, goal.key, TODAY - timedelta(days=1), 150)
    tighter = plan.latest.content.model_copy(update={"description": "Now every team."})
    plan = service.versions.save_plan(
        actor, plan.id, plan.version, tighter, "Spread to every team."
    )
    plan = service.versions.sign_plan(
        actor, plan.id, plan.version, signed_on=TODAY,
        commissioner_agrees=True, provider_agrees=True,
    )  # fmt: skip
    service.reviews.record_review(
        actor, plan.id, held_on=TODAY, measurements={goal.key: 155}, goal_outcomes={},
        action_statuses={}, stage=None, stage_evidence="", learned="Two more teams asked.",
        next_review_on=TODAY + timedelta(days=60),
    )  # fmt: skip
    trip = next(p for p in service.trip.trip_priorities(team_id) if p.open)
    service.plans.set_plan_status(actor, trip.id, trip.version, "completed", "Done together.")
    draft = next(r for r in service.rounds.rounds(team_id=team_id) if r.status == "draft")
    record = service.workshop.challenge_record(draft.id, "c06-risk")
    agreed = Answer(views=record.answer.views, agreed_stage=2, priority=1)
    service.workshop.save_challenge(actor, draft.id, "c06-risk", agreed, record.version)
    service.rounds.update_round(
        actor, draft.id, draft.version, held_on=draft.held_on, facilitator=draft.facilitator,
        status="agreed", participants={"clinical-staff": 7},
    )  # fmt: skip
    later = team_file(service, team_id)

    result = import_team_file(target, actor, later)

    assert team_file(target, imported) == later
    assert result.summary().startswith(
        f"{SHOWN_TEAM} (Northfield Demo NHS Foundation Trust (fictional)): Created 1 plan "
        "version, 1 review and 2 measurements. Brought up to date: 1 Template A round, "
        "1 Template B plan and 1 TRIP priority. Already there:"
    )
    assert not result.left
    again = import_team_file(target, actor, later)
    assert (again.created.words(), again.updated.words()) == ("nothing", "nothing")
    target.engine.dispose()


def test_a_reworded_or_restored_asset_is_brought_up_to_date_not_added(
    service, actor, definitions, tmp_path
):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    target = fresh_store(tmp_path / "commissioner.db", definitions)
    imported = import_team_file(target, actor, team_file(service, team_id)).team_id
    assets = service.trip.assets(team_id, include_archived=True)
    used = next(a for a in assets if not a.archived)
    archived = next(a for a in assets if a.archived)
    service.trip.update_asset(
        actor, used.id, used.version, kind=used.kind, holder=used.holder,
        held_by=used.held_by, what="Designs posters, leaflets and the team's web page",
    )  # fmt: skip
    service.trip.set_asset_archived(actor, archived.id, archived.version, False)
    later = team_file(service, team_id)

    result = import_team_file(target, actor, later)

    assert team_file(target, imported) == later
    assert result.updated.assets == 2 and result.created.assets == 0
    assert not result.left  # the TRIP priority that uses the reworded asset is the same
    assert len(target.trip.assets(imported, include_archived=True)) == 2
    target.engine.dispose()


FIGURE = "        note: From the monthly audit.\n"


def with_figure(text: str, measured_on: str, value: float) -> str:
    """The valid file with one more monthly figure for its Template B plan's goal."""
    more = f"      - goal: g1\n        measured_on: {measured_on}\n        value: {value}\n"
    return text.replace(FIGURE, FIGURE + more)


def sign_a_version_here(service, actor, plan_id: int) -> None:
    """The commissioner's store changes the signed plan itself: its version 2, signed."""
    plan = service.plans.plan(plan_id)
    content = plan.latest.content.model_copy(update={"description": "Changed at the ICB."})
    plan = service.versions.save_plan(actor, plan.id, plan.version, content, "Our own wording.")
    service.versions.sign_plan(
        actor, plan.id, plan.version, signed_on=date(2026, 10, 1),
        commissioner_agrees=True, provider_agrees=True,
    )  # fmt: skip


def test_a_review_the_store_added_itself_stays_beside_the_files_new_figures(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    plan = service.plans.plans(service.providers.team(team_id).organisation_id, team_id)[0]
    service.reviews.record_review(  # the commissioner's store reviews the plan itself
        actor, plan.id, held_on=date(2026, 10, 1), measurements={}, goal_outcomes={},
        action_statuses={}, stage=None, stage_evidence="", learned="Seen at the ICB.",
        next_review_on=None,
    )  # fmt: skip

    result = import_team_file(service, actor, with_figure(VALID.read_text(), "2026-07-31", 40))

    assert result.updated.template_b_plans == 1 and result.created.measurements == 1
    assert [r.learned for r in service.reviews.reviews(plan.id)] == [
        "The training was booked out within a week.",
        "Seen at the ICB.",
    ]
    assert not result.left


def test_a_plan_signed_another_way_here_is_left_as_it_was_and_named(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    plan = service.plans.plans(service.providers.team(team_id).organisation_id, team_id)[0]
    sign_a_version_here(service, actor, plan.id)
    figures = len(service.reviews.measurements(plan.id))

    result = import_team_file(service, actor, with_figure(VALID.read_text(), "2026-07-31", 40))

    assert result.left == (
        "the Template B plan on 6. Changing approaches to risk assessment and management, "
        "from the round template-a-2026-02-10",
    )
    assert "Left as they were, because this store's copy went another way" in result.summary()
    assert len(service.reviews.measurements(plan.id)) == figures
    assert service.plans.plan(plan.id).latest.content.description == "Changed at the ICB."


def test_an_agreed_round_the_provider_corrected_since_takes_the_correction(service, actor):
    team_id = import_team_file(service, actor, VALID.read_bytes()).team_id
    corrected = VALID.read_text().replace(
        "Staff see more change than the people they support.",
        "Staff see more change than the people they support; carers agree with staff.",
    )

    result = import_team_file(service, actor, corrected)

    assert result.updated.template_a_rounds == 1 and not result.left
    (round_,) = service.rounds.rounds(team_id=team_id)
    answer = service.workshop.challenge_record(round_.id, "c01-interactions").answer
    assert answer.comments.endswith("carers agree with staff.")
    assert round_.status == "agreed"


def test_a_draft_round_takes_the_agreement_and_the_priorities_swapped_since(service, actor):
    draft = VALID.read_text().replace("    status: agreed\n", "    status: draft\n", 1)
    team_id = import_team_file(service, actor, draft).team_id
    swapped = (
        VALID.read_text()
        .replace("        priority: 2\n", "        priority: X\n")
        .replace("        priority: 1\n", "        priority: 2\n")
        .replace("        priority: X\n", "        priority: 1\n")
    )

    result = import_team_file(service, actor, swapped)

    assert result.updated.template_a_rounds == 1
    (round_,) = service.rounds.rounds(team_id=team_id)
    records = service.workshop.challenge_records(round_.id)
    assert round_.status == "agreed"
    assert (records["c01-interactions"].answer.priority, records["c06-risk"].answer.priority) == (
        1,
        2,
    )


# --- the command line -------------------------------------------------------------------------


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exports", *args],
        cwd=ROOT,
        env={**os.environ, "RECOVERY_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_writes_a_team_file_and_imports_it(tmp_path, definitions):
    source = fresh_store(tmp_path / "provider.db", definitions)
    team_id = import_team_file(source, PROVIDER_LEAD, VALID.read_bytes()).team_id
    source.engine.dispose()
    out = tmp_path / "team.yaml"

    wrote = run_cli(
        f"sqlite:///{tmp_path / 'provider.db'}",
        "team-file",
        "--team",
        str(team_id),
        "--out",
        str(out),
    )

    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout == (
        f"Wrote {out}: Harbour Lane Community Team (fictional) (Brookvale Demo Partnership Trust "
        "(fictional)), 2 rounds (1 Template A, 1 TRIP) and 2 plans (1 Template B, 1 TRIP "
        "priority).\n"
    )
    target = f"sqlite:///{tmp_path / 'commissioner.db'}"
    first = run_cli(
        target, "import", str(out), "--as", "C. Example (fictional)", "--role", "Commissioner"
    )
    assert first.returncode == 0, first.stderr
    assert "Created the provider, the team, 1 Template A round" in first.stdout
    again = run_cli(target, "import", str(out))
    assert again.returncode == 0 and "Created nothing" in again.stdout
    imported = fresh_store(tmp_path / "commissioner.db", definitions)
    assert {e.actor_name for e in imported.history()} == {"C. Example (fictional)"}
    imported.engine.dispose()


def test_the_command_line_lists_every_problem_of_a_broken_file(tmp_path, definitions):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    path = FILES / "several-problems.yaml"

    refused = run_cli(url, "import", str(path))

    assert refused.returncode == 2
    assert refused.stdout == ""
    lines = refused.stderr.splitlines()
    assert lines[0] == f"{path}: Nothing was imported: 5 problem(s) to fix first."
    assert lines[1:] == [
        p.replace("several-problems.yaml", str(path)) for p in expected_problems(path)
    ]
    assert "Traceback" not in refused.stderr
    untouched = fresh_store(tmp_path / "commissioner.db", definitions)
    assert untouched.providers.is_empty() and untouched.history() == []
    untouched.engine.dispose()


def test_the_command_line_writes_every_team_of_a_provider_zipped(tmp_path, definitions):
    source = fresh_store(tmp_path / "provider.db", definitions)
    load_demo_copy(source, teams=3, rounds=2, today=source.today())
    org = source.providers.organisations()[0]
    source.engine.dispose()
    out = tmp_path / "teams.zip"

    wrote = run_cli(
        f"sqlite:///{tmp_path / 'provider.db'}",
        "team-file",
        "--org",
        str(org.id),
        "--out",
        str(out),
    )

    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout == f"Wrote {out}: the files of {org.name}'s 3 current teams.\n"
    assert len(zipfile.ZipFile(out).namelist()) == 3
    imported = run_cli(f"sqlite:///{tmp_path / 'commissioner.db'}", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert [line.split(" into ")[0] for line in imported.stdout.splitlines()] == [
        f"Imported {out}/{name}" for name in zipfile.ZipFile(out).namelist()
    ]


def test_the_command_line_imports_each_good_file_of_several_and_names_the_bad(
    tmp_path, definitions
):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    broken, missing = FILES / "several-problems.yaml", tmp_path / "nowhere.yaml"

    done = run_cli(url, "import", str(broken), str(VALID), str(missing))

    assert done.returncode == 2
    assert done.stdout.startswith(f"Imported {VALID} into ")
    assert "Created the provider, the team" in done.stdout
    errors = done.stderr.splitlines()
    assert errors[0] == f"{missing}: cannot be read: No such file or directory"
    assert errors[1] == f"{broken}: Nothing was imported: 5 problem(s) to fix first."
    imported = fresh_store(tmp_path / "commissioner.db", definitions)
    assert [t.name for t in imported.providers.teams()] == [
        "Harbour Lane Community Team (fictional)"
    ]
    imported.engine.dispose()


def test_the_command_line_says_when_a_file_is_missing_or_a_team_unknown(tmp_path):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    missing = run_cli(url, "import", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2
    assert (
        missing.stderr
        == f"{tmp_path / 'nowhere.yaml'}: cannot be read: No such file or directory\n"
    )

    unknown = run_cli(url, "team-file", "--team", "99", "--out", str(tmp_path / "x.yaml"))
    assert unknown.returncode == 1
    assert unknown.stderr == "There is no team 99; it may have been typed wrongly.\n"
    assert not (tmp_path / "x.yaml").exists()
