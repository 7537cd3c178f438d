"""What the page tests of TRIP share: a page opened as a person, the TRIP page of a team, a
button clicked, and the benchmarks form's widgets and what they show."""

from __future__ import annotations

from assessments.records import Actor
from pages.kit import routes
from tests.app.conftest import LEAD, open_page


def page(path: str, actor: Actor = LEAD, **query: str):
    at = open_page(None, **query)
    at.session_state["actor"] = actor
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def trip_page(team, part: str, **query: str):
    return page(
        routes.TRIP.path, org=str(team.organisation_id), team=str(team.id), part=part, **query
    )


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def field(place: int, name: str) -> str:
    """A widget of the benchmarks form: keyed by its place on the screen, never the statement."""
    return f"trip-benchmarks:{place}:{name}"


def shown(at) -> tuple:
    """The challenge on screen, and each statement's answer, proud and next as shown."""
    places = len([s for s in at.segmented_control if s.key and s.key.startswith("trip-")])
    return at.header[0].value.split(".")[0], [
        (
            at.segmented_control(key=field(place, "value")).value,
            at.text_area(key=field(place, "proud")).value,
            at.text_area(key=field(place, "next")).value,
        )
        for place in range(places)
    ]
