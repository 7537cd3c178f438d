"""Small groups of a phone vote in a team file: the 2 carers who voted by phone are written as
`voters: fewer than 5` with no counts (a hand count of 2 as counted); imported elsewhere they
are "fewer than 5" there too and the file comes out the same; imported where the counts are,
the file never writes zeros over them (on both databases)."""

from __future__ import annotations

import pytest
import yaml

from assessments.analytics.template_a import hidden_views
from exports.team_file import TeamFileRefused, import_team_file, read_team_file, team_file
from tests.unit.team_file_helpers import fresh_store
from tests.unit.test_small_phone_votes_report import (
    CARERS,
    COUNTED,
    USERS,
    VOTED,
    team_with_a_phone_vote,
)

V2010 = "imroc-challenges@2010"


def test_the_file_says_fewer_than_5_for_the_carers_phone_vote_and_keeps_hands_exact(
    service, actor, org
):
    team, _ = team_with_a_phone_vote(service, actor, org)
    text = team_file(service, team.id)
    views = yaml.safe_load(text)["rounds"][0]["challenges"]
    voted, counted = views[VOTED]["views"], views[COUNTED]["views"]
    assert voted[CARERS] == {
        "note": voted[CARERS]["note"], "phone_vote": True, "voters": "fewer than 5",
    }  # fmt: skip
    assert "Counted by phone vote" in voted[CARERS]["note"]
    assert voted[USERS]["stage_3"] == 5 and voted[USERS]["phone_vote"] is True
    assert counted[CARERS] == {"stage_1": 1, "stage_2": 1, "stage_3": 0, "not_sure": 0,
                               "note": "Hands"}  # fmt: skip


def test_imported_elsewhere_it_stays_fewer_than_5_and_exports_the_same(
    service, actor, org, definitions, tmp_path
):
    team, _ = team_with_a_phone_vote(service, actor, org)
    text = team_file(service, team.id)
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    result = import_team_file(target, actor, text)

    assert team_file(target, result.team_id) == text
    round_ = target.rounds.rounds(team_id=result.team_id)[0]
    records = target.workshop.challenge_records(round_.id)
    hidden = hidden_views(definitions.framework(V2010), definitions.stakeholder_groups, records)
    assert hidden.to_dict("records") == [
        {"No.": 4, "Challenge": "Ensuring organisational commitment",
         "Group": "Carers, family and friends", "Views": "fewer than 5 (by phone)"},
    ]  # fmt: skip
    target.engine.dispose()


def test_a_file_brought_back_where_the_counts_are_never_writes_zeros_over_them(service, actor, org):
    team, made = team_with_a_phone_vote(service, actor, org)
    before = service.workshop.challenge_record(made.id, VOTED).answer
    # The file is a round ahead of the store (agreed since), so the round is caught up.
    text = team_file(service, team.id).replace("status: draft", "status: agreed")

    result = import_team_file(service, actor, text)

    assert result.updated.template_a_rounds == 1
    assert service.rounds.round(made.id).status == "agreed"
    after = service.workshop.challenge_record(made.id, VOTED).answer
    assert after.view(CARERS) == before.view(CARERS)  # the phones' 2 counts, kept
    assert (after.view(CARERS).stage_1, after.view(CARERS).stage_2) == (1, 1)


def test_a_file_saying_fewer_than_5_beside_counts_is_refused(service, actor, org):
    team, _ = team_with_a_phone_vote(service, actor, org)
    text = team_file(service, team.id).replace(
        "voters: fewer than 5", "voters: fewer than 5\n            stage_1: 2"
    )
    with pytest.raises(TeamFileRefused) as refused:
        read_team_file(text, definitions=service.definitions)
    (problem,) = refused.value.problems
    assert "fewer than 5 voted, beside counts" in problem.what and problem.path.endswith("voters")
