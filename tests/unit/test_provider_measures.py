"""The measures commissioners contract on, per provider or team and period: a figure that fits
its unit, or "not available" with its reason (a gap, never a zero); a stale save refused with
both values; a CSV file checked whole, each bad row named by line and column, and written all
or nothing; every write in the audit log. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.records.measures import Period, PeriodKind
from assessments.rules.errors import ImportRefused, StaleSave
from tests.unit.service_helpers import OTHER, refused

MOVES = "moves-to-independent-living"  # number of people, higher is better
TRAINED = "staff-trained-recovery"  # a percentage
OCT = Period(date(2026, 10, 1), PeriodKind.MONTH)


@pytest.fixture
def team(service, actor, org):
    return service.providers.create_team(actor, org.id, "Alder CMHT", "cmht")


def test_a_figure_and_a_gap_are_kept_for_a_provider_and_for_a_team(service, actor, org, team):
    figure = service.measures.record_value(
        actor, org.id, MOVES, OCT, 0, value="7", target=8, note="From the monthly return"
    )
    gap = service.measures.record_not_available(
        actor, org.id, MOVES, OCT.following(), 0, reason="Return not sent", team_id=team.id
    )

    assert (figure.value, figure.target, figure.version, figure.recorded_by) == (
        7.0, 8.0, 1, actor.name,
    )  # fmt: skip
    assert gap.value is None and not gap.available and gap.reason == "Return not sent"
    assert service.measures.measure_values(org.id) == [figure]
    assert service.measures.measure_values(org.id, team_id=team.id) == [gap]
    actions = [(e.action, e.after["period"]) for e in service.history("measure_value")]
    assert actions == [("record", "month 2026-11-01"), ("record", "month 2026-10-01")]


def test_a_change_states_the_version_read_and_a_stale_one_shows_both(service, actor, org):
    first = service.measures.record_value(actor, org.id, MOVES, OCT, 0, value=7)
    changed = service.measures.record_value(actor, org.id, MOVES, OCT, first.version, value=9)
    assert (changed.value, changed.version) == (9.0, 2)

    with pytest.raises(StaleSave) as stale:
        service.measures.record_not_available(
            OTHER, org.id, MOVES, OCT, first.version, reason="System down"
        )
    assert "Oct 2026" in stale.value.message and actor.name in stale.value.message
    shown = {d.field: (d.yours, d.stored) for d in stale.value.differences}
    assert shown["Value"] == ("(empty)", "9")
    assert shown["Not available because"] == ("System down", "(empty)")
    with pytest.raises(StaleSave):  # recorded meanwhile by someone else: not a new one
        service.measures.record_value(OTHER, org.id, MOVES, OCT, 0, value=3)
    assert service.measures.measure_values(org.id)[0].value == 9.0


def test_each_field_is_checked_and_named(service, actor, org, team, definitions):
    record = service.measures.record_value
    assert "percentage from 0 to 100" in refused(
        lambda: record(actor, org.id, TRAINED, OCT, 0, value="140"), "value"
    )
    assert "whole number" in refused(
        lambda: record(actor, org.id, MOVES, OCT, 0, value=2.5), "value"
    )
    assert "not a number" in refused(
        lambda: record(actor, org.id, MOVES, OCT, 0, value="lots"), "value"
    )
    assert "is empty" in refused(lambda: record(actor, org.id, MOVES, OCT, 0, value=" "), "value")
    assert "target" in refused(
        lambda: record(actor, org.id, TRAINED, OCT, 0, value=50, target=-1), "target"
    )
    assert "not an indicator" in refused(
        lambda: record(actor, org.id, "made-up", OCT, 0, value=1), "indicator"
    )
    future = Period(date(2026, 12, 1), PeriodKind.MONTH)
    assert "in the future" in refused(
        lambda: record(actor, org.id, MOVES, future, 0, value=1), "period"
    )
    odd = Period(date(2026, 5, 1), PeriodKind.QUARTER)
    assert "January, April, July or October" in refused(
        lambda: record(actor, org.id, MOVES, odd, 0, value=1), "period"
    )
    assert "Say why" in refused(
        lambda: service.measures.record_not_available(actor, org.id, MOVES, OCT, 0, reason=""),
        "reason",
    )
    other = service.providers.create_organisation(actor, "Southgate (fictional)", "vcfse")
    assert "not a team of" in refused(
        lambda: record(actor, other.id, MOVES, OCT, 0, value=1, team_id=team.id), "team"
    )
    assert service.measures.measure_values(org.id) == []


def test_a_csv_file_is_written_whole_or_not_at_all_each_problem_named(service, actor, org, team):
    good = (
        "team,indicator,period,period_kind,value,not_available_reason,target\n"
        f",{MOVES},2026-09,month,6,,8\n"
        f"Alder CMHT,{MOVES},2026-09,month,,Not collected,8\n"
        f",{TRAINED},2026-07,quarter,45%,,60\n"
    )
    bad = good + (
        f",{MOVES},2026-13,month,6,,\n"
        f",{TRAINED},2026-08,month,120,,\n"
        f"Birch,{MOVES},2026-08,month,1,,\n"
        f",{MOVES},2026-09,month,7,,\n"
    )
    with pytest.raises(ImportRefused) as caught:
        service.measures.import_csv(actor, org.id, bad)
    said = {(p.line, p.field): p.message for p in caught.value.problems}
    assert set(said) == {(5, "period"), (6, "value"), (7, "team"), (8, "period")}
    assert "2026-04" in said[(5, "period")] and "line 2" in said[(8, "period")]
    assert "0 to 100" in said[(6, "value")]
    assert service.measures.measure_values(org.id) == []  # nothing half-imported

    count = service.measures.import_csv(actor, org.id, good.encode("utf-8-sig"))
    assert (count.added, count.replaced, count.unchanged) == (3, 0, 0)
    gap = service.measures.measure_values(org.id, team_id=team.id)[0]
    assert (gap.value, gap.reason) == (None, "Not collected")
    quarter = service.measures.measure_values(org.id, indicator_id=TRAINED)[0]
    assert (quarter.period.label, quarter.value) == ("Jul-Sep 2026", 45.0)

    again = service.measures.import_csv(actor, org.id, good.replace(",6,,8", ",5,,8"))
    assert (again.added, again.replaced, again.unchanged) == (0, 1, 2)
    assert service.history("measure_value")[0].before["value"] == 6.0  # the one replaced


def test_a_file_that_is_not_a_measures_csv_is_refused_plainly(service, actor, org):
    for data, said in (
        (b"\xff\xfeteam", "UTF-16"),
        ("", "is empty"),
        ("indicator,period,colour\n", "unknown column"),
        ("team,value\n", "missing column"),
        ("indicator,period,value\n", "no values"),
    ):
        with pytest.raises(ImportRefused) as caught:
            service.measures.import_csv(actor, org.id, data)
        assert said in str(caught.value.problems[0]), data
