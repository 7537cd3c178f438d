"""The role table's row for teams by their TRIP: a list, never refused, that leaves out the
teams a person may not read (a commissioner reads the teams of the providers they commission;
a team member their own team)."""

from __future__ import annotations

from tests.unit.roles_expected import UseCase, read_everywhere

TRIP_STATUS_CASES = [
    UseCase(
        "trip_status.teams_by_trip",
        lambda svc, local, actor, side, role: svc.trip_status.teams_by_trip(),
        read_everywhere(),
        seen=lambda found, side, local: side.team in set(found.teams["team_id"]),
    ),
]
