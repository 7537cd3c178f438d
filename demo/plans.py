"""The demo's Template B plans, written through the service for the Template A rounds just
written: open, write, sign, then review and measure in the order the days came, never after
`today`. What the plans say comes from demo/content/plans.yaml."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from assessments.records.plans import Action, Goal, Lead, Measure, PlanContent
from assessments.service import Service
from demo.common import ACTOR, TEAM_MANAGER, workday
from demo.content import Content, Todo
from demo.measures import Course, met, month_end, profile_for, statement
from demo.workshop import PlannedProvider, PlannedRound

PLANS_PER_SCOPE = 2  # the showcase's open priorities per scope: three places stay free
REVIEW_DAYS = 91  # reviews about every three months
TARGET_DAYS = (540, 560)  # a goal's target date, about eighteen months after its round
RESET_EXTRA_DAYS = 182  # a reset target gets six more months
# Monthly figures for a plan's first three years only: a demo of twenty rounds would otherwise
# spend most of its time writing them.
MONTHLY_FOR = timedelta(days=3 * 365)


@dataclass(frozen=True)
class Kind:
    """How much one plan holds."""

    goals: tuple[int, int]  # fewest, most
    actions: tuple[int, int]
    every_review: bool  # reviews about every three months; else one, the latest
    monthly: bool  # monthly figures between the reviews
    reset: bool = False  # a target reset at a review, making version 2
    at_risk: bool = False  # the second action slips and ends up overdue
    lapsed: bool = False  # the reviews stop, so the next one is overdue


class Plans:
    """Writes Template B plans through the service for the rounds just written: open, write,
    sign, then review and measure in the order the days came, never after `today`."""

    def __init__(
        self,
        service: Service,
        content: Content,
        rng: random.Random,
        today: date,
        showcase: bool,
    ) -> None:
        self.service = service
        self.rng = rng
        self.today = today
        self.showcase = showcase
        self.said = content.plans
        self.leads = content.people.leads
        self.managers = content.people.managers
        self.evidence = content.workshops.evidence
        own = content.plans.own_measure
        self.own_measure = Measure(name=own.name, unit=own.unit, direction=own.direction)
        # A yes/no measure shows no run chart worth the demo; one only watched has no target.
        self.indicators = [i for i in service.definitions.goal_indicators if i.unit != "yes/no"]
        self.library = {i.id: i for i in self.indicators}
        self.frequent = {
            i.id for i in self.indicators if i.frequency.value in ("monthly", "quarterly")
        }
        self.made = {"plans": 0, "versions": 0, "reviews": 0, "measurements": 0}

    def provider(
        self,
        provider: PlannedProvider,
        agreed: dict[int | None, list[tuple[int, PlannedRound]]],
        quiet: bool = False,
    ) -> None:
        """Plans for the provider as a whole and for each of its teams, from each scope's
        first agreed round. `quiet`: no target reset and no action at risk (the showcase's
        second provider: its flags would only repeat the first's)."""
        rng, said = self.rng, self.said
        commissioner = Lead(name=rng.choice(said.commissioners), role=said.commissioner_role)
        executive = Lead(name=rng.choice(self.leads), role=said.provider_lead_role)
        lapsed_team = min(1, len(provider.teams) - 1)  # the showcase's second team
        for team in (None, *range(len(provider.teams))):
            rounds = agreed.get(team)
            if not rounds:
                continue
            if team is None:
                lead = executive
            else:
                role = self.managers.get(provider.teams[team][1], TEAM_MANAGER)
                lead = Lead(name=rng.choice(self.leads), role=role)
            first = rounds[0][1]
            ranked = sorted((a.priority, c) for c, a in first.answers.items() if a.priority)
            light = not self.showcase and team is not None
            for n, (rank, challenge) in enumerate(ranked[: 1 if light else PLANS_PER_SCOPE]):
                if light:
                    kind = Kind((1, 1), (2, 2), every_review=False, monthly=False)
                else:
                    kind = Kind(
                        (1, 2),
                        (2, 3),
                        every_review=True,
                        monthly=self.showcase,
                        reset=not quiet and team is None and n == 0,
                        at_risk=not quiet and team is None and n == 1,
                        lapsed=self.showcase and team == lapsed_team and n == 0,
                    )
                self._plan(rounds, rank, challenge, kind, commissioner, lead, team is None)

    def _plan(
        self,
        rounds: list[tuple[int, PlannedRound]],
        rank: int,
        challenge: str,
        kind: Kind,
        commissioner: Lead,
        lead: Lead,
        whole_provider: bool,
    ) -> None:
        rng, service, today = self.rng, self.service, self.today
        (round_id, first), later = rounds[0], [r for _, r in rounds[1:]]
        start = first.held_on
        theme = self.said.themes.get(challenge, self.said.other_theme)

        def role(text: str) -> str:
            if text != TEAM_MANAGER:
                return text
            return "Team managers" if whole_provider else lead.role

        signed_on = min(today, max(start, workday(start + timedelta(days=rng.randint(14, 21)))))
        planned, held = self._reviews(signed_on, kind)

        def due(index: int) -> date:
            if index < len(planned):
                return planned[index]
            return planned[-1] + timedelta(days=REVIEW_DAYS * (index - len(planned) + 1))

        target_on = start + timedelta(days=rng.randint(*TARGET_DAYS))
        owner = role(theme.owner.provider if whole_provider else theme.owner.team)
        goals, courses, sources = self._goals(challenge, kind, start, target_on, owner)
        # Actions due at the first, third and fifth reviews.
        actions = [
            Action(
                key="",
                what=action.what,
                who=role(action.who),
                by_when=due(2 * n),
                status="on-track" if n == 0 else "not-started",
            )
            for n, action in enumerate(theme.actions[: rng.randint(*kind.actions)])
        ]
        # Action index -> the review from which it is at risk (until it is done, if ever).
        slips = {
            n: 2 * n - 1 for n in range(1, len(actions)) if kind.every_review and rng.random() < 0.3
        }
        if kind.at_risk:
            slips[1] = 1

        plan = service.plans.create_plan(ACTOR, round_id, challenge)
        content = PlanContent(
            current_stage=plan.latest.content.current_stage,
            description=f"{theme.description} Priority {rank} of the Template A round of "
            f"{start:%d %B %Y}.",
            goals=tuple(goals),
            actions=tuple(actions),
            evidence_sources="; ".join([*dict.fromkeys(sources), "Template A rounds"]) + ".",
            commissioner_lead=commissioner,
            provider_lead=lead,
            next_review_on=planned[0],
        )
        plan = service.versions.save_plan(ACTOR, plan.id, plan.version, content)
        plan = service.versions.sign_plan(
            ACTOR,
            plan.id,
            plan.version,
            signed_on=signed_on,
            commissioner_agrees=True,
            provider_agrees=True,
        )
        self.made["plans"] += 1
        self.made["versions"] += 1
        in_force = plan.latest.content
        keys = [g.key for g in in_force.goals]

        # What happens after sign-off, in date order: reviews (0), monthly figures (1) and, when
        # a review resets a target, the signing of the new version (2).
        events = [(day, 0) for day in held]
        if kind.monthly:
            reviewed = {(d.year, d.month) for d in held}
            month = month_end(start)
            while month <= min(today, start + MONTHLY_FOR):
                if month > start and (month.year, month.month) not in reviewed:
                    events.append((month, 1))
                month = month_end(month + timedelta(days=1))
        reset_on = held[min(3, len(held) - 2)] if kind.reset and len(held) >= 2 else None
        if reset_on:
            events.append((min(today, reset_on + timedelta(days=rng.randint(5, 12))), 2))
        latest = {key: course.baseline for key, course in zip(keys, courses, strict=True)}
        stage, seen = in_force.current_stage, 0  # the stage said last; the rounds looked at
        for day, what in sorted(events):
            if what == 2:
                plan = service.versions.sign_plan(
                    ACTOR,
                    plan.id,
                    plan.version,
                    signed_on=day,
                    commissioner_agrees=True,
                    provider_agrees=True,
                )
                in_force = plan.latest.content
                continue
            for key, course in zip(keys, courses, strict=True):
                latest[key] = course.value(day, rng.gauss(0, 1))
            self.made["measurements"] += len(keys)
            if what == 1:
                for key in keys:
                    service.reviews.add_measurement(ACTOR, plan.id, key, day, latest[key])
                continue
            index = planned.index(day)  # the review's place in the plan's schedule
            outcomes = {g.key: "met" if met(g, latest) else "carry-on" for g in in_force.goals}
            if day == reset_on:
                outcomes[keys[0]] = "reset"
            statuses = statuses_at(in_force, day, index, slips, kind.at_risk)
            # A re-rating when a Template A round since the last review moved the stage.
            newest = None
            while seen < len(later) and later[seen].held_on <= day:
                newest, seen = later[seen], seen + 1
            agreed = newest.answers[challenge].agreed_stage if newest else None
            rerated, evidence = None, ""
            if agreed is not None and agreed != stage:
                evidence = self._stage_evidence(challenge, newest.held_on, agreed, stage)
                rerated = stage = agreed
            learned = rng.choice(self.said.learned)
            if "at-risk" in statuses.values():
                learned += " " + self.said.at_risk_note
            service.reviews.record_review(
                ACTOR,
                plan.id,
                held_on=day,
                measurements={key: latest[key] for key in keys},
                goal_outcomes=outcomes,
                action_statuses=statuses,
                stage=rerated,
                stage_evidence=evidence,
                learned=learned,
                next_review_on=planned[index + 1],
            )
            self.made["reviews"] += 1
            if day == reset_on:
                reason = f"Target reset at the review of {day:%d %B %Y}: " + (
                    "the first target was met early, so the room agreed a higher one."
                    if met(in_force.goals[0], latest)
                    else "progress ran ahead of plan, so the room agreed a higher target."
                )
                content = reset_target(
                    in_force, courses[0], self.said.extra_action, due(index + 2), planned[index + 1]
                )
                plan = service.versions.save_plan(ACTOR, plan.id, plan.version, content, reason)
                self.made["versions"] += 1

    def _reviews(self, signed_on: date, kind: Kind) -> tuple[list[date], list[date]]:
        """The review dates as planned at sign-off (about three months apart, up to the first
        after today), and those held."""
        planned = [signed_on]
        while planned[-1] <= self.today:
            step = timedelta(days=REVIEW_DAYS + self.rng.randint(-7, 7))
            planned.append(workday(planned[-1] + step))
        planned = planned[1:]
        held = planned[:-1] if kind.every_review else planned[-2:-1]
        if kind.lapsed:  # no review for a while: the date the last one set has passed
            while held and planned[len(held)] >= self.today - timedelta(days=14):
                held.pop()
        return planned, held

    def _goals(
        self, challenge: str, kind: Kind, start: date, target_on: date, owner: str
    ) -> tuple[list[Goal], list[Course], list[str]]:
        """SMART goals on the library's indicators for the challenge (or a measure of the
        scope's own), how each measure will really go, and where its figures come from."""
        rng = self.rng
        measures = [
            Measure(indicator=i.id, name=i.name, unit=i.unit, direction=i.direction.value)
            for i in self.indicators
            if challenge in i.challenges
        ] or [self.own_measure]
        # Those counted monthly or quarterly first: they make a run chart worth the name.
        often = [m for m in measures if m.indicator in self.frequent]
        rest = [m for m in measures if m.indicator not in self.frequent]
        count = min(rng.randint(*kind.goals), len(measures))
        chosen = rng.sample(often, min(count, len(often)))
        chosen += rng.sample(rest, count - len(chosen))
        goals, courses, sources = [], [], []
        for measure in chosen:
            profile = profile_for(measure, self.said.profiles)
            better = 1 if measure.direction == "higher" else -1
            baseline = profile.fit(rng.uniform(profile.low, profile.high))
            target = profile.fit(baseline + better * profile.gain)
            if target == baseline:  # held at a bound: no room to get better
                continue
            reset = kind.reset and not goals  # the first goal is the one a review resets
            courses.append(
                Course(
                    profile,
                    baseline,
                    target - baseline,
                    start,
                    lag=rng.randint(30, 90),
                    span=(target_on - start).days,
                    reach=1.6 if reset else rng.uniform(0.8, 1.2),
                )
            )
            goals.append(
                Goal(
                    key="",
                    statement=statement(measure, baseline, target, target_on),
                    measure=measure,
                    baseline=baseline,
                    baseline_on=start,
                    target=target,
                    target_on=target_on,
                    owner=owner,
                )
            )
            indicator = self.library.get(measure.indicator or "")
            sources.append(indicator.data_source if indicator else "The team's own survey")
        return goals, courses, sources

    def _stage_evidence(self, challenge: str, held_on: date, agreed: int, was: int | None) -> str:
        said = f"The Template A round of {held_on:%d %B %Y} agreed Stage {agreed}"
        if was is not None and agreed < was:
            return f"{said}, down from Stage {was}: the change has not held everywhere."
        if challenge in self.evidence:
            return f"{said}. {self.rng.choice(self.evidence[challenge])}"
        return f"{said}."


def statuses_at(
    content: PlanContent, day: date, review: int, slips: dict[int, int], stuck: bool
) -> dict[str, str]:
    """Each action's status at the `review`-th review: done once its date has come, at risk
    from the review `slips` gives (for good if `stuck` and it is the second action),
    started when it is due within two reviews."""
    found = {}
    for n, action in enumerate(content.actions):
        forever = stuck and n == 1
        if n in slips and review >= slips[n] and (forever or day < action.by_when):
            found[action.key] = "at-risk"
        elif action.by_when <= day:
            found[action.key] = "done"
        elif action.by_when - day <= timedelta(days=2 * REVIEW_DAYS):
            found[action.key] = "on-track"
        else:
            found[action.key] = "not-started"
    return found


def reset_target(
    content: PlanContent, course: Course, extra: Todo, extra_due: date, next_review: date
) -> PlanContent:
    """The plan after a review reset its first goal: a higher target six months later, and
    one more action, `extra`."""
    goal = content.goals[0]
    target = course.profile.fit(goal.target + course.change / 2)
    target_on = goal.target_on + timedelta(days=RESET_EXTRA_DAYS)
    goal = goal.model_copy(
        update={
            "target": target,
            "target_on": target_on,
            "statement": statement(goal.measure, goal.baseline, target, target_on),
        }
    )
    what, who = extra.what, extra.who
    return content.model_copy(
        update={
            "goals": (goal, *content.goals[1:]),
            "actions": (*content.actions, Action(key="", what=what, who=who, by_when=extra_due)),
            "next_review_on": next_review,
        }
    )
