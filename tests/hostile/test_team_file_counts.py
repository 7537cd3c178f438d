"""A team file holds at most a declared number of records of each kind: more is refused before
anything is written, with the part named, instead of minutes of checking and writing."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import yaml

from exports.team_file.format import MOST_IN_PLAN, MOST_ITEMS
from exports.team_file.read import TeamFileRefused, read_checked
from tests.unit.team_file_helpers import VALID


def problems(data: dict, definitions) -> list[str]:
    with pytest.raises(TeamFileRefused) as refused:
        read_checked(yaml.safe_dump(data), "big.yaml", definitions, date(2026, 11, 23))
    return [str(p) for p in refused.value.problems]


def test_more_assets_than_a_team_holds_are_refused_with_the_part_named(definitions):
    data = yaml.safe_load(VALID.read_text())
    one = data["assets"][0]
    data["assets"] = [{**one, "key": f"asset-{n}"} for n in range(MOST_ITEMS["assets"] + 1)]

    assert any(
        f"assets: holds {MOST_ITEMS['assets'] + 1} assets (expected at most "
        f"{MOST_ITEMS['assets']} assets)" in p
        for p in problems(data, definitions)
    )


def test_more_goals_than_a_plan_holds_are_refused_with_the_plan_named(definitions):
    data = yaml.safe_load(VALID.read_text())
    content = data["plans"][0]["versions"][0]["content"]
    content["goals"] = [
        {**copy.deepcopy(content["goals"][0]), "key": f"g{n}"}
        for n in range(MOST_IN_PLAN["goals"] + 1)
    ]

    found = problems(data, definitions)

    assert any(
        f"plans[0].versions[0].content.goals: holds {MOST_IN_PLAN['goals'] + 1} items "
        f"(expected at most {MOST_IN_PLAN['goals']})" in p
        for p in found
    ), found
