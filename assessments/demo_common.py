"""What the demo's Template A, Template B and TRIP records share: who writes them, the leads'
fictional names, the roles that run each kind of team, and the days workshops are held on."""

from __future__ import annotations

from datetime import date, timedelta

from assessments.records import Actor

ACTOR = Actor("Demo generator", "system")

LEADS = (
    "T. Sample (fictional)",
    "A. Placeholder (fictional)",
    "M. Mockford (fictional)",
    "S. Instance (fictional)",
    "L. Prototype (fictional)",
    "D. Fixture (fictional)",
)

# Some teams start further on in the challenges that are their own work.
HEAD_START = {
    "recovery-college": ("c02-education", "c03-education-centre"),
    "vcfse-service": ("c07-involvement", "c10-beyond-illness"),
}

TEAM_MANAGER = "Team manager"  # in a theme, replaced by the role that runs the team
MANAGERS = {
    "acute-ward": "Ward manager",
    "forensic-secure": "Ward manager",
    "inpatient-rehab": "Unit manager",
    "recovery-college": "Recovery college manager",
    "vcfse-service": "Service coordinator",
    "corporate": "Head of department",
}


def workday(day: date) -> date:
    """Workshops are not held at weekends or between Christmas and New Year: such a day moves
    back to the working day before (never forward, so no round lands after today)."""
    if (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 3):
        year = day.year if day.month == 12 else day.year - 1
        day = date(year, 12, 19)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
