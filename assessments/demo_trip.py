"""The showcase's fictional TRIPs (Team Recovery Implementation Plans), written through the
ordinary `Service` like every other demo record.

Every showcase team but the last gets four to eight assets held by roles or initials, two TRIP
rounds about six months apart (the first twelve to fifteen months before today) with every
benchmark statement rated, and four priorities from the first, each co-led by a member of staff
and a person who uses the service, agreed and reviewed up to today; one review is left overdue
on purpose. The last team has none, so the screen that starts a TRIP can be seen.
"""

from __future__ import annotations

import random
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
from assessments.plan_records import Action, Lead, PlanContent
from assessments.records import Team
from assessments.service import Service
from assessments.trip_records import Asset, Rating
from framework.model import BenchmarkSet, Statement

# The showcase's last team has no TRIP yet, so the screen that starts one can be seen; its first
# team leaves the review of one priority overdue, so the flag shows on a TRIP too.
TRIP_DAYS_BEFORE = (375, 450)  # the first TRIP round, twelve to fifteen months before today
TRIP_DAYS_APART = (168, 196)  # the second, about six months later
TRIP_PRIORITIES = 4
TRIP_FACILITATORS = (
    "Team manager",
    "Peer support worker and team manager",
    "Recovery lead",
    "Peer worker and recovery lead",
)
TRIP_PARTICIPANTS = {  # the team, the people it serves and those close to them
    "people-using-services": (3, 8),
    "carers-family": (0, 3),
    "peer-workers": (1, 3),
    "clinical-staff": (4, 10),
    "managers-leaders": (1, 2),
    "partners": (0, 2),
}
PERSON = "{person}"  # in an action's "who": the initials of the co-lead who uses the service
LETTERS = "ABCDEFGHJKLMNPRSTW"  # for initials

# (kind, holder, held by: a role, or None for initials, what)
ASSETS = (
    ("lived-experience", "people-using-the-service", None,
     "Has used the service for years and knows what the first weeks feel like"),
    ("lived-experience", "staff", "Peer support worker",
     "Lived experience of psychosis and recovery, shared in groups and one to one"),
    ("lived-experience", "carers-family", None,
     "Cared for a son through several admissions; happy to talk with new carers"),
    ("lived-experience", "staff", "Support worker",
     "Own experience of depression, which they share when it helps"),
    ("lived-experience", "people-using-the-service", None,
     "Has written a WRAP and would like to help others start one"),
    ("lived-experience", "staff", "Peer worker",
     "Knows what it is like to be in hospital, and to come home afterwards"),
    ("hidden-talent", "staff", "Support worker", "Plays the guitar and could start a music group"),
    ("hidden-talent", "staff", "Team administrator",
     "Good at design: made the posters for the staff fun run"),
    ("hidden-talent", "people-using-the-service", None,
     "A keen gardener who has offered to help with a growing project"),
    ("hidden-talent", "staff", "Occupational therapist", "Speaks Polish and Russian"),
    ("hidden-talent", "people-using-the-service", None,
     "Trained as a chef; could run a cooking on a budget session"),
    ("hidden-talent", "staff", "Healthcare assistant", "Coaches a local five-a-side team"),
    ("hidden-talent", "carers-family", None, "Works in IT and offers to help people get online"),
    ("hidden-talent", "staff", "Nurse", "Teaches yoga at weekends"),
    ("community-contact", "community-partners", "Volunteer coordinator",
     "Runs the volunteer centre and can find placements to suit people"),
    ("community-contact", "people-using-the-service", None,
     "Volunteers at the allotment society, which welcomes newcomers"),
    ("community-contact", "community-partners", "Adult education tutor",
     "Links with the college's part-time and free courses"),
    ("community-contact", "community-partners", "Housing officer",
     "A named contact at the local housing association"),
    ("community-contact", "staff", "Social worker",
     "Knows the food bank and the debt advice service well"),
    ("community-contact", "community-partners", "Librarian",
     "The library offers a free room and digital skills drop-ins"),
    ("community-contact", "carers-family", None,
     "Belongs to a faith group that runs a weekly community café"),
    ("community-contact", "community-partners", "Community sports coach",
     "Runs free walking football at the leisure centre"),
)  # fmt: skip

