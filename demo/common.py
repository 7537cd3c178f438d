"""What the demo's Template A, Template B and TRIP builders share: who writes the records, the
placeholders their content uses, and the days workshops are held on."""

from __future__ import annotations

from datetime import date, timedelta

from assessments.records import Actor

ACTOR = Actor("Demo generator", "system")

TEAM_MANAGER = "Team manager"  # in the content, replaced by the role that runs the team
PERSON = "{person}"  # in a TRIP action's "who": the initials of the co-lead who uses the service


def workday(day: date) -> date:
    """Workshops are not held at weekends or between Christmas and New Year: such a day moves
    back to the working day before (never forward, so no round lands after today)."""
    if (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 3):
        year = day.year if day.month == 12 else day.year - 1
        day = date(year, 12, 19)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
