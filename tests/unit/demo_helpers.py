"""What the demo tests share: the day the demo is built for, its TRIP priorities per team, and
its plans and TRIPs found by name."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 23)  # the `service` fixture's today: no agreed round may come after it
TRIP_PRIORITIES = 4  # each team's open co-led priorities: the method advises three to five


def plans_by_scope(service) -> dict[str, list]:
    """Each provider's own plans and each team's, by name."""
    found = {}
    for org in service.providers.organisations():
        found[org.name] = service.plans.plans(org.id)
        for team in service.providers.teams(org.id):
            found[team.name] = service.plans.plans(org.id, team.id)
    return found


def trips(service) -> dict[str, tuple]:
    """Each team with a TRIP, by name: the team, its TRIP rounds oldest first, and the
    ratings of each."""
    found = {}
    for team in service.providers.teams():
        rounds = sorted(service.trip.trip_rounds(team.id), key=lambda r: r.held_on)
        if rounds:
            found[team.name] = (team, rounds, [service.trip.trip_ratings(r.id) for r in rounds])
    return found
