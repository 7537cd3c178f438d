"""The demo's providers, teams and Template A rounds, invented before anything is written: all
chance comes from one seeded generator, drawn in a fixed order, so a seed repeats them."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from assessments.records import Answer, GroupView
from demo.common import workday
from demo.content import Content
from framework.loader import Definitions

FRAMEWORK = "imroc-challenges@2010"  # one framework everywhere, so every round compares
TEAMS_PER_PROVIDER = 25  # up to this many, the showcase; past it, providers of about this many
PRIORITIES = 5  # the method's advice: at most five open priorities at a time
NOT_SURE = 0.06
NO_CARD = 0.04  # left early or held back: a tally may count fewer than took part
NOT_AGREED = 1 / 12


@dataclass(frozen=True)
class Style:
    days_apart: int  # between one scope's rounds
    pace: float  # chance a challenge moves on a stage between rounds nine months apart
    text: float  # share of challenges with a comment, and with evidence
    note: float  # share of group views with a note


SHOWCASE = Style(days_apart=274, pace=0.4, text=0.4, note=0.06)
PORTFOLIO = Style(days_apart=91, pace=0.35, text=0.04, note=0.005)


@dataclass(frozen=True)
class PlannedRound:
    team: int | None  # index into the provider's teams; None: the whole provider
    held_on: date
    facilitator: str
    status: str
    participants: dict[str, int]
    answers: dict[str, Answer]
    completers: dict[str, str] = field(default_factory=dict)  # a provider-wide round's


@dataclass(frozen=True)
class PlannedProvider:
    name: str
    teams: tuple[tuple[str, str, str], ...]  # name, team type, locality
    rounds: tuple[PlannedRound, ...]
    kind: str = "trust"  # an organisation kind


class Planner:
    """Invents the records; all chance comes from one seeded generator, drawn in a fixed order."""

    def __init__(
        self, definitions: Definitions, content: Content, rng: random.Random, today: date
    ) -> None:
        self.rng = rng
        self.today = today
        self.teams = content.teams
        self.workshops = content.workshops
        self.head_start = content.people.head_start
        # The same people complete every provider-wide round of the demo, drawn from the
        # fictional leads without the generator, so the rounds stay as they were before.
        leads = content.people.leads
        self.completers = {
            "recovery_lead": leads[0],
            "commissioner_lead": leads[1 % len(leads)],
            "co_facilitator": content.workshops.co_facilitator,
        }
        framework = definitions.framework(FRAMEWORK)
        self.challenges = [c.id for c in framework.challenges]
        self.early = framework.priorities.consider_early if framework.priorities else ()
        self.groups = [g.id for g in definitions.stakeholder_groups]
        lived = {g.id for g in definitions.stakeholder_groups if g.lived_experience}
        self.see_less = lived | {"carers-family"}
        known = {t.id for t in definitions.team_types}
        self.mix = {t: w for t, w in self.teams.mix.items() if t in known}  # a changed taxonomy
        self.showcase = [
            (t.name, t.type, t.locality) for t in self.teams.showcase if t.type in known
        ]

    def providers(self, teams: int, rounds: int) -> Iterator[PlannedProvider]:
        if teams <= TEAMS_PER_PROVIDER:
            named = self.showcase[:teams]
            provider = self.teams.showcase_provider
            yield self._provider(provider, named, teams, rounds, SHOWCASE, "Northfield")
            # A second provider, a voluntary sector one with provider-wide rounds only, so
            # providers can be compared; planned after the first, whose records stay the same.
            second = self._provider(self.teams.second_provider, [], 0, rounds, SHOWCASE, "")
            yield replace(second, kind="vcfse")
            return
        count = math.ceil(teams / TEAMS_PER_PROVIDER)
        for p in range(count):
            size = teams // count + (p < teams % count)  # sizes differ by one at most
            yield self._provider(
                f"Demo Provider {p + 1:02d} (fictional)",
                [],
                size,
                rounds,
                PORTFOLIO,
                f"Area {p + 1:02d}",
            )

    def _provider(
        self,
        name: str,
        named: list[tuple[str, str, str]],
        teams: int,
        rounds: int,
        style: Style,
        area: str,
    ) -> PlannedProvider:
        """`named` teams first, then invented ones in `area` up to `teams`."""
        found = named + self._generated_teams(teams - len(named), area, {n for n, _, _ in named})
        # How fast this provider changes; its teams vary around it.
        pace = self.rng.uniform(0.6, 1.4) * style.pace * style.days_apart / 274
        planned: list[PlannedRound] = []
        org_dates = self._dates(rounds, style.days_apart)
        org_stages = self._stages(rounds, pace, None)
        by_org = self.workshops.provider_facilitators
        for held_on, stages in zip(org_dates, org_stages, strict=True):
            made = self._round(None, held_on, "agreed", stages, style, by_org)
            planned.append(replace(made, completers=self.completers))
        # The facilitators' practice run of the method, a few weeks before the first round.
        practice_on = workday(org_dates[0] - timedelta(days=self.rng.randint(28, 56)))
        planned.append(self._round(None, practice_on, "practice", org_stages[0], style, by_org))
        for index, (_, team_type, _) in enumerate(found):
            team_pace = max(0.02, pace * self.rng.uniform(0.5, 1.5))
            dates = self._dates(rounds, style.days_apart)
            stages = self._stages(rounds, team_pace, team_type)
            by_team = self.workshops.team_facilitators
            for held_on, latent in zip(dates, stages, strict=True):
                planned.append(self._round(index, held_on, "agreed", latent, style, by_team))
        planned.sort(key=lambda r: r.held_on)  # written in the order they happened
        return PlannedProvider(name, tuple(found), tuple(planned))

    def _generated_teams(
        self, count: int, area: str, taken: set[str]
    ) -> list[tuple[str, str, str]]:
        types, weights = list(self.mix), list(self.mix.values())
        taken = {name.lower() for name in taken}
        found = []
        while len(found) < count:
            team_type = self.rng.choices(types, weights)[0]
            locality = f"{area} {self.rng.choice(self.teams.directions)}"
            base = name = f"{locality} {self.teams.labels.get(team_type, team_type)}"
            number = 2
            while name.lower() in taken:  # a second CMHT in the same locality
                name = f"{base} {number}"
                number += 1
            taken.add(name.lower())
            found.append((name, team_type, locality))
        return found

    def _dates(self, count: int, days_apart: int) -> list[date]:
        """Oldest first; the last a few weeks before today, the others about `days_apart`
        before the next, each on a working day."""
        day = self.today - timedelta(days=self.rng.randint(21, 70))
        found = []
        for _ in range(count):
            found.append(workday(day))
            day -= timedelta(days=days_apart + self.rng.randint(-12, 12))
        return found[::-1]

    def _stages(self, count: int, pace: float, team_type: str | None) -> list[dict[str, int]]:
        """The stage each challenge is really at, round by round: mostly Stage 1 with some 2s
        at first, then moving on, sometimes staying, rarely slipping back."""
        twos = self.rng.uniform(0.1, 0.35)
        stage = {c: 2 if self.rng.random() < twos else 1 for c in self.challenges}
        for c in self.head_start.get(team_type or "", ()):
            if c in stage:
                stage[c] = min(3, stage[c] + 1)
        found = [dict(stage)]
        for _ in range(count - 1):
            for c in self.challenges:
                chance = self.rng.random()
                if chance < pace and stage[c] < 3:
                    stage[c] += 1
                elif chance > 0.96 and stage[c] > 1:
                    stage[c] -= 1
            found.append(dict(stage))
        return found

    def _round(
        self,
        team: int | None,
        held_on: date,
        status: str,
        stages: dict[str, int],
        style: Style,
        facilitators: tuple[str, ...],
    ) -> PlannedRound:
        spans = self.workshops.participants
        people = {g: self.rng.randint(*spans[g]) for g in self.groups if g in spans}
        if status == "practice":  # a smaller room
            people = {g: (n + 1) // 2 for g, n in people.items()}
        people = {g: n for g, n in people.items() if n}
        answers = {c: self._answer(c, stages[c], people, style) for c in self.challenges}
        for rank, c in enumerate(self._priorities(stages), start=1):
            answers[c] = replace(answers[c], priority=rank)
        facilitator = self.rng.choice(facilitators)
        return PlannedRound(team, held_on, facilitator, status, people, answers)

    def _answer(self, challenge: str, stage: int, people: dict[str, int], style: Style) -> Answer:
        rng, said = self.rng, self.workshops
        split = rng.random() < NOT_AGREED
        low = min(stage, 2)
        views = []
        for group, count in people.items():
            if split:  # those who use services, and carers, see less change than staff
                seen = low if group in self.see_less else low + 1
                lean = (0.1, 0.1)
            else:
                seen, lean = stage, said.lean.get(group, (0.15, 0.15))
            notes = said.notes.get(group)
            note = rng.choice(notes) if notes and rng.random() < style.note else ""
            views.append(self._tally(group, count, seen, lean, note))
        comments = rng.choice(said.comments[challenge]) if challenge in said.comments else ""
        evidence = rng.choice(said.evidence[challenge]) if challenge in said.evidence else ""
        return Answer(
            views=tuple(views),
            agreed_stage=None if split else stage,
            not_agreed=split,
            dissent=rng.choice(said.dissent).format(low=low, high=low + 1) if split else "",
            comments=comments if rng.random() < style.text else "",
            evidence=evidence if rng.random() < style.text else "",
        )

    def _tally(
        self, group: str, people: int, stage: int, lean: tuple[float, float], note: str
    ) -> GroupView:
        counts = {1: 0, 2: 0, 3: 0, "not sure": 0}
        below, above = lean
        for _ in range(people):
            chance = self.rng.random()
            if chance < NO_CARD:
                continue
            if chance < NO_CARD + NOT_SURE:
                counts["not sure"] += 1
                continue
            chance = self.rng.random()
            shift = -1 if chance < below else 1 if chance < below + above else 0
            counts[min(3, max(1, stage + shift))] += 1
        return GroupView(group, counts[1], counts[2], counts[3], counts["not sure"], note)

    def _priorities(self, stages: dict[str, int]) -> list[str]:
        """Five challenges ranked 1 to 5: often the two the method suggests early, then mostly
        those at the lowest stages."""
        score = {c: stages[c] + self.rng.random() * 1.5 for c in self.challenges}
        for c in self.early:
            if c in score and self.rng.random() < 0.75:
                score[c] -= 2
        return sorted(self.challenges, key=score.__getitem__)[: min(PRIORITIES, len(score))]
