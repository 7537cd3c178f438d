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

Each scope (a provider as a whole, or a team) also has Template B plans for the top-ranked
priorities of its first round, written, signed and reviewed through the same `Service`, so the
rules of sign-off and the audit log apply to them too. In the showcase each scope has two plans
(three places stay free for the room), reviewed about every three months up to today, with
monthly figures between the reviews; a few things are left overdue on purpose, so the app's
flags show, and one plan has a second version after a target was reset. At scale each team has
one plan with one review, and each provider two plans reviewed quarterly.

In the showcase every team but the last also has a TRIP (Team Recovery Implementation Plan),
written by `demo_trip`. At scale there is no TRIP: it would only slow the demo down.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from assessments.demo_common import (
    ACTOR,
    HEAD_START,
    LEADS,
    MANAGERS,
    TEAM_MANAGER,
    workday,
)
from assessments.demo_trip import Trips
from assessments.plan_records import Action, Goal, Lead, Measure, PlanContent
from assessments.records import Answer, GroupView
from assessments.service import Service
from assessments.service.errors import ServiceError
from framework.loader import Definitions

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
    plans: int = 0  # Template B plans, every one signed and open
    versions: int = 0  # plan versions: one per plan, and a second where a target was reset
    reviews: int = 0
    measurements: int = 0  # the reviews' figures and the monthly ones between them
    trip_rounds: int = 0  # TRIP rounds, two for each showcase team but one; none at scale
    assets: int = 0  # the TRIP assets of those teams
    trip_priorities: int = 0  # their co-led priorities, every one agreed and open
    trip_reviews: int = 0


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
    provider as a whole, and Template B plans for each scope's first round, reviewed up to
    `today` (which must not be after the service's own today); in the showcase, a TRIP for
    every team but the last. Refused with a ServiceError if the store holds anything, so the
    demo never mixes with real records."""
    for value, most, what in ((teams, MAX_TEAMS, "teams"), (rounds, MAX_ROUNDS, "rounds")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise ServiceError(f"The demo takes from 1 to {most} {what}, not {value}.", what)
    if not service.providers.is_empty():
        raise ServiceError(
            "The store already holds providers: the fictional demo loads only into an empty "
            "store, so it never mixes with real records.",
            "store",
        )
    today = today or date.today()
    plan = _Planner(service.definitions, random.Random(seed), today)
    # Plans draw from a generator of their own, so the rounds are the same with or without them.
    plans = _Plans(
        service, random.Random(f"{seed} plans"), today, showcase=teams <= TEAMS_PER_PROVIDER
    )
    # TRIP in the showcase only, from a generator of its own too; at scale it would only slow
    # the demo down.
    trips = (
        Trips(service, random.Random(f"{seed} trip"), today)
        if teams <= TEAMS_PER_PROVIDER and service.definitions.trip
        else None
    )
    made = {"providers": 0, "teams": 0, "rounds": 0, "practice": 0}
    # A transaction per provider, team and round (the service's unit of work), so a very large
    # portfolio is written as it is planned instead of being held in memory.
    for provider in plan.providers(teams, rounds):
        org = service.providers.create_organisation(ACTOR, provider.name, "trust")
        made_teams = [
            service.providers.create_team(ACTOR, org.id, *team) for team in provider.teams
        ]
        team_ids = [team.id for team in made_teams]
        agreed: dict[int | None, list[tuple[int, _Round]]] = {}
        for r in provider.rounds:
            written = service.workshop.create_round(
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
            if r.status != "practice":
                agreed.setdefault(r.team, []).append((written.id, r))
        plans.provider(provider, agreed)
        if trips is not None:
            trips.provider(made_teams)
        made["providers"] += 1
        made["teams"] += len(provider.teams)
        made["rounds"] += len(provider.rounds)
    return DemoSummary(**made, **plans.made, **(trips.made if trips is not None else {}))


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
        practice_on = workday(org_dates[0] - timedelta(days=self.rng.randint(28, 56)))
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
            found.append(workday(day))
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


# --- Template B -------------------------------------------------------------------------------

PLANS_PER_SCOPE = 2  # the showcase's open priorities per scope: three places stay free
REVIEW_DAYS = 91  # reviews about every three months
TARGET_DAYS = (540, 560)  # a goal's target date, about eighteen months after its round
RESET_EXTRA_DAYS = 182  # a reset target gets six more months
# Monthly figures for a plan's first three years only: a demo of twenty rounds would otherwise
# spend most of its time writing them.
MONTHLY_FOR = timedelta(days=3 * 365)

# Clearly invented leads: initials and a made-up surname, and "(fictional)".
COMMISSIONERS = (
    "R. Demo (fictional)",
    "J. Example (fictional)",
    "K. Sample (fictional)",
    "P. Testwell (fictional)",
)
COMMISSIONER_ROLE = "ICB mental health commissioner"
PROVIDER_LEAD_ROLE = "Director of nursing and quality"


@dataclass(frozen=True)
class _Theme:
    """What a plan for one challenge says: where things stand, who owns its goals (for a
    provider, for a team) and its actions in the order they are due (what, who: a role)."""

    description: str
    owner: tuple[str, str]
    actions: tuple[tuple[str, str], ...]


THEMES = {
    "c01-interactions": _Theme(
        "Staff talk about hope more than before, but care plans are still written mostly in "
        "clinical language and people say their experience depends on who is on shift.",
        ("Director of nursing and quality", TEAM_MANAGER),
        (
            ("Run coaching on recovery-focused conversations for every shift", "Practice educator"),
            ("Rewrite the care plan template with people who use services", "Peer support worker"),
            ("Audit ten care plans a quarter for the person's own words", TEAM_MANAGER),
        ),
    ),
    "c02-education": _Theme(
        "Recovery training is offered, but few clinical staff are released to attend and most "
        "sessions are taught by staff alone.",
        ("Head of learning and development", TEAM_MANAGER),
        (
            (
                "Recruit and train peer trainers to co-deliver the course",
                "Recovery college manager",
            ),
            ("Protect time on the rota for staff to attend recovery training", TEAM_MANAGER),
            (
                "Add a co-delivered recovery session to induction",
                "Head of learning and development",
            ),
        ),
    ),
    "c03-education-centre": _Theme(
        "Recovery college courses are popular but run in borrowed rooms, and people on the "
        "wards rarely hear about them.",
        ("Recovery college manager", "Recovery college manager"),
        (
            ("Publish the prospectus on every ward and in every team base", "Peer trainer"),
            (
                "Agree a base and a year's funding for the recovery college",
                "Director of operations",
            ),
            ("Employ two more peer trainers", "Recovery college manager"),
        ),
    ),
    "c04-leadership": _Theme(
        "Recovery is in the strategy, but board papers rarely mention it and teams do not see "
        "it in how decisions are made.",
        ("Chief executive", "Service manager"),
        (
            ("Make recovery a standing item at every team meeting", "Service manager"),
            ("Bring a recovery update to the board every quarter", "Director of nursing"),
            (
                "Refresh the recovery strategy together with people who use services",
                "Lead for lived experience and involvement",
            ),
        ),
    ),
    "c05-personalisation": _Theme(
        "People can choose when they are seen but rarely who they see, and few know how to ask "
        "for a personal budget.",
        ("Head of social care", TEAM_MANAGER),
        (
            ("Explain personal budgets at every first appointment", "Care coordinator"),
            ("Offer a WRAP or joint crisis plan at every care review", "Peer support worker"),
            ("Run a personal health budget clinic with the local authority", "Social care lead"),
        ),
    ),
    "c06-risk": _Theme(
        "Safety plans are starting to be written with people, but staff worry about blame if "
        "something goes wrong and stay cautious.",
        ("Medical director", "Consultant psychiatrist"),
        (
            ("Add a section in the person's own words to every safety plan", TEAM_MANAGER),
            ("Train clinical staff in shared safety planning", "Practice educator"),
            ("Discuss an anonymised positive risk example each month", "Consultant psychiatrist"),
        ),
    ),
    "c07-involvement": _Theme(
        "Involvement is mostly feedback forms: people want a say before decisions are made, "
        "not after.",
        ("Lead for lived experience and involvement", TEAM_MANAGER),
        (
            ("Include a person who uses services on every interview panel", "Recruitment lead"),
            (
                "Pay people with lived experience for their time on panels and groups",
                "Lead for lived experience and involvement",
            ),
            ("Co-chair the service user forum with a person who uses services", TEAM_MANAGER),
        ),
    ),
    "c08-workforce": _Theme(
        "There is one peer worker post, and peer workers often work alone in their team.",
        ("Director of workforce", TEAM_MANAGER),
        (
            ("Say in every job advert that lived experience is welcome", "Recruitment lead"),
            ("Fund and recruit two more peer support worker posts", "Director of workforce"),
            ("Set up supervision for peer workers with a senior peer worker", "Peer support lead"),
        ),
    ),
    "c09-staff-support": _Theme(
        "Staff say supervision is often cancelled when the team is busy, and sickness absence "
        "is above the provider's average.",
        ("Director of workforce", TEAM_MANAGER),
        (
            ("Protect monthly supervision on the rota", TEAM_MANAGER),
            ("Start fortnightly reflective practice sessions", "Clinical psychologist"),
            ("Agree a wellbeing action plan with staff representatives", "Head of wellbeing"),
        ),
    ),
    "c10-beyond-illness": _Theme(
        "An employment specialist has joined, but referrals are slow and worries about housing "
        "get in the way of everything else.",
        ("Director of operations", TEAM_MANAGER),
        (
            ("Ask about work and housing at every care review", "Care coordinator"),
            ("Agree a named link worker with the local housing provider", "Social care lead"),
            ("Place an IPS employment specialist in every community team", "IPS service lead"),
        ),
    ),
}
OTHER_THEME = _Theme(  # a challenge of a changed framework
    "The room agreed this is where change is needed first.",
    ("Recovery lead", TEAM_MANAGER),
    (
        ("Agree with people who use services what would show progress", "Recovery lead"),
        ("Collect the figures each month and share them with the team", TEAM_MANAGER),
        ("Report progress to the provider's recovery group", "Recovery lead"),
    ),
)
EXTRA_ACTION = (  # the action a reset adds
    "Share what worked with the other teams at the recovery forum",
    "Recovery lead",
)

LEARNED = (
    "Progress is steadier where the team manager protects the time for it.",
    "Peer workers noticed the change before the figures did.",
    "Monthly figures helped the team see that a bad month was not a trend.",
    "People who use services asked to see the figures at the forum; they now do.",
    "Agency staff did not know about the plan; it is now part of their induction.",
    "Small changes agreed at the team meeting stuck better than new paperwork.",
    "The figures moved after the training, not before: the training is doing its work.",
    "Winter pressures slowed things down, but nothing went backwards.",
)
AT_RISK_NOTE = " One action is at risk and goes to the provider's recovery group for a decision."


@dataclass(frozen=True)
class _Profile:
    """How a measure moves in the demo: a baseline between `low` and `high`, a target `gain`
    better, figures to `places` decimal places (0: whole numbers), never outside `bounds`."""

    low: float
    high: float
    gain: float
    places: int
    bounds: tuple[float, float] = (0, math.inf)

    def fit(self, value: float) -> float:
        value = round(min(self.bounds[1], max(self.bounds[0], value)), self.places)
        return float(value) + 0.0  # never -0.0


PERCENT = _Profile(20, 45, 20, 0, (0, 100))
COUNT = _Profile(5, 15, 8, 0)
OTHER_MEASURE = _Profile(10, 30, 10, 1)
PROFILES = {
    "experience-of-staff": _Profile(55, 68, 10, 0, (0, 100)),
    "lived-experience-trainers": _Profile(3, 7, 6, 0),
    "user-trainers-employed": _Profile(1, 2, 2, 0),
    "peer-professionals-trained": _Profile(10, 20, 20, 0),
    "recovery-college-students": _Profile(60, 140, 60, 0),
    "advocacy-uptake": _Profile(12, 30, 12, 0),
    "peer-posts": _Profile(1, 3, 3, 1),
    "lived-experience-workforce": _Profile(8, 14, 6, 0, (0, 100)),
    "sickness-absence": _Profile(4.5, 6.5, 1.2, 1, (0, 100)),
    "staff-turnover": _Profile(14, 22, 5, 1, (0, 100)),
    "vacancy-rate": _Profile(9, 16, 4, 1, (0, 100)),
    "employment-rate": _Profile(6, 11, 5, 1, (0, 100)),
    "settled-accommodation": _Profile(58, 70, 8, 0, (0, 100)),
    "ips-specialists": _Profile(0.5, 1, 1, 1),
    "out-of-area-placements": _Profile(8, 15, 5, 0),
    "moves-to-independent-living": _Profile(2, 5, 4, 0),
    "dialog": _Profile(3.6, 4.2, 0.5, 2, (1, 7)),
    "reqol-10": _Profile(17, 22, 4, 1, (0, 40)),
}
# A measure of the team's own, when the library has none for the challenge.
OWN_MEASURE = Measure(
    name="People who say the team helped with what matters to them",
    unit="% of people asked",
    direction="higher",
)


def _profile(measure: Measure) -> _Profile:
    if measure.indicator in PROFILES:
        return PROFILES[measure.indicator]
    if measure.unit.startswith("%"):
        return PERCENT
    return COUNT if "number" in measure.unit else OTHER_MEASURE


@dataclass(frozen=True)
class _Course:
    """How one goal's measure really goes: from the baseline, `reach` times the planned change
    by the target date, starting `lag` days after the round, with some noise."""

    profile: _Profile
    baseline: float
    change: float  # the planned change, signed: negative when lower is better
    start: date
    lag: int
    span: int  # days from the round to the first target date
    reach: float

    def value(self, day: date, noise: float) -> float:
        done = ((day - self.start).days - self.lag) / max(1, self.span - self.lag)
        moved = self.change * self.reach * min(1.0, max(0.0, done))
        return self.profile.fit(self.baseline + moved + noise * abs(self.change) * 0.12)


@dataclass(frozen=True)
class _Kind:
    """How much one plan holds."""

    goals: tuple[int, int]  # fewest, most
    actions: tuple[int, int]
    every_review: bool  # reviews about every three months; else one, the latest
    monthly: bool  # monthly figures between the reviews
    reset: bool = False  # a target reset at a review, making version 2
    at_risk: bool = False  # the second action slips and ends up overdue
    lapsed: bool = False  # the reviews stop, so the next one is overdue


class _Plans:
    """Writes Template B plans through the service for the rounds just written: open, write,
    sign, then review and measure in the order the days came, never after `today`."""

    def __init__(self, service: Service, rng: random.Random, today: date, showcase: bool):
        self.service = service
        self.rng = rng
        self.today = today
        self.showcase = showcase
        # A yes/no measure shows no run chart worth the demo.
        self.indicators = [i for i in service.definitions.indicators if i.unit != "yes/no"]
        self.library = {i.id: i for i in self.indicators}
        self.frequent = {
            i.id for i in self.indicators if i.frequency.value in ("monthly", "quarterly")
        }
        self.made = {"plans": 0, "versions": 0, "reviews": 0, "measurements": 0}

    def provider(
        self, provider: _Provider, agreed: dict[int | None, list[tuple[int, _Round]]]
    ) -> None:
        """Plans for the provider as a whole and for each of its teams, from each scope's
        first agreed round."""
        rng = self.rng
        commissioner = Lead(name=rng.choice(COMMISSIONERS), role=COMMISSIONER_ROLE)
        executive = Lead(name=rng.choice(LEADS), role=PROVIDER_LEAD_ROLE)
        lapsed_team = min(1, len(provider.teams) - 1)  # the showcase's second team
        for team in (None, *range(len(provider.teams))):
            rounds = agreed.get(team)
            if not rounds:
                continue
            if team is None:
                lead = executive
            else:
                role = MANAGERS.get(provider.teams[team][1], TEAM_MANAGER)
                lead = Lead(name=rng.choice(LEADS), role=role)
            first = rounds[0][1]
            ranked = sorted((a.priority, c) for c, a in first.answers.items() if a.priority)
            light = not self.showcase and team is not None
            for n, (rank, challenge) in enumerate(ranked[: 1 if light else PLANS_PER_SCOPE]):
                if light:
                    kind = _Kind((1, 1), (2, 2), every_review=False, monthly=False)
                else:
                    kind = _Kind(
                        (1, 2),
                        (2, 3),
                        every_review=True,
                        monthly=self.showcase,
                        reset=team is None and n == 0,
                        at_risk=team is None and n == 1,
                        lapsed=self.showcase and team == lapsed_team and n == 0,
                    )
                self._plan(rounds, rank, challenge, kind, commissioner, lead, team is None)

    def _plan(
        self,
        rounds: list[tuple[int, _Round]],
        rank: int,
        challenge: str,
        kind: _Kind,
        commissioner: Lead,
        lead: Lead,
        whole_provider: bool,
    ) -> None:
        rng, service, today = self.rng, self.service, self.today
        (round_id, first), later = rounds[0], [r for _, r in rounds[1:]]
        start = first.held_on
        theme = THEMES.get(challenge, OTHER_THEME)

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
        owner = role(theme.owner[0 if whole_provider else 1])
        goals, courses, sources = self._goals(challenge, kind, start, target_on, owner)
        # Actions due at the first, third and fifth reviews.
        actions = [
            Action(
                key="",
                what=what,
                who=role(who),
                by_when=due(2 * n),
                status="on-track" if n == 0 else "not-started",
            )
            for n, (what, who) in enumerate(theme.actions[: rng.randint(*kind.actions)])
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
        plan = service.plans.save_plan(ACTOR, plan.id, plan.version, content)
        plan = service.plans.sign_plan(
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
            month_end = _month_end(start)
            while month_end <= min(today, start + MONTHLY_FOR):
                if month_end > start and (month_end.year, month_end.month) not in reviewed:
                    events.append((month_end, 1))
                month_end = _month_end(month_end + timedelta(days=1))
        reset_on = held[min(3, len(held) - 2)] if kind.reset and len(held) >= 2 else None
        if reset_on:
            events.append((min(today, reset_on + timedelta(days=rng.randint(5, 12))), 2))
        latest = {key: course.baseline for key, course in zip(keys, courses, strict=True)}
        stage, seen = in_force.current_stage, 0  # the stage said last; the rounds looked at
        for day, what in sorted(events):
            if what == 2:
                plan = service.plans.sign_plan(
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
                    service.plans.add_measurement(ACTOR, plan.id, key, day, latest[key])
                continue
            index = planned.index(day)  # the review's place in the plan's schedule
            outcomes = {g.key: "met" if _met(g, latest) else "carry-on" for g in in_force.goals}
            if day == reset_on:
                outcomes[keys[0]] = "reset"
            statuses = _statuses(in_force, day, index, slips, kind.at_risk)
            # A re-rating when a Template A round since the last review moved the stage.
            newest = None
            while seen < len(later) and later[seen].held_on <= day:
                newest, seen = later[seen], seen + 1
            agreed = newest.answers[challenge].agreed_stage if newest else None
            rerated, evidence = None, ""
            if agreed is not None and agreed != stage:
                evidence = self._stage_evidence(challenge, newest.held_on, agreed, stage)
                rerated = stage = agreed
            learned = rng.choice(LEARNED)
            if "at-risk" in statuses.values():
                learned += AT_RISK_NOTE
            service.plans.record_review(
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
                    if _met(in_force.goals[0], latest)
                    else "progress ran ahead of plan, so the room agreed a higher target."
                )
                content = _reset(in_force, courses[0], due(index + 2), planned[index + 1])
                plan = service.plans.save_plan(ACTOR, plan.id, plan.version, content, reason)
                self.made["versions"] += 1

    def _reviews(self, signed_on: date, kind: _Kind) -> tuple[list[date], list[date]]:
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
        self, challenge: str, kind: _Kind, start: date, target_on: date, owner: str
    ) -> tuple[list[Goal], list[_Course], list[str]]:
        """SMART goals on the library's indicators for the challenge (or a measure of the
        scope's own), how each measure will really go, and where its figures come from."""
        rng = self.rng
        measures = [
            Measure(indicator=i.id, name=i.name, unit=i.unit, direction=i.direction.value)
            for i in self.indicators
            if challenge in i.challenges
        ] or [OWN_MEASURE]
        # Those counted monthly or quarterly first: they make a run chart worth the name.
        often = [m for m in measures if m.indicator in self.frequent]
        rest = [m for m in measures if m.indicator not in self.frequent]
        count = min(rng.randint(*kind.goals), len(measures))
        chosen = rng.sample(often, min(count, len(often)))
        chosen += rng.sample(rest, count - len(chosen))
        goals, courses, sources = [], [], []
        for measure in chosen:
            profile = _profile(measure)
            better = 1 if measure.direction == "higher" else -1
            baseline = profile.fit(rng.uniform(profile.low, profile.high))
            target = profile.fit(baseline + better * profile.gain)
            if target == baseline:  # held at a bound: no room to get better
                continue
            reset = kind.reset and not goals  # the first goal is the one a review resets
            courses.append(
                _Course(
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
                    statement=_statement(measure, baseline, target, target_on),
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
        if challenge in EVIDENCE:
            return f"{said}. {self.rng.choice(EVIDENCE[challenge])}"
        return f"{said}."


def _statuses(
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


def _met(goal: Goal, latest: dict[str, float]) -> bool:
    better = 1 if goal.measure is None or goal.measure.direction == "higher" else -1
    return better * (latest[goal.key] - (goal.target or 0)) >= 0


def _reset(
    content: PlanContent, course: _Course, extra_due: date, next_review: date
) -> PlanContent:
    """The plan after a review reset its first goal: a higher target six months later, and
    one more action."""
    goal = content.goals[0]
    target = course.profile.fit(goal.target + course.change / 2)
    target_on = goal.target_on + timedelta(days=RESET_EXTRA_DAYS)
    goal = goal.model_copy(
        update={
            "target": target,
            "target_on": target_on,
            "statement": _statement(goal.measure, goal.baseline, target, target_on),
        }
    )
    what, who = EXTRA_ACTION
    return content.model_copy(
        update={
            "goals": (goal, *content.goals[1:]),
            "actions": (*content.actions, Action(key="", what=what, who=who, by_when=extra_due)),
            "next_review_on": next_review,
        }
    )


def _statement(measure: Measure, baseline: float, target: float, target_on: date) -> str:
    """'Increase staff trained in recovery-oriented practice from 32 to 55 (% of staff) by
    May 2027'."""
    verb = "Increase" if measure.direction == "higher" else "Reduce"
    name = measure.name
    if name[1:2].islower():  # "DIALOG" and "ReQoL-10" keep their capitals
        name = name[0].lower() + name[1:]
    return f"{verb} {name} from {baseline:g} to {target:g} ({measure.unit}) by {target_on:%B %Y}"


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
