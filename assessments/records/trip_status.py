"""Teams by their TRIP, as a commissioner reads them: whether each team's TRIP is current, when
it last met and reviewed, what is due, how many priorities are open and co-led, its assets, and
how its answers moved between its last two rounds. The words and columns are named here; the
read is `service/trip_status.py`, the counts and the page's table `analytics/trip_status.py`.

TRIP is a conversation, never a score: nothing here adds a team's answers up, and teams are
listed by provider and name, never by any count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

# A team's TRIP in words. The method asks only that priorities are "reviewed regularly"
# (Repper & Perkins 2013, ImROC Briefing Paper 6): how recent counts as current is this tool's
# threshold, `CURRENT_MONTHS` in `service/trip_status.py`.
CURRENT = "Current"  # a TRIP round, or a review of one of its priorities, within the months
LAPSED = "Lapsed"  # a TRIP round once, but nothing since within the months
NO_TRIP = "None"  # no TRIP round yet (practice rounds never count)
STATUSES = (CURRENT, LAPSED, NO_TRIP)

YES, NO = "Yes", "No"

# How a statement's answer went from the earlier of two rounds to the later.
MOVED_ON = "Moved on"
STAYED = "Stayed"
MOVED_BACK = "Moved back"
CHANGED = "Changed"  # a different answer where the scale gives no order (e.g. "Don't know")
MOVES = (MOVED_ON, STAYED, MOVED_BACK, CHANGED)
TALKED_THROUGH = "Talked through"  # statements the later round talked through

TEAM_COLUMNS = ["team_id", "Team", "Provider", "provider_id", "Type", "Locality"]
STATUS_COLUMNS = [
    *TEAM_COLUMNS,
    "TRIP status",
    "Last TRIP round",  # date, or None
    "Last review",  # the latest review of any of its TRIP priorities: date, or None
    "Next review",  # the earliest review due among its open TRIP priorities: date, or None
    "Review overdue",  # YES or NO
    "Open priorities",  # int
    "Co-led",  # open priorities with a staff co-lead and a co-lead who uses the service: int
    "Assets recorded",  # the team's current (not archived) assets: int
    "Round before",  # the round before the last, whose answers the moves start from: date, or None
    *MOVES,  # Int64: statements answered in both rounds; missing with fewer than two rounds
    TALKED_THROUGH,  # Int64: statements talked through in the last round; missing with none
]


@dataclass(frozen=True)
class TripStatusRecords:
    """One row per live team the person may read (STATUS_COLUMNS), by provider then name."""

    teams: pd.DataFrame
    today: date
    current_since: date  # a round or review on or after this day makes a TRIP current
    months: int  # the threshold behind `current_since`