# What the room says it is proud of, and could do next, for statements under each challenge;
# written to fit any of a challenge's statements, in the community and on a ward.
PROUD = {
    "c01-interactions": (
        "People told us staff ask what matters to them, not only about symptoms.",
        "Staff talk about hope and strengths in meetings far more than they used to.",
        "People at the forum said they feel listened to more than a year ago.",
    ),
    "c02-education": (
        "Most of the team, admin staff included, have been on the co-delivered recovery course.",
        "Admin and reception staff came to the recovery training for the first time.",
        "After the training we agreed one change as a team, and we stuck to it.",
    ),
    "c03-education-centre": (
        "Staff mention the recovery college early on, and several people have enrolled.",
        "Two of our staff co-deliver a course with a peer trainer.",
        "A mother joined a course alongside her son and said it helped them both.",
    ),
    "c04-leadership": (
        "The manager opens every team meeting with a success or a recovery story.",
        "Our recovery priorities are on the wall and reviewed every month.",
        "We changed how reviews run after people told us how they felt about them.",
    ),
    "c05-personalisation": (
        "More care plans are written in the person's own words than a year ago.",
        "People now leave with a crisis plan they helped to write.",
        "People get a copy of their care plan, and most say it sounds like them.",
    ),
    "c06-risk": (
        "We talk about safety with families too, when the person agrees.",
        "After a serious incident we met to learn together, not to find someone to blame.",
        "Staff feel more able to support positive risk-taking since the training.",
    ),
    "c07-involvement": (
        "People who use the service now help to plan the team's away days.",
        "Carers said they feel more welcome and better informed than before.",
        "Our leaflets were rewritten with people who use the service.",
    ),
    "c08-workforce": (
        "Peer workers now have supervision from a senior peer worker.",
        "Peer workers' views are asked for, and acted on, in team meetings.",
        "Our job adverts now say that lived experience is valued.",
    ),
    "c09-staff-support": (
        "Reflective practice is protected on the rota and well attended.",
        "We celebrate small successes at the start of every team meeting.",
        "Staff say they can talk about their own wellbeing at work without worry.",
    ),
    "c10-beyond-illness": (
        "The employment specialist has helped several people back into work or study.",
        "An advice service now comes in every month to help with money and housing.",
        "People have joined a walking group and a choir through the team.",
    ),
}
NEXT = {
    "c01-interactions": (
        "Ask people after each review whether they felt listened to.",
        "Try writing notes together with the person for a month and see how it goes.",
        "Put 'what matters to you' at the top of every review.",
    ),
    "c02-education": (
        "Book protected time on the rota so everyone can get to the recovery training.",
        "Invite a peer trainer to the next team development day.",
        "Agree one thing to do differently after each training day, and check on it later.",
    ),
    "c03-education-centre": (
        "Ask the college about a course on getting back into study.",
        "Offer to co-deliver a course with the peer trainers next term.",
        "Make learning at the college part of people's plans when they want it.",
    ),
    "c04-leadership": (
        "Look at how people leave the service, with people who have been through it.",
        "Invite people who use the service to our next planning day.",
        "Try a recovery outcome measure and talk the results through with each person.",
    ),
    "c05-personalisation": (
        "Offer people a copy of their care plan in plain words.",
        "Make sure everyone knows how to reach an independent advocate.",
        "Check a handful of care plans each month for the person's own goals.",
    ),
    "c06-risk": (
        "Invite people to read and comment on what we write about risk.",
        "Train the newer staff in shared safety planning.",
        "Talk through an anonymised example of positive risk-taking each month.",
    ),
    "c07-involvement": (
        "Pay people properly for their time when they help us improve things.",
        "Invite carers to help plan the next team development day.",
        "Let the people who join our meetings shape the agenda, not just comment on it.",
    ),
    "c08-workforce": (
        "Set up supervision for the peer workers with an experienced peer worker.",
        "Agree with the peer workers what their role is, and write it down.",
        "Ask the peer workers what would help them most in the team.",
    ),
    "c09-staff-support": (
        "Start a short wellbeing check-in at the weekly team meeting.",
        "Protect supervision when the team is busy instead of cancelling it first.",
        "Offer a debrief to staff after every difficult incident.",
    ),
    "c10-beyond-illness": (
        "Find out which local employers would offer work tasters.",
        "Work with the advice service on help with benefits and debt.",
        "Check with people after they leave us that things are still going well.",
    ),
}
# For any statement, whatever its challenge.
ANY_PROUD = (
    "Everyone in the room could give an example of this from the last month.",
    "People who use the service raised this themselves as something that has got better.",
    "New starters pick this up in their first weeks because everyone does it.",
    "It began as one person's idea and now most of the team does it.",
    "A carer told us this made a real difference to them.",
    "We kept this going through a very busy winter.",
)
ANY_NEXT = (
    "Ask people who use the service what good would look like here.",
    "Find out what other teams do and borrow the best of it.",
    "Talk it through at the next away day and agree one change.",
    "Check that this happens whoever is on duty, not just with some of us.",
    "Write down how we do it, so new and bank staff know.",
    "Ask the peer workers to lead a short session on it.",
)
DONT_KNOW_NEXT = (
    "Nobody was sure: look at a few records before the next round.",
    "Find out by asking people at the next forum.",
    "Ask the admin team whether we keep figures on this.",
)
NOT_APPLICABLE_NEXT = "This does not fit what we do as a team; look at it again next round."
# Statements that do not fit a kind of team, and why the room said so.
NOT_APPLICABLE = {
    "recovery-college": {
        "com-c01-3": "We do not prescribe; students talk about medication with their care team.",
        "com-c05-3": "Crisis plans are made with people's care teams, not at the college.",
        "com-c10-1": "The college has no employment specialist; we run a course with IPS instead.",
    },
    "vcfse-service": {
        "com-c01-3": "We do not prescribe; we help people prepare for their medication reviews.",
        "com-c10-1": "No employment specialist here; we refer people to the local IPS service.",
    },
}
TRIP_LEARNED = (
    "The co-leads meeting every fortnight kept this moving.",
    "People noticed the change before the team did.",
    "Staff vacancies slowed this down for a couple of months, but it is back on track.",
    "Small steps agreed at the team meeting worked better than a big launch.",
    "Having a co-lead who uses the service changed what we thought mattered.",
    "Asking people directly gave us better ideas than the survey did.",
    "The team is proud of this; the next step is to make it last when staff change.",
)
TRIP_DONE = (
    "Every action is done; it stays open until the next TRIP round shows the change has stuck."
)

