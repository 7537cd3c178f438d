"""Fictional demo records, so the app can be tried and its charts judged without real ones.

`load_demo` fills an empty store with invented providers, teams and Template A rounds through
the ordinary `Service`, so every record is checked and audited like any other, as written by the
actor "Demo generator". A seeded random generator makes the same arguments, on the same day,
give the same records. Everything is invented: provider names say "(fictional)", localities
are made up, and the text names staff roles, never people.

Up to 25 teams it is a showcase: one provider, teams of mixed types, rounds for the provider and
for each team nine months apart, with comments, evidence and notes, and one practice round.
Above 25 teams it is a synthetic portfolio for trying the app at scale: providers of about 25
teams each, rounds for each provider and team three months apart, a practice round per
provider, little text.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from assessments.records import Actor, Answer, GroupView
from assessments.service import Service
from assessments.writes import ServiceError
from framework.loader import Definitions

ACTOR = Actor("Demo generator", "system")
FRAMEWORK = "imroc-challenges@2010"  # one framework everywhere, so every round compares
TEAMS_PER_PROVIDER = 25
MAX_TEAMS = 2000  # a typo such as 50000 should be refused, not run for an hour
MAX_ROUNDS = 20
PRIORITIES = 5  # the method's advice: at most five open priorities at a time

SHOWCASE_PROVIDER = "Northfield Demo NHS Foundation Trust (fictional)"

# Ordered so that even a handful of teams mixes types.
SHOWCASE_TEAMS = (
    ("East Community Mental Health Team", "cmht", "Northfield East"),
    ("Ward 1 (adult acute)", "acute-ward", "Northfield Central"),
    ("Northfield Recovery College", "recovery-college", "Northfield-wide"),
    ("Early Intervention in Psychosis Team", "early-intervention", "Northfield-wide"),
    ("Crisis and Home Treatment Team", "crisis-home-treatment", "Northfield-wide"),
    ("Community Rehabilitation Team", "community-rehab", "Northfield South"),
    ("Brackenfold House Rehabilitation Unit", "inpatient-rehab", "Northfield Central"),
    ("West Community Mental Health Team", "cmht", "Northfield West"),
    ("Northfield Peer Support Network (VCFSE)", "vcfse-service", "Northfield East"),
    ("Assertive Outreach Team", "assertive-outreach", "Northfield South"),
    ("Ward 2 (older adult acute)", "acute-ward", "Northfield Central"),
    ("North Community Mental Health Team", "cmht", "Northfield North"),
)

# Generated teams: a type drawn with these weights, named after an invented locality.
TEAM_MIX = {
    "cmht": 6,
    "acute-ward": 3,
    "early-intervention": 2,
    "crisis-home-treatment": 2,
    "community-rehab": 2,
    "inpatient-rehab": 1,
    "assertive-outreach": 1,
    "recovery-college": 1,
    "vcfse-service": 2,
    "forensic-secure": 1,
    "corporate": 1,
    "other": 1,
}
TEAM_LABELS = {
    "cmht": "CMHT",
    "acute-ward": "Acute Ward",
    "early-intervention": "Early Intervention Team",
    "crisis-home-treatment": "Home Treatment Team",
    "community-rehab": "Community Rehabilitation Team",
    "inpatient-rehab": "Rehabilitation Unit",
    "assertive-outreach": "Assertive Outreach Team",
    "recovery-college": "Recovery College",
    "vcfse-service": "Peer Support Service",
    "forensic-secure": "Low Secure Ward",
    "corporate": "Workforce Department",
    "other": "Liaison Team",
}
DIRECTIONS = ("North", "South", "East", "West", "Central")

# Some teams start further on in the challenges that are their own work.
HEAD_START = {
    "recovery-college": ("c02-education", "c03-education-centre"),
    "vcfse-service": ("c07-involvement", "c10-beyond-illness"),
}

# How many of each group take part in a workshop: (fewest, most).
PARTICIPANTS = {
    "people-using-services": (3, 10),
    "carers-family": (1, 5),
    "peer-workers": (1, 4),
    "clinical-staff": (4, 12),
    "managers-leaders": (1, 4),
    "commissioners": (0, 2),
    "partners": (0, 3),
}

# The chance one person rates a stage below, and above, the room's stage: people who use
# services and their carers tend to see less change than the staff who made it.
LEAN = {
    "people-using-services": (0.35, 0.06),
    "carers-family": (0.3, 0.08),
    "peer-workers": (0.25, 0.1),
    "clinical-staff": (0.15, 0.15),
    "managers-leaders": (0.08, 0.3),
    "commissioners": (0.12, 0.2),
    "partners": (0.2, 0.12),
}
NOT_SURE = 0.06
NO_CARD = 0.04  # left early or held back: a tally may count fewer than took part
NOT_AGREED = 1 / 12

ORG_FACILITATORS = (
    "Recovery lead",
    "Lead for lived experience and involvement",
    "ImROC facilitator (external)",
)
TEAM_FACILITATORS = (
    "Team manager",
    "Peer support worker and team manager",
    "Recovery lead",
    "Recovery college peer trainer",
)

COMMENTS = {
    "c01-interactions": (
        "Staff say they talk about hope more than before; people using services say it "
        "depends who is on shift.",
        "Care plans are still mostly written in clinical language. The team wants to write "
        "them together with the person.",
    ),
    "c02-education": (
        "Recovery training is offered, but few clinical staff are released to attend.",
        "People with lived experience co-deliver the induction; the team would like this for "
        "all training.",
    ),
    "c03-education-centre": (
        "Recovery college courses are popular, but people on the wards rarely hear about them.",
        "The college has no building of its own yet; courses run in borrowed rooms.",
    ),
    "c04-leadership": (
        "Recovery is in the strategy, but board papers rarely mention it.",
        "The service manager chairs a monthly recovery meeting open to the whole team.",
    ),
    "c05-personalisation": (
        "People can choose when they are seen, but rarely who they see.",
        "Personal budgets exist on paper; few people know how to ask for one.",
    ),
    "c06-risk": (
        "Safety plans are starting to be written with people rather than about them.",
        "Staff worry about blame if something goes wrong, which makes them cautious.",
    ),
    "c07-involvement": (
        "People using services now sit on interview panels for new staff.",
        "Involvement is mostly feedback forms; people want a say before decisions are made.",
    ),
    "c08-workforce": (
        "The team has one peer worker post and wants a second.",
        "Job adverts now say that lived experience is welcome.",
    ),
    "c09-staff-support": (
        "Staff say supervision is often cancelled when the team is busy.",
        "Reflective practice sessions have started and are well attended.",
    ),
    "c10-beyond-illness": (
        "An employment specialist has joined the team; referrals are slow to start.",
        "People said worries about housing get in the way of everything else.",
    ),
}

EVIDENCE = {
    "c01-interactions": (
        "An audit of ten care plans: four were written in the person's own words.",
        "Feedback cards mention being listened to more often than a year ago.",
    ),
    "c02-education": (
        "Training records: a third of the team has been on the co-delivered recovery course.",
        "The induction timetable has a peer trainer on the first day.",
    ),
    "c03-education-centre": (
        "This term's prospectus lists courses written and taught with peer trainers.",
        "College enrolments have risen each term this year.",
    ),
    "c04-leadership": (
        "Board minutes record a recovery update twice this year.",
        "Recovery is a standing item on the team meeting agenda.",
    ),
    "c05-personalisation": (
        "In a sample of care plans, most goals were set by the person.",
        "The team keeps a list of local groups and activities that people chose themselves.",
    ),
    "c06-risk": (
        "Safety plans now have a section in the person's own words.",
        "Two team meetings discussed positive risk-taking using anonymised examples.",
    ),
    "c07-involvement": (
        "The involvement register shows people with lived experience paid for their time.",
        "Minutes of the service user forum show actions followed up by the manager.",
    ),
    "c08-workforce": (
        "The workforce plan includes two new peer support worker posts.",
        "Peer workers have their own supervision with a senior peer worker.",
    ),
    "c09-staff-support": (
        "Staff survey scores on feeling supported are above the provider's average.",
        "A wellbeing action plan was agreed with staff representatives.",
    ),
    "c10-beyond-illness": (
        "The employment service helped several people into paid work this year.",
        "The team has a named link worker at the local housing provider.",
    ),
}

DISSENT = (
    "People using services saw Stage {low}; clinical staff saw Stage {high}. The room will "
    "gather more evidence before deciding.",
    "Managers saw Stage {high} because the policy is in place; people using services said it "
    "does not happen in practice yet (Stage {low}).",
    "Carers felt they are rarely included and chose Stage {low}; most staff chose Stage {high}.",
    "Peer workers saw Stage {low}: the change is not yet part of everyday practice. Staff saw "
    "Stage {high}.",
    "The room was split between Stage {low} and Stage {high}, with too little evidence either way.",
)

NOTES = {
    "people-using-services": (
        "Several people said it depends which worker you see.",
        "Wanted more say in their own care plan.",
    ),
    "carers-family": (
        "Carers are not always told when plans change.",
        "Would like a named contact in the team.",
    ),
    "peer-workers": ("Peer workers see progress but say it is fragile.",),
    "clinical-staff": (
        "Staff felt caseload pressure gets in the way.",
        "Staff saw progress since the training.",
    ),
    "managers-leaders": ("Managers pointed to the new policy as evidence.",),
    "commissioners": ("Asked for outcome data to back up the rating.",),
    "partners": ("Partners said joint working has improved.",),
}


@dataclass(frozen=True)
class DemoSummary:
    """What `load_demo` created."""

    providers: int
    teams: int
    rounds: int  # practice rounds included
    practice: int


@dataclass(frozen=True)
class _Style:
    days_apart: int  # between one scope's rounds
    pace: float  # chance a challenge moves on a stage between rounds nine months apart
    text: float  # share of challenges with a comment, and with evidence
    note: float  # share of group views with a note


SHOWCASE = _Style(days_apart=274, pace=0.4, text=0.4, note=0.06)
PORTFOLIO = _Style(days_apart=91, pace=0.35, text=0.04, note=0.005)


@dataclass(frozen=True)
class _Round:
    team: int | None  # index into the provider's teams; None: the whole provider
    held_on: date
    facilitator: str
    status: str
    participants: dict[str, int]
    answers: dict[str, Answer]


@dataclass(frozen=True)
class _Provider:
    name: str
    teams: tuple[tuple[str, str, str], ...]  # name, team type, locality
    rounds: tuple[_Round, ...]


def load_demo(
    service: Service,
    *,
    teams: int = 12,
    rounds: int = 3,
    seed: int = 2010,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty store with fictional records: `teams` teams, each with `rounds` agreed
    rounds ending before `today` (by default the real today), and as many rounds for each
    provider as a whole. Refused with a ServiceError if the store holds anything, so the demo
    never mixes with real records."""
    for value, most, what in ((teams, MAX_TEAMS, "teams"), (rounds, MAX_ROUNDS, "rounds")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise ServiceError(f"The demo takes from 1 to {most} {what}, not {value}.", what)
    if not service.is_empty():
        raise ServiceError(
            "The store already holds providers: the fictional demo loads only into an empty "
            "store, so it never mixes with real records.",
            "store",
        )
    plan = _Planner(service.definitions, random.Random(seed), today or date.today())
    made = {"providers": 0, "teams": 0, "rounds": 0, "practice": 0}
    # A transaction per provider, team and round (the service's unit of work), so a very large
    # portfolio is written as it is planned instead of being held in memory.
    for provider in plan.providers(teams, rounds):
        org = service.create_organisation(ACTOR, provider.name, "trust")
        team_ids = [service.create_team(ACTOR, org.id, *team).id for team in provider.teams]
        for r in provider.rounds:
            service.create_round(
                ACTOR,
                org.id,
                framework=FRAMEWORK,
                held_on=r.held_on,
                facilitator=r.facilitator,
                team_id=None if r.team is None else team_ids[r.team],
                status=r.status,
                participants=r.participants,
                answers=r.answers,
            )
            made["practice"] += r.status == "practice"
        made["providers"] += 1
        made["teams"] += len(provider.teams)
        made["rounds"] += len(provider.rounds)
    return DemoSummary(**made)


class _Planner:
    """Invents the records; all chance comes from one seeded generator, drawn in a fixed order."""

    def __init__(self, definitions: Definitions, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        framework = definitions.framework(FRAMEWORK)
        self.challenges = [c.id for c in framework.challenges]
        self.early = framework.priorities.consider_early if framework.priorities else ()
        self.groups = [g.id for g in definitions.stakeholder_groups]
        lived = {g.id for g in definitions.stakeholder_groups if g.lived_experience}
        self.see_less = lived | {"carers-family"}
        known = {t.id for t in definitions.team_types}
        self.mix = {t: w for t, w in TEAM_MIX.items() if t in known}  # a changed taxonomy
        self.showcase = [t for t in SHOWCASE_TEAMS if t[1] in known]

    def providers(self, teams: int, rounds: int) -> Iterator[_Provider]:
        if teams <= TEAMS_PER_PROVIDER:
            named = self.showcase[:teams]
            yield self._provider(SHOWCASE_PROVIDER, named, teams, rounds, SHOWCASE, "Northfield")
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
        style: _Style,
        area: str,
    ) -> _Provider:
        """`named` teams first, then invented ones in `area` up to `teams`."""
        found = named + self._generated_teams(teams - len(named), area, {n for n, _, _ in named})
        # How fast this provider changes; its teams vary around it.
        pace = self.rng.uniform(0.6, 1.4) * style.pace * style.days_apart / 274
        planned: list[_Round] = []
        org_dates = self._dates(rounds, style.days_apart)
        org_stages = self._stages(rounds, pace, None)
        for held_on, stages in zip(org_dates, org_stages, strict=True):
            planned.append(self._round(None, held_on, "agreed", stages, style, ORG_FACILITATORS))
        # The facilitators' practice run of the method, a few weeks before the first round.
        practice_on = _workday(org_dates[0] - timedelta(days=self.rng.randint(28, 56)))
        planned.append(
            self._round(None, practice_on, "practice", org_stages[0], style, ORG_FACILITATORS)
        )
        for index, (_, team_type, _) in enumerate(found):
            team_pace = max(0.02, pace * self.rng.uniform(0.5, 1.5))
            dates = self._dates(rounds, style.days_apart)
            stages = self._stages(rounds, team_pace, team_type)
            for held_on, latent in zip(dates, stages, strict=True):
                planned.append(
                    self._round(index, held_on, "agreed", latent, style, TEAM_FACILITATORS)
                )
        planned.sort(key=lambda r: r.held_on)  # written in the order they happened
        return _Provider(name, tuple(found), tuple(planned))

    def _generated_teams(
        self, count: int, area: str, taken: set[str]
    ) -> list[tuple[str, str, str]]:
        types, weights = list(self.mix), list(self.mix.values())
        taken = {name.lower() for name in taken}
        found = []
        while len(found) < count:
            team_type = self.rng.choices(types, weights)[0]
            locality = f"{area} {self.rng.choice(DIRECTIONS)}"
            base = name = f"{locality} {TEAM_LABELS.get(team_type, team_type)}"
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
            found.append(_workday(day))
            day -= timedelta(days=days_apart + self.rng.randint(-12, 12))
        return found[::-1]

    def _stages(self, count: int, pace: float, team_type: str | None) -> list[dict[str, int]]:
        """The stage each challenge is really at, round by round: mostly Stage 1 with some 2s
        at first, then moving on, sometimes staying, rarely slipping back."""
        twos = self.rng.uniform(0.1, 0.35)
        stage = {c: 2 if self.rng.random() < twos else 1 for c in self.challenges}
        for c in HEAD_START.get(team_type or "", ()):
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
        style: _Style,
        facilitators: tuple[str, ...],
    ) -> _Round:
        people = {g: self.rng.randint(*PARTICIPANTS[g]) for g in self.groups if g in PARTICIPANTS}
        if status == "practice":  # a smaller room
            people = {g: (n + 1) // 2 for g, n in people.items()}
        people = {g: n for g, n in people.items() if n}
        answers = {c: self._answer(c, stages[c], people, style) for c in self.challenges}
        for rank, c in enumerate(self._priorities(stages), start=1):
            answers[c] = replace(answers[c], priority=rank)
        return _Round(team, held_on, self.rng.choice(facilitators), status, people, answers)

    def _answer(self, challenge: str, stage: int, people: dict[str, int], style: _Style) -> Answer:
        rng = self.rng
        split = rng.random() < NOT_AGREED
        low = min(stage, 2)
        views = []
        for group, count in people.items():
            if split:  # those who use services, and carers, see less change than staff
                seen = low if group in self.see_less else low + 1
                lean = (0.1, 0.1)
            else:
                seen, lean = stage, LEAN.get(group, (0.15, 0.15))
            note = rng.choice(NOTES[group]) if group in NOTES and rng.random() < style.note else ""
            views.append(self._tally(group, count, seen, lean, note))
        comments = rng.choice(COMMENTS[challenge]) if challenge in COMMENTS else ""
        evidence = rng.choice(EVIDENCE[challenge]) if challenge in EVIDENCE else ""
        return Answer(
            views=tuple(views),
            agreed_stage=None if split else stage,
            not_agreed=split,
            dissent=rng.choice(DISSENT).format(low=low, high=low + 1) if split else "",
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


def _workday(day: date) -> date:
    """Workshops are not held at weekends or between Christmas and New Year: such a day moves
    back to the working day before (never forward, so no round lands after today)."""
    if (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 3):
        year = day.year if day.month == 12 else day.year - 1
        day = date(year, 12, 19)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
