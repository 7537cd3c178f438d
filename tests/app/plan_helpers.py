"""What the page tests of action plans share: a page opened as the lead, the words a page shows,
a priority chosen, Template B's form filled and saved, and a plan signed through the service."""

from __future__ import annotations

from datetime import date

from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY, open_page


def page(path: str, **query: str):
    at = open_page(None, **query)
    at.session_state["actor"] = LEAD
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    """What the page says: its style sheets (markdown too, as the kit injects them) left out."""
    return "\n".join(
        [m.value for m in at.markdown if not m.value.lstrip().startswith("<style>")]
        + [m.value for m in at.warning]
        + [m.value for m in at.info]
        + [m.value for m in at.error]
        + [m.value for m in at.success]
        + [c.value for c in at.caption]
    )


def choose(round_id: int, challenge: str):
    """Make a priority on the Action plans page; it opens the plan's Template B."""
    at = page(routes.PLANS.path)
    at.button(key=f"choose:{round_id}:{challenge}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Challenge ")
    plan_id = next(p.id for p in ui.service().plans.plans(1) if p.challenge_id == challenge)
    # AppTest reruns the page it was switched to, not one a script switched to: open it.
    return page(routes.PLAN.path, plan=str(plan_id)), plan_id


def fill_goal(at, plan_id: int, slot: str = "new", **values) -> None:
    key = f"plan:{plan_id}:goal:{slot}:{{}}".format
    at.text_input(key=key("statement")).input(
        values.get("statement", "Half of all staff trained by peer trainers")
    )
    at.selectbox(key=key("measure")).set_value("staff-trained-recovery")
    at.text_input(key=key("baseline")).input(values.get("baseline", "20"))
    at.date_input(key=key("baseline_on")).set_value(
        values.get("baseline_on", date(TODAY.year - 1, 1, 10))
    )
    at.text_input(key=key("target")).input("50")
    at.date_input(key=key("target_on")).set_value(date(TODAY.year + 1, 1, 10))
    at.text_input(key=key("owner")).input("Head of learning")


def fill_rest(at, plan_id: int) -> None:
    key = f"plan:{plan_id}:action:new:{{}}".format
    at.text_input(key=key("what")).input("Recruit four peer trainers")
    at.text_input(key=key("who")).input("Recovery college lead")
    at.date_input(key=key("by_when")).set_value(date(TODAY.year - 1, 6, 30))
    at.text_area(key=f"plan:{plan_id}:evidence").input("Training records")
    at.text_input(key=f"plan:{plan_id}:c_name").input("A. Commissioner")
    at.text_input(key=f"plan:{plan_id}:p_name").input("B. Provider")
    at.date_input(key=f"plan:{plan_id}:next_review").set_value(date(TODAY.year - 1, 4, 1))


def save(at, plan_id: int, label: str = "Save draft"):
    button = next(b for b in at.button if b.label == label)
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_plan(round_id: int, challenge: str = "c04-leadership"):
    """A signed plan whose review and first action are overdue, made through the service."""
    from assessments.records.plans import Action, Goal, Lead, Measure, PlanContent

    svc = ui.service()
    plan = svc.plans.create_plan(LEAD, round_id, challenge)
    content = PlanContent(
        current_stage=1,
        goals=(
            Goal(
                key="",
                statement="Every board meeting hears a story of recovery",
                measure=Measure(
                    name="Board meetings with a story", unit="meetings", direction="higher"
                ),
                baseline=0,
                baseline_on=date(TODAY.year - 1, 1, 15),
                target=6,
                target_on=date(TODAY.year + 1, 1, 15),
                owner="Chief executive",
            ),
        ),
        actions=(
            Action(
                key="",
                what="Invite a peer trainer to each board",
                who="Board secretary",
                by_when=date(TODAY.year - 1, 3, 1),
            ),
        ),
        evidence_sources="Board minutes",
        commissioner_lead=Lead(name="A. Commissioner"),
        provider_lead=Lead(name="B. Provider"),
        next_review_on=date(TODAY.year - 1, 5, 1),
    )
    saved = svc.versions.save_plan(LEAD, plan.id, plan.version, content)
    return svc.versions.sign_plan(
        LEAD,
        plan.id,
        saved.version,
        signed_on=date(TODAY.year - 1, 2, 1),
        commissioner_agrees=True,
        provider_agrees=True,
    )