CLINICAL = frozenset(
    {
        "cmht",
        "early-intervention",
        "crisis-home-treatment",
        "community-rehab",
        "assertive-outreach",
        "other",
    }
)


@dataclass(frozen=True)
class _Idea:
    """A priority a team might choose in its first TRIP round: the statement it grows from,
    what the room said it could do next, what it was proud of at the second round, and the
    plan its two co-leads agree."""

    statement: str
    next_step: str
    proud: str
    title: str
    description: str
    timescale: str  # quick-win or longer-term
    lead_role: str  # the staff co-lead's; TEAM_MANAGER: the role that runs the team
    actions: tuple[tuple[str, str], ...]  # what, who: a role, PERSON, or both
    kinds: tuple[str, ...]  # the kinds of asset it draws on
    teams: frozenset[str] = frozenset()  # the team types it suits; empty: any


IDEAS = (
    _Idea(
        "com-c01-5",
        "Rewrite the first letter with people who use the service, and brighten the waiting area.",
        "The new first letter was written with people who use the service, and reads kindly.",
        "A warmer first contact",
        "People told us our first letter reads like a summons and the waiting area feels bleak. "
        "A letter written with people who use the service, and a waiting area that shows what "
        "else is on locally, would make the first contact feel hopeful.",
        "quick-win",
        "Team administrator",
        (
            ("Rewrite the first appointment letter with people who use the service", PERSON),
            ("Put up a board of local groups and peer support in the waiting area", "Peer worker"),
            ("Ask ten people how their first contact with us felt", f"{PERSON} and administrator"),
        ),
        ("hidden-talent", "lived-experience"),
    ),
    _Idea(
        "com-c05-2",
        "Offer everyone help to write a WRAP, with a peer worker if they would like.",
        "Peer workers run a monthly WRAP group, and more people have a plan of their own.",
        "A WRAP for everyone who wants one",
        "Few people have a recovery plan of their own, and those who do mostly wrote it "
        "somewhere else. Help to write a WRAP, from people who have written their own, would put "
        "people in charge of their plans.",
        "longer-term",
        "Peer support worker",
        (
            ("Run a monthly WRAP taster session", f"{PERSON} and peer support worker"),
            ("Add the offer of a WRAP to every care review", TEAM_MANAGER),
            ("Count each quarter how many people have a plan of their own", "Team administrator"),
        ),
        ("lived-experience",),
        CLINICAL,
    ),
    _Idea(
        "com-c10-5",
        "Gather the groups and places people already use, and keep a list everyone can see.",
        "Our list of local groups was put together by people who use them, and it is well used.",
        "A list of local groups that people chose",
        "Staff know a few local groups, but the list is out of date and nobody owns it. People "
        "who use the service know many more. A list they help to write, kept up to date, would "
        "help others try something new.",
        "quick-win",
        "Support worker",
        (
            ("Ask people which local groups and places they would recommend", PERSON),
            ("Print the list for the waiting area and for home visits", "Support worker"),
            ("Invite three local groups to a drop-in to meet people", "Peer worker"),
        ),
        ("community-contact",),
    ),
    _Idea(
        "com-c07-1",
        "Have someone who uses the service on every interview panel, and pay them for it.",
        "Every interview this year had a panel member who uses the service, paid for their time.",
        "People who use the service on every interview panel",
        "People who use the service have sat on a panel only once, when someone thought to "
        "ask. Making it the rule for every post, with payment and a short training, would give "
        "people a say in who works with them.",
        "quick-win",
        TEAM_MANAGER,
        (
            ("Agree payment and a short training for panel members", TEAM_MANAGER),
            ("Find three people willing to sit on panels", PERSON),
        ),
        ("lived-experience",),
    ),
    _Idea(
        "com-c01-3",
        "Try a decision aid in medication reviews, so people can weigh up the options with us.",
        "People say they feel part of the decision in medication reviews more often than before.",
        "Deciding about medication together",
        "People told us decisions about medication are made before they walk into the room. A "
        "simple decision aid, and time to talk it through, would make the choice a shared one.",
        "longer-term",
        "Consultant psychiatrist",
        (
            ("Try a shared decision aid in medication reviews", "Consultant psychiatrist"),
            ("Ask people after their review whether they felt part of the decision", PERSON),
            ("Agree at a team meeting what to change after hearing from people", TEAM_MANAGER),
        ),
        ("lived-experience",),
        CLINICAL,
    ),
    _Idea(
        "com-c10-2",
        "Ask everyone about work, study and volunteering at their review.",
        "Care plans now often include a goal for work, study or volunteering.",
        "Work, study and volunteering in care plans",
        "Work and study rarely come up unless the person raises them. Asking everyone, and "
        "linking people with the employment service and the local college, would make them part "
        "of recovery.",
        "longer-term",
        "Occupational therapist",
        (
            ("Ask about work, study and volunteering at every review", "Occupational therapist"),
            ("Invite the employment service and the college to a team meeting", PERSON),
            ("Check ten care plans for goals about work or study", "Occupational therapist"),
        ),
        ("community-contact", "hidden-talent"),
        CLINICAL,
    ),
    _Idea(
        "com-c09-6",
        "Find out what skills and interests we all have, and use them.",
        "A music group and a walking group now run on talents we did not know we had.",
        "Using the team's hidden talents",
        "We know each other's job titles but little else. Finding out what staff and people "
        "who use the service can do, from music to cooking, would let us start groups that "
        "people want.",
        "quick-win",
        "Support worker",
        (
            ("Ask staff and people using the service about their skills", f"{PERSON} and staff"),
            ("Start one group built on a hidden talent", "Support worker"),
        ),
        ("hidden-talent",),
    ),
    _Idea(
        "com-c06-1",
        "Write safety plans with people, using what they know helps.",
        "Most safety plans now have a part in the person's own words.",
        "Safety plans written together",
        "Safety plans are often written about people rather than with them, and people rarely "
        "keep a copy. Writing them together, in the person's words, would make them something "
        "people use.",
        "longer-term",
        "Community mental health nurse",
        (
            ("Try a safety plan template written with people who use the service", PERSON),
            ("Train the team in shared safety planning", "Practice educator"),
            ("Check a sample of safety plans for the person's own words", "Team manager"),
        ),
        ("lived-experience",),
        CLINICAL,
    ),
    _Idea(
        "com-c04-5",
        "Show people what we changed after they told us something.",
        "The 'you said, we did' board is updated after every forum, and people read it.",
        "You said, we did",
        "People give us feedback but never hear what happened to it. A 'you said, we did' "
        "board, kept up to date, would show that speaking up changes things.",
        "quick-win",
        TEAM_MANAGER,
        (
            ("Put up a 'you said, we did' board where people wait", PERSON),
            ("Update the board after every forum and team meeting", "Team administrator"),
        ),
        ("hidden-talent", "lived-experience"),
    ),
    _Idea(
        "com-c03-1",
        "Invite a peer trainer to talk to the team, and hand out the prospectus.",
        "Every new person now gets the prospectus, and the first few have enrolled.",
        "Everyone hears about the recovery college",
        "Only a few staff know what the recovery college offers, so only a few people hear "
        "about it. A talk from a peer trainer and a prospectus for everyone would change that.",
        "quick-win",
        "Peer support worker",
        (
            ("Invite a peer trainer to a team meeting to talk about courses", "Peer worker"),
            ("Give the prospectus to everyone at their first appointment", "Team administrator"),
            ("Ask people who have been on a course to tell others about it", PERSON),
        ),
        ("community-contact", "lived-experience"),
        CLINICAL | {"vcfse-service"},
    ),
    _Idea(
        "com-c08-1",
        "Make the case for a second peer worker, so no peer works alone.",
        "We recruited a second peer worker, and the two now support each other.",
        "A second peer worker post",
        "Our one peer worker works alone and is stretched thin. A second post, with supervision "
        "from an experienced peer worker, would make the role safer and reach more people.",
        "longer-term",
        TEAM_MANAGER,
        (
            ("Write the case for a second peer worker post", TEAM_MANAGER),
            ("Help shape the job description and sit on the interview panel", PERSON),
            ("Set up supervision from an experienced peer worker", "Peer support lead"),
        ),
        ("lived-experience",),
        CLINICAL | {"recovery-college"},
    ),
    _Idea(
        "com-c02-3",
        "Ask people who use the service and carers to help lead our learning, and pay them.",
        "Two people who use the service now co-lead our learning sessions, paid for their time.",
        "People who use the service teach the team",
        "Our learning sessions are planned and given by staff alone. People who use the service "
        "and carers know things we do not; paying them to help plan and lead sessions would "
        "make our learning better.",
        "longer-term",
        TEAM_MANAGER,
        (
            ("Agree a rate of pay for people who lead learning sessions", TEAM_MANAGER),
            ("Plan the first session together", f"{PERSON} and practice educator"),
            ("Hold a co-led learning session every quarter", PERSON),
        ),
        ("lived-experience", "hidden-talent"),
    ),
    _Idea(
        "ward-c01-1",
        "Rewrite the welcome booklet with people who have stayed on the ward.",
        "The new welcome booklet was written with people who have stayed here.",
        "A welcome written with people who have stayed here",
        "People arrive frightened, and the welcome booklet is out of date and hard to read. A "
        "booklet written with people who have stayed here, and a first conversation with a peer "
        "worker, would make arriving less frightening.",
        "quick-win",
        "Staff nurse",
        (
            ("Rewrite the welcome booklet with people who have stayed on the ward", PERSON),
            ("Offer everyone who arrives a welcome talk with a peer worker", "Peer support worker"),
            ("Ask people a week after they arrive whether the welcome helped", "Staff nurse"),
        ),
        ("lived-experience", "hidden-talent"),
    ),
    _Idea(
        "ward-c05-2",
        "Plan activities for evenings and weekends with the people on the ward.",
        "Activities now run most evenings and at weekends, chosen at the community meeting.",
        "Something to do every evening and weekend",
        "Activities stop at five o'clock and at weekends, when people say the ward is at its "
        "most boring. A timetable chosen with people on the ward, and run by the whole team, "
        "would fill those hours.",
        "longer-term",
        "Occupational therapist",
        (
            ("Ask the community meeting which activities people want", PERSON),
            ("Draw up an evening and weekend timetable with the team", "Occupational therapist"),
            ("Count each month how many sessions ran and how many came", "Activity coordinator"),
        ),
        ("hidden-talent", "community-contact"),
    ),
    _Idea(
        "ward-c01-3",
        "Give people a sheet to set their own agenda before each ward round.",
        "People now write their own agenda before ward rounds, and most bring it with them.",
        "My say in my ward round",
        "People say ward rounds feel like being called before a panel. A sheet to write down "
        "what they want to talk about, and the offer of bringing someone, would give them a say.",
        "quick-win",
        "Consultant psychiatrist",
        (
            ("Write a 'my agenda' sheet with people on the ward", PERSON),
            ("Offer the sheet and a supporter to everyone before each ward round", "Staff nurse"),
        ),
        ("lived-experience",),
    ),
    _Idea(
        "ward-c06-3",
        "Go through every ward rule at the community meeting and keep only those we can explain.",
        "We went through every rule with people on the ward and dropped four we could not justify.",
        "Reviewing the ward's rules together",
        "The ward has rules nobody can explain, such as set times for hot drinks. Reviewing each "
        "one with people on the ward, and keeping only what can be justified, would make the "
        "ward feel less like an institution.",
        "longer-term",
        TEAM_MANAGER,
        (
            ("List every ward rule with the community meeting", PERSON),
            ("Drop or explain each rule that cannot be justified", TEAM_MANAGER),
            ("Put the agreed rules in the welcome booklet", "Staff nurse"),
        ),
        ("lived-experience",),
    ),
    _Idea(
        "ward-c08-3",
        "Offer everyone time with a peer worker in their first days on the ward.",
        "Most people now meet a peer worker within a few days of arriving.",
        "Meeting a peer worker in the first days",
        "People meet doctors and nurses first, and a peer worker only if they ask. Time with a "
        "peer worker soon after they arrive would show people that recovery is possible.",
        "quick-win",
        "Peer support worker",
        (
            ("Add a peer worker visit to the admission checklist", TEAM_MANAGER),
            ("Ask people whether meeting a peer worker early helped", PERSON),
        ),
        ("lived-experience",),
    ),
    _Idea(
        "ward-c10-5",
        "Invite local groups onto the ward, so people have links for when they leave.",
        "A walking football club and the library now visit the ward every month.",
        "Local groups come onto the ward",
        "People leave hospital with few links to anything outside it. Local groups running "
        "sessions on the ward would give people somewhere to go when they get home.",
        "longer-term",
        "Occupational therapist",
        (
            ("Ask people which local groups they would like to meet", PERSON),
            ("Invite three local groups to run a session on the ward", "Occupational therapist"),
            ("Keep a list of the groups for people to take home", "Healthcare assistant"),
        ),
        ("community-contact",),
    ),
    _Idea(
        "ward-c07-2",
        "Co-chair the community meeting with someone staying on the ward, and show what changed.",
        "The community meeting is co-chaired by someone staying here, and its decisions are up.",
        "A community meeting that changes things",
        "The community meeting is run by staff, and people say nothing comes of it. Sharing the "
        "chair, and putting up what was agreed and what happened, would give people a real say.",
        "quick-win",
        TEAM_MANAGER,
        (
            ("Co-chair the community meeting with a person staying on the ward", PERSON),
            ("Put up what was agreed and what happened after each meeting", "Healthcare assistant"),
        ),
        ("lived-experience",),
    ),
    _Idea(
        "ward-c10-2",
        "Start planning for going home in the first week, with the community team.",
        "Planning for going home now starts in the first week, with the community team involved.",
        "Planning for home from the first week",
        "Planning for leaving hospital starts late, and people wait on the ward for housing or "
        "benefits to be sorted. Starting in the first week, with the person, their family if "
        "they wish and the community team, would get people home sooner and better prepared.",
        "longer-term",
        "Discharge coordinator",
        (
            ("Add a 'going home' talk to the first week's checklist", "Discharge coordinator"),
            ("Invite the community team to the first ward round", TEAM_MANAGER),
            ("Ask people after they leave whether they felt ready", PERSON),
        ),
        ("community-contact", "lived-experience"),
    ),
    _Idea(
        "ward-c09-5",
        "Find out what skills and interests staff and people on the ward could share.",
        "Staff now run a weekly music session and a cooking group on skills we did not know of.",
        "The ward's hidden talents",
        "Staff have skills nobody asks about, from music to languages, and so do people on the "
        "ward. Finding them out and using them would bring more life to the ward.",
        "quick-win",
        "Healthcare assistant",
        (
            ("Ask staff and people on the ward what they could share", f"{PERSON} and staff"),
            ("Start a weekly session led by someone with a hidden talent", "Healthcare assistant"),
        ),
        ("hidden-talent",),
    ),
)  # fmt: skip


