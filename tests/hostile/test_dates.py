"""Dates outside the declared window (1 January 2000 to ten years after today) are refused with
the window named, in a form's save and in a team file; nothing is replaced by today."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.rules.errors import ServiceError
from exports.team_file.read import TeamFileRefused, read_team_file
from tests.unit.team_file_helpers import TODAY, VALID


@pytest.mark.parametrize("held_on", [date(1, 1, 1), date(1999, 12, 31), date(2036, 11, 24)])
def test_a_round_dated_outside_the_window_is_refused_and_nothing_is_stored(service, actor, held_on):
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    with pytest.raises(ServiceError) as refused:
        service.workshop.create_round(
            actor, org.id, framework="imroc-challenges@2010", held_on=held_on,
            facilitator="Sam Okafor",
        )  # fmt: skip
    assert refused.value.message == (
        f"The round is dated {held_on:%d %B} {held_on.year:04d}: a date from 01 January 2000 to "
        "23 November 2036 is expected."
    )
    assert service.rounds.rounds(org.id) == []


def test_a_team_file_round_in_year_one_is_refused_naming_its_line():
    text = VALID.read_text(encoding="utf-8")
    held = next(line for line in text.splitlines() if "held_on:" in line)
    broken = text.replace(held, held.split("held_on:")[0] + "held_on: 0001-01-01", 1)
    with pytest.raises(TeamFileRefused) as refused:
        read_team_file(broken, "year-one.yaml", today=TODAY)
    line = broken.splitlines().index(held.split("held_on:")[0] + "held_on: 0001-01-01") + 1
    assert any(
        p.line == line and p.what.startswith("is dated 01 January 0001: a date from")
        for p in refused.value.problems
    ), refused.value.problems
