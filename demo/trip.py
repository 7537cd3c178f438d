"""The showcase's fictional TRIPs (Team Recovery Implementation Plans), written through the
ordinary `Service` like every other demo record; what they say comes from
demo/content/trip.yaml and trip_ideas.yaml.

Every showcase team but the last gets four to eight assets held by roles or initials, two TRIP
rounds about six months apart (the first twelve to fifteen months before today) with every
benchmark statement rated, and four priorities from the first, each co-led by a member of staff
and a person who uses the service, agreed and reviewed up to today; one review is left overdue
on purpose. From four teams up, the last but one has lapsed: its two rounds were held
eighteen and a half to twelve and a half months ago and no priority was kept up since, so the
portfolio shows a TRIP that is no longer current. The last team has none, so the screen that
starts a TRIP can be seen.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from assessments.records import Team
from assessments.records.plans import Action, Lead, PlanContent
from assessments.records.trip import Asset, Rating
from assessments.service import Service
from demo.common import ACTOR, PERSON, TEAM_MANAGER, workday
from demo.content import Content, Idea
from framework.model import BenchmarkSet, Statement

TRIP_DAYS_BEFORE = (375, 450)  # the first TRIP round, twelve to fifteen months before today
LAPSED_DAYS_BEFORE = (560, 570)  # a lapsed team's first: its second is over a year ago too
TRIP_DAYS_APART = (168, 196)  # the second, about six months later
TRIP_PRIORITIES = 4
LETTERS = "ABCDEFGHJKLMNPRSTW"  # for initials


class Trips:
    """Writes each showcase team's TRIP through the service: its assets, two TRIP rounds about
    six months apart with every statement rated, and four co-led priorities from the first,
    agreed and reviewed up to `today`."""

    def __init__(self, service: Service, content: Content, rng: random.Random, today: date) -> None:
        self.service = service
        self.said = content.trip
        self.ideas = content.trip_ideas
        self.leads = content.people.leads
        self.managers = content.people.managers
        self.head_start = content.people.head_start
        self.rng = rng
        self.today = today
        self.groups = {g.id for g in service.definitions.stakeholder_groups}
        self.made = {"trip_rounds": 0, "assets": 0, "trip_priorities": 0, "trip_reviews": 0}

    def provider(self, teams: list[Team]) -> None:
        """A TRIP for every team but the last (when there is more than one); from four teams
        up, the last but one has lapsed."""
        with_trip = teams[:-1] if len(teams) > 1 else teams
        for index, team in enumerate(with_trip):
            stopped = len(teams) >= 4 and index == len(with_trip) - 1
            self._team(team, overdue=index == 0, stopped=stopped)

    def _team(self, team: Team, overdue: bool, stopped: bool = False) -> None:
        """`overdue`: one review left overdue; `stopped`: the rounds long ago and no
        priorities kept up since (a lapsed TRIP)."""
        service, rng, today = self.service, self.rng, self.today
        bset = service.trip.benchmark_set_for(team)
        values = service.definitions.scales[bset.scale].values
        ranked = [v.value for v in sorted((v for v in values if v.rank), key=lambda v: v.rank)]
        if not ranked:
            return
        other = {v.value for v in values if not v.rank}
        ideas = self._ideas(team, bset)
        assets = self._assets(team)

        before = LAPSED_DAYS_BEFORE if stopped else TRIP_DAYS_BEFORE
        first_on = workday(today - timedelta(days=rng.randint(*before)))
        second_on = workday(first_on + timedelta(days=rng.randint(*TRIP_DAYS_APART)))
        chosen = {idea.statement: idea for idea in ideas}
        first, second = self._ratings(team, bset, ranked, other, chosen)
        role = self.managers.get(team.team_type, TEAM_MANAGER)
        round_ids = []
        for held_on, ratings in ((first_on, first), (second_on, second)):
            facilitator = rng.choice(self.said.facilitators).replace(TEAM_MANAGER, role)
            written = service.trip.create_trip_round(
                ACTOR,
                team.id,
                held_on=held_on,
                facilitator=facilitator.replace(TEAM_MANAGER.lower(), role.lower()),
                status="agreed",
                participants=self._participants(),
                ratings=ratings,
            )
            round_ids.append(written.id)
            self.made["trip_rounds"] += 1

        if stopped:
            return
        people = [f"{a}.{b}." for a, b in _pairs(rng, len(ideas))]
        quick = [n for n, idea in enumerate(ideas) if idea.timescale == "quick-win"]
        late = (quick or [0])[0] if overdue else -1
        for n, (idea, person) in enumerate(zip(ideas, people, strict=True)):
            self._priority(round_ids[0], idea, person, role, assets, first_on, second_on, n == late)

    def _ideas(self, team: Team, bset: BenchmarkSet) -> list[Idea]:
        """Four priorities that suit the team, quick wins and longer term mixed."""
        rng = self.rng
        ids = {s.id for s in bset.statements}
        fits = [
            i
            for i in self.ideas.ideas
            if i.statement in ids and (not i.teams or team.team_type in i.teams)
        ]
        quick = [i for i in fits if i.timescale == "quick-win"]
        longer = [i for i in fits if i.timescale != "quick-win"]
        rng.shuffle(quick)
        rng.shuffle(longer)
        if not quick or not longer:  # a benchmark set the demo has no ideas for
            return [self._any_idea(s, n) for n, s in enumerate(rng.sample(bset.statements, 4))]
        wanted = min(len(quick), max(TRIP_PRIORITIES - len(longer), rng.choice((1, 2, 2, 3))))
        return quick[:wanted] + longer[: TRIP_PRIORITIES - wanted]

    def _any_idea(self, statement: Statement, n: int) -> Idea:
        """A priority on any statement, for a benchmark set the demo has written none for."""
        text = statement.text
        return Idea(
            **self.ideas.any_idea.model_dump(),
            statement=statement.id,
            title=text if len(text) <= 80 else text[:77].rstrip() + "...",
            timescale="quick-win" if n % 2 else "longer-term",
        )

    def _assets(self, team: Team) -> list[Asset]:
        """Four to eight, at least one of each kind, held by roles or initials."""
        rng = self.rng
        kinds = {k.id for k in self.service.definitions.trip.asset_kinds}
        pool = [a for a in self.said.assets if a.kind in kinds]
        picked = [rng.choice([a for a in pool if a.kind == kind]) for kind in sorted(kinds)]
        rest = [a for a in pool if a not in picked]
        picked += rng.sample(rest, min(len(rest), rng.randint(4, 8) - len(picked)))
        rng.shuffle(picked)
        found = []
        for asset in picked:
            initials = "".join(f"{c}." for c in rng.sample(LETTERS, 2))
            found.append(
                self.service.trip.add_asset(
                    ACTOR,
                    team.id,
                    kind=asset.kind,
                    holder=asset.holder,
                    held_by=asset.held_by or initials,
                    what=asset.what,
                )
            )
        self.made["assets"] += len(found)
        return found

    def _participants(self) -> dict[str, int]:
        people = {g: self.rng.randint(*span) for g, span in self.said.participants.items()}
        return {g: n for g, n in people.items() if n and g in self.groups}

    def _ratings(
        self,
        team: Team,
        bset: BenchmarkSet,
        ranked: list[str],
        other: set[str],
        chosen: dict[str, Idea],
    ) -> tuple[dict[str, Rating], dict[str, Rating]]:
        """Every statement rated in both rounds: mostly between started and partly at first,
        a little further on six months later, the chosen priorities most of all."""
        rng = self.rng
        top = len(ranked) - 1
        level = rng.uniform(-0.4, 0.5)  # how far on this team is
        lead = self.head_start.get(team.team_type, ())
        unfit = self.said.not_applicable.get(team.team_type, {})
        na = "not-applicable" if "not-applicable" in other else None
        unsure = "dont-know" if "dont-know" in other else None
        first: dict[str, Rating] = {}
        second: dict[str, Rating] = {}
        used: tuple[set[str], set[str]] = (set(), set())
        for group in bset.groups:
            for s in group.statements:
                idea = chosen.get(s.id)
                was: int | None = None  # the rank's index in the first round; None: off the scale
                if idea:
                    was = rng.choice((0, 1, 1, 2))
                elif na and s.id in unfit and rng.random() < 0.8:
                    first[s.id] = Rating(na, next_step=unfit[s.id])
                elif na and rng.random() < 0.015:
                    first[s.id] = Rating(na, next_step=self.said.not_applicable_next)
                elif unsure and rng.random() < 0.03:
                    first[s.id] = Rating(unsure, next_step=rng.choice(self.said.dont_know_next))
                else:
                    shift = 1 if group.challenge in lead else 0
                    was = round(rng.gauss(1.5 + level + shift, 1.0))
                    was = min(top, max(0, was))
                if was is not None:
                    first[s.id] = self._rating(ranked[was], was, top, group.challenge, used[0])
                    if idea:
                        first[s.id] = replace(first[s.id], next_step=idea.next_step)
                # Six months on.
                before = first[s.id]
                if idea:
                    now = min(top, was + rng.choice((1, 1, 2)))
                elif was is None and before.value == na and rng.random() < 0.85:
                    second[s.id] = before
                    continue
                elif was is None:  # found out, or looked again
                    now = min(top, max(0, round(rng.gauss(1.8 + level, 1.0))))
                elif unsure and rng.random() < 0.015:
                    second[s.id] = Rating(unsure, next_step=rng.choice(self.said.dont_know_next))
                    continue
                else:  # mostly the same or a step up, now and then two, rarely back
                    move = rng.choices((-1, 0, 1, 2), weights=(5, 50, 38, 7))[0]
                    now = min(top, max(0, was + move))
                second[s.id] = self._rating(ranked[now], now, top, group.challenge, used[1])
                if idea and rng.random() < 0.8:
                    second[s.id] = replace(second[s.id], proud=idea.proud)
        return first, second

    def _rating(self, value: str, index: int, top: int, challenge: str, used: set[str]) -> Rating:
        """A value of the scale and, now and then, what the room is proud of and could do next:
        pride more often the further on, ideas more often the less."""
        rng = self.rng
        share = index / max(1, top)  # 0 at the bottom of the scale, 1 at the top
        proud = next_step = ""
        if index and rng.random() < 0.17 + 0.4 * share:
            proud = self._text(self.said.proud.get(challenge, ()), self.said.any_proud, used)
        if rng.random() < 0.3 - 0.25 * share:
            next_step = self._text(self.said.next.get(challenge, ()), self.said.any_next, used)
        return Rating(value, proud=proud, next_step=next_step)

    def _text(self, own: tuple[str, ...], common: tuple[str, ...], used: set[str]) -> str:
        """One not yet said in this round: the challenge's own more often than a common one."""
        rng = self.rng
        for pool in (own, common) if rng.random() < 0.65 else (common, own):
            left = [t for t in pool if t not in used]
            if left:
                used.add(text := rng.choice(left))
                return text
        return ""

    def _priority(
        self,
        round_id: int,
        idea: Idea,
        person: str,
        role: str,
        assets: list[Asset],
        first_on: date,
        second_on: date,
        lapsed: bool,
    ) -> None:
        """One co-led priority, agreed within two weeks of the round; reviewed when the
        benchmarks are rerun and again a few weeks before today, or, if `lapsed`, only at the
        rerun, so its next review is overdue."""
        service, rng, today = self.service, self.rng, self.today

        def who(text: str) -> str:
            return text.replace(PERSON, person).replace(TEAM_MANAGER, role)

        agreed_on = max(first_on, workday(first_on + timedelta(days=rng.randint(0, 14))))
        first_review = min(today, workday(second_on + timedelta(days=rng.randint(0, 14))))
        last_review = workday(today - timedelta(days=rng.randint(14, 75)))
        quick = idea.timescale == "quick-win"
        # Quick wins are done within three months; a longer-term priority's last action is due
        # after today.
        dates = [agreed_on + timedelta(days=28 * n + rng.randint(21, 35)) for n in range(3)]
        if not quick:
            early = [
                agreed_on + timedelta(days=rng.randint(60, 120)),
                second_on + timedelta(days=rng.randint(30, 90)),
            ]
            dates = [*early[: len(idea.actions) - 1], today + timedelta(days=rng.randint(30, 150))]
        dates = [max(agreed_on, workday(day)) for day in dates]
        actions = tuple(
            Action(
                key="",
                what=action.what,
                who=who(action.who),
                by_when=dates[n],
                status="on-track" if n == 0 else "not-started",
            )
            for n, action in enumerate(idea.actions)
        )
        fitting = [a.id for a in assets if a.kind in idea.kinds] or [a.id for a in assets]
        linked = rng.sample(fitting, min(len(fitting), rng.randint(1, 2)))

        plan = service.trip.create_trip_priority(ACTOR, round_id, idea.statement)
        content = PlanContent(
            title=idea.title,
            description=idea.description,
            timescale=idea.timescale,
            staff_lead=Lead(name=rng.choice(self.leads), role=who(idea.lead_role)),
            person_lead_initials=person,
            actions=actions,
            assets=tuple(sorted(linked)),
            next_review_on=first_review,
        )
        plan = service.versions.save_plan(ACTOR, plan.id, plan.version, content)
        plan = service.versions.agree_trip_priority(
            ACTOR,
            plan.id,
            plan.version,
            agreed_on=agreed_on,
            staff_lead_agrees=True,
            person_lead_agrees=True,
        )
        self.made["trip_priorities"] += 1
        actions = plan.latest.content.actions
        # A quick win's last action may be late at the first review; it is done by the next.
        late = actions[-1].key if quick and not lapsed and rng.random() < 0.25 else None
        reviews = [first_review] if lapsed else [first_review, last_review]
        for n, day in enumerate(reviews):
            statuses = {a.key: _trip_status(a, day, n == 0 and a.key == late) for a in actions}
            finished = all(s == "done" for s in statuses.values())
            last = n == len(reviews) - 1
            service.reviews.record_review(
                ACTOR,
                plan.id,
                held_on=day,
                measurements={},
                goal_outcomes={},
                action_statuses=statuses,
                stage=None,
                stage_evidence="",
                learned=self.said.done if finished and last else rng.choice(self.said.learned),
                next_review_on=reviews[n + 1] if not last else self._next_review(day, lapsed),
            )
            self.made["trip_reviews"] += 1

    def _next_review(self, held_on: date, lapsed: bool) -> date:
        """Four to six months on; for a `lapsed` priority, a few weeks before today."""
        if lapsed:
            return max(
                held_on + timedelta(days=1), self.today - timedelta(days=self.rng.randint(14, 45))
            )
        return held_on + timedelta(days=self.rng.randint(120, 180))


def _trip_status(action: Action, day: date, late: bool) -> str:
    """Done once its date has come (overdue if `late`), on track when due within four months,
    else not started."""
    if action.by_when <= day:
        return "overdue" if late else "done"
    return "on-track" if (action.by_when - day).days <= 120 else "not-started"


def _pairs(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` different pairs of letters, for initials."""
    found: list[tuple[str, str]] = []
    while len(found) < count:
        pair = (rng.choice(LETTERS), rng.choice(LETTERS))
        if pair not in found:
            found.append(pair)
    return found