class Trips:
    """Writes each showcase team's TRIP through the service: its assets, two TRIP rounds about
    six months apart with every statement rated, and four co-led priorities from the first,
    agreed and reviewed up to `today`."""

    def __init__(self, service: Service, rng: random.Random, today: date) -> None:
        self.service = service
        self.rng = rng
        self.today = today
        self.groups = {g.id for g in service.definitions.stakeholder_groups}
        self.made = {"trip_rounds": 0, "assets": 0, "trip_priorities": 0, "trip_reviews": 0}

    def provider(self, teams: list[Team]) -> None:
        """A TRIP for every team but the last (when there is more than one)."""
        for index, team in enumerate(teams[:-1] if len(teams) > 1 else teams):
            self._team(team, lapsed=index == 0)

    def _team(self, team: Team, lapsed: bool) -> None:
        service, rng, today = self.service, self.rng, self.today
        bset = service.trip.benchmark_set_for(team)
        values = service.definitions.scales[bset.scale].values
        ranked = [v.value for v in sorted((v for v in values if v.rank), key=lambda v: v.rank)]
        if not ranked:
            return
        other = {v.value for v in values if not v.rank}
        ideas = self._ideas(team, bset)
        assets = self._assets(team)

        first_on = workday(today - timedelta(days=rng.randint(*TRIP_DAYS_BEFORE)))
        second_on = workday(first_on + timedelta(days=rng.randint(*TRIP_DAYS_APART)))
        chosen = {idea.statement: idea for idea in ideas}
        first, second = self._ratings(team, bset, ranked, other, chosen)
        role = MANAGERS.get(team.team_type, TEAM_MANAGER)
        round_ids = []
        for held_on, ratings in ((first_on, first), (second_on, second)):
            facilitator = rng.choice(TRIP_FACILITATORS).replace(TEAM_MANAGER, role)
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

        people = [f"{a}.{b}." for a, b in _pairs(rng, len(ideas))]
        quick = [n for n, idea in enumerate(ideas) if idea.timescale == "quick-win"]
        overdue = (quick or [0])[0] if lapsed else -1
        for n, (idea, person) in enumerate(zip(ideas, people, strict=True)):
            self._priority(
                round_ids[0], idea, person, role, assets, first_on, second_on, n == overdue
            )

    def _ideas(self, team: Team, bset: BenchmarkSet) -> list[_Idea]:
        """Four priorities that suit the team, quick wins and longer term mixed."""
        rng = self.rng
        ids = {s.id for s in bset.statements}
        fits = [
            i for i in IDEAS if i.statement in ids and (not i.teams or team.team_type in i.teams)
        ]
        quick = [i for i in fits if i.timescale == "quick-win"]
        longer = [i for i in fits if i.timescale != "quick-win"]
        rng.shuffle(quick)
        rng.shuffle(longer)
        if not quick or not longer:  # a benchmark set the demo has no ideas for
            return [_any_idea(s, n) for n, s in enumerate(rng.sample(bset.statements, 4))]
        wanted = min(len(quick), max(TRIP_PRIORITIES - len(longer), rng.choice((1, 2, 2, 3))))
        return quick[:wanted] + longer[: TRIP_PRIORITIES - wanted]

    def _assets(self, team: Team) -> list[Asset]:
        """Four to eight, at least one of each kind, held by roles or initials."""
        rng = self.rng
        kinds = {k.id for k in self.service.definitions.trip.asset_kinds}
        pool = [a for a in ASSETS if a[0] in kinds]
        picked = [rng.choice([a for a in pool if a[0] == kind]) for kind in sorted(kinds)]
        rest = [a for a in pool if a not in picked]
        picked += rng.sample(rest, min(len(rest), rng.randint(4, 8) - len(picked)))
        rng.shuffle(picked)
        found = []
        for kind, holder, held_by, what in picked:
            initials = "".join(f"{c}." for c in rng.sample(LETTERS, 2))
            found.append(
                self.service.trip.add_asset(
                    ACTOR, team.id, kind=kind, holder=holder, held_by=held_by or initials, what=what
                )
            )
        self.made["assets"] += len(found)
        return found

    def _participants(self) -> dict[str, int]:
        people = {g: self.rng.randint(*span) for g, span in TRIP_PARTICIPANTS.items()}
        return {g: n for g, n in people.items() if n and g in self.groups}

    def _ratings(
        self,
        team: Team,
        bset: BenchmarkSet,
        ranked: list[str],
        other: set[str],
        chosen: dict[str, _Idea],
    ) -> tuple[dict[str, Rating], dict[str, Rating]]:
        """Every statement rated in both rounds: mostly between started and partly at first,
        a little further on six months later, the chosen priorities most of all."""
        rng = self.rng
        top = len(ranked) - 1
        level = rng.uniform(-0.4, 0.5)  # how far on this team is
        lead = HEAD_START.get(team.team_type, ())
        unfit = NOT_APPLICABLE.get(team.team_type, {})
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
                    first[s.id] = Rating(na, next_step=NOT_APPLICABLE_NEXT)
                elif unsure and rng.random() < 0.03:
                    first[s.id] = Rating(unsure, next_step=rng.choice(DONT_KNOW_NEXT))
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
                    second[s.id] = Rating(unsure, next_step=rng.choice(DONT_KNOW_NEXT))
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
            proud = self._text(PROUD.get(challenge, ()), ANY_PROUD, used)
        if rng.random() < 0.3 - 0.25 * share:
            next_step = self._text(NEXT.get(challenge, ()), ANY_NEXT, used)
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
        idea: _Idea,
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
                what=what,
                who=who(by),
                by_when=dates[n],
                status="on-track" if n == 0 else "not-started",
            )
            for n, (what, by) in enumerate(idea.actions)
        )
        fitting = [a.id for a in assets if a.kind in idea.kinds] or [a.id for a in assets]
        linked = rng.sample(fitting, min(len(fitting), rng.randint(1, 2)))

        plan = service.trip.create_trip_priority(ACTOR, round_id, idea.statement)
        content = PlanContent(
            title=idea.title,
            description=idea.description,
            timescale=idea.timescale,
            staff_lead=Lead(name=rng.choice(LEADS), role=who(idea.lead_role)),
            person_lead_initials=person,
            actions=actions,
            assets=tuple(sorted(linked)),
            next_review_on=first_review,
        )
        plan = service.plans.save_plan(ACTOR, plan.id, plan.version, content)
        plan = service.plans.agree_trip_priority(
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
            service.plans.record_review(
                ACTOR,
                plan.id,
                held_on=day,
                measurements={},
                goal_outcomes={},
                action_statuses=statuses,
                stage=None,
                stage_evidence="",
                learned=TRIP_DONE if finished and last else rng.choice(TRIP_LEARNED),
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


def _any_idea(statement: Statement, n: int) -> _Idea:
    """A priority on any statement, for a benchmark set the demo has written none for."""
    return _Idea(
        statement.id,
        "Agree with people who use the service what would show progress.",
        "People who use the service say this has moved on since the last round.",
        statement.text if len(statement.text) <= 80 else statement.text[:77].rstrip() + "...",
        "The room agreed this is where change is needed first.",
        "quick-win" if n % 2 else "longer-term",
        TEAM_MANAGER,
        (
            ("Agree with people who use the service what would show progress", PERSON),
            ("Report progress to the team meeting every month", TEAM_MANAGER),
        ),
        (),
    )


def _pairs(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` different pairs of letters, for initials."""
    found: list[tuple[str, str]] = []
    while len(found) < count:
        pair = (rng.choice(LETTERS), rng.choice(LETTERS))
        if pair not in found:
            found.append(pair)
    return found
