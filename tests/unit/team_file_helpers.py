"""What the team file tests share: the corpus of files, a second store of the commissioner's,
a realistic team to write, and what a broken file says it expects."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from assessments import store
from assessments.records import Actor, Answer, GroupView
from assessments.records.plans import ContractLink
from assessments.service import Service
from tests.demo_store import load_demo_copy

FILES = Path(__file__).parent / "exchange_files"
VALID = FILES / "valid.yaml"
TODAY = date(2026, 11, 23)  # the `service` fixture's today
SHOWN_TEAM = "East Community Mental Health Team"
PROVIDER_LEAD = Actor("R. Example (fictional)", "Recovery lead")  # who types at the provider


def fresh_store(path: Path, definitions) -> Service:
    """A second, empty store: a commissioner's, on a SQLite file of its own."""
    return Service(store.open_store(f"sqlite:///{path}"), definitions, today=lambda: TODAY)


def team_named(service: Service, name: str):
    return next(t for t in service.providers.teams(include_archived=True) if t.name == name)


def realistic_team(service: Service, actor) -> int:
    """The demo's first team, with what the demo leaves out: a Template B plan changed after
    sign-off (and tied to a CQUIN) and signed and reviewed again, a completed plan, a closed
    TRIP priority, an archived asset, a draft round the room could not agree on (a note of two
    lines), and a round marked practice after a plan was chosen from it."""
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
            "contract": ContractLink(
                scheme="cquin",
                reference="MH recovery 2",
                period="2026/27",
                milestone="Two reviews with people who use the service by March",
            ),
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


def expected_problems(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def sign_a_version_here(service, actor, plan_id: int) -> None:
    """The commissioner's store changes the signed plan itself: its version 2, signed."""
    plan = service.plans.plan(plan_id)
    content = plan.latest.content.model_copy(update={"description": "Changed at the ICB."})
    plan = service.versions.save_plan(actor, plan.id, plan.version, content, "Our own wording.")
    service.versions.sign_plan(
        actor, plan.id, plan.version, signed_on=date(2026, 10, 1),
        commissioner_agrees=True, provider_agrees=True,
    )  # fmt: skip
