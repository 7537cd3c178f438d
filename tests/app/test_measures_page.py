"""The measures page: a figure and a "not available" recorded for a provider, both shown (the
gap in words, never as a zero); typing kept across another page and saved as typed; a save over
someone else's shows both; the CSV template offered imports cleanly; and a
viewer, signed in, sees the figures with no form."""

from __future__ import annotations

from datetime import date

from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.records.measures import Period, PeriodKind
from assessments.rules.measures import template_csv
from pages.kit import routes, ui
from tests.app.conftest import LEAD, TODAY, open_page

MOVES = "moves-to-independent-living"
BY = {"by": "Sam Okafor (Facilitator)"}


def _org() -> int:
    return ui.service().providers.create_organisation(LEAD, "Northfield (fictional)").id


def _page(org: int):
    return open_page(routes.MEASURES.path, org=str(org), indicator=MOVES, **BY)


def _stored(org: int) -> dict:
    values = ui.service().measures.measure_values(org, indicator_id=MOVES)
    return {v.period.start: (v.value, v.reason, v.target, v.note) for v in values}


def _save(at):
    return next(b for b in at.button if b.label.startswith("Save ")).click().run()


def _last_month() -> date:
    first = TODAY.replace(day=1)
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def test_a_figure_and_a_gap_are_recorded_and_the_gap_is_shown_as_one():
    org = _org()
    at = _page(org)
    assert at.selectbox(key="measure:period:month").value == _last_month().isoformat()
    at.text_input(key="measure:value").input("7")
    at.text_input(key="measure:target").input("8")
    at = _save(at)
    assert not at.exception, [e.value for e in at.exception]
    assert _stored(org) == {_last_month(): (7.0, "", 8.0, "")}
    assert any("Saved" in s.value for s in at.success)

    older = (_last_month().replace(day=1) - date.resolution).replace(day=1)
    at.selectbox(key="measure:period:month").select(older.isoformat()).run()
    assert at.text_input(key="measure:target").value == ""  # no earlier target than this one
    at.radio(key="measure:status").set_value("not-available")
    at.text_input(key="measure:reason").input("The return was not sent")
    at = _save(at)
    assert _stored(org)[older] == (None, "The return was not sent", None, "")
    table = next(t.value for t in at.table if "Figure" in t.value.columns)
    assert "Not available: The return was not sent" in table["Figure"].tolist()
    assert "7" in table["Figure"].tolist() and "0" not in table["Figure"].tolist()


def test_a_bad_figure_is_refused_by_name_and_the_typing_stays():
    org = _org()
    at = _page(org)
    at.text_input(key="measure:value").input("seven")
    at = _save(at)
    assert "'seven' is not a number" in " ".join(e.value for e in at.error)
    assert at.text_input(key="measure:value").value == "seven"
    assert _stored(org) == {}


def test_typing_survives_another_page_and_saves_as_typed():
    org = _org()
    at = _page(org)
    at.text_input(key="measure:value").input("12")
    at.text_area(key="measure:note").input("From the October return")
    at.switch_page(routes.HOME.path).run()
    at.switch_page(routes.MEASURES.path).run()
    assert at.text_input(key="measure:value").value == "12"
    at = _save(at)
    assert _stored(org) == {_last_month(): (12.0, "", None, "From the October return")}
    at.switch_page(routes.HOME.path).run()
    at.switch_page(routes.MEASURES.path).run()
    assert at.text_input(key="measure:value").value == "12"  # filled from the store


def test_a_save_over_someone_elses_shows_both_and_keeps_theirs():
    org = _org()
    at = _page(org)
    period = Period(_last_month(), PeriodKind.MONTH)
    ui.service().measures.record_value(Actor("Jo Reyes", "Commissioner"), org, MOVES, period, 0,
                                       value=3)  # fmt: skip
    at.text_input(key="measure:value").input("9")
    at = _save(at)
    assert any("Jo Reyes" in e.value for e in at.error)
    compared = next(t.value for t in at.table if "Yours (not saved)" in t.value.columns)
    assert compared.iloc[0].tolist()[1:] == ["9", "3"]
    assert _stored(org)[_last_month()][0] == 3.0


def test_the_csv_template_offered_is_one_the_import_takes():
    org = _org()
    at = _page(org)
    offered = next(b for b in at.get("download_button") if b.label == "Download a CSV template")
    assert offered is not None
    count = ui.service().measures.import_csv(LEAD, org, template_csv())
    assert (count.added, count.replaced) == (2, 0)
    assert sorted(v[1] for v in _stored(org).values()) == ["", "Not collected"]


def test_a_viewer_reads_the_figures_with_no_form():
    org = _org()
    svc = ui.service()
    svc.measures.record_value(LEAD, org, MOVES, Period(_last_month(), PeriodKind.MONTH), 0, value=4)
    svc.accounts.create_account(
        Actor("Command line", "Administrator"), "vic", "Vic Viewer", "viewer",
        "correct horse battery staple", [Scope(org)],
    )  # fmt: skip
    at = open_page(None, org=str(org), indicator=MOVES)
    at.session_state["access:token"] = svc.accounts.sign_in(
        "vic", "correct horse battery staple"
    ).token
    at.switch_page(routes.MEASURES.path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [s for s in at.header if s.value == "Record a figure"]
    assert not at.text_input and not at.expander
    table = next(t.value for t in at.table if "Figure" in t.value.columns)
    assert table["Figure"].tolist() == ["4"]
    assert at.title[0].value == "Measures"


def test_teams_with_a_current_trip_is_offered_from_this_tools_trip_records():
    svc = ui.service()
    org = _org()
    with_trip = svc.providers.create_team(LEAD, org, "Alpha CMHT (fictional)", "cmht")
    svc.providers.create_team(LEAD, org, "Beta Ward (fictional)", "acute-ward")
    svc.trip.create_trip_round(LEAD, with_trip.id, held_on=TODAY, facilitator="Peer worker")
    at = open_page(routes.MEASURES.path, org=str(org), indicator="teams-current-trip", **BY)

    assert any(
        "From this tool's TRIP records today: 1 of 2 teams has a current TRIP" in c.value
        for c in at.caption
    )
    assert at.text_input(key="measure:value").value == "1"  # offered, not yet saved
    assert svc.measures.measure_values(org, indicator_id="teams-current-trip") == []
    at = _save(at)
    assert not at.exception, [e.value for e in at.exception]
    (saved,) = svc.measures.measure_values(org, indicator_id="teams-current-trip")
    assert saved.value == 1
