"""Each TRIP statement cites its source: a source of its own file, and where useful the part of
it. A citation is read beside the statement and never rated, so adding one (or rewording what
a TRIP asset kind covers) changes no version; the statements themselves still may not change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framework.__main__ import check
from framework.loader import DEFINITIONS, load
from tests.hostile.payloads import TRACKER, poison_definitions

DEFS = load()
SETS = sorted(DEFS.benchmark_sets)
METHOD = DEFINITIONS / "trip-method.yaml"


@pytest.mark.parametrize("set_id", SETS)
def test_every_statement_cites_a_source_from_its_files_list(set_id):
    bset = DEFS.benchmark_sets[set_id]
    listed = {s.id for s in bset.sources}
    uncited = [s.id for s in bset.statements if s.source not in listed or not s.where]
    assert uncited == []


def test_the_trip_examples_are_cited_to_trip_and_the_rest_to_their_challenge():
    community = DEFS.benchmark_sets["trip-community"]
    first_contact = community.statement("com-c01-5")  # letters and the waiting area
    assert community.citation(first_contact) == (
        "Repper & Perkins 2013, priorities: changes teams have chosen"
    )
    assert (
        community.citation(community.statement("com-c06-1")) == "Shepherd et al. 2010, challenge 6"
    )
    ward = DEFS.benchmark_sets["trip-inpatient"]
    assert ward.statement("ward-c06-2").source == "slade-2018"  # No Force First


def _copy(tmp_path: Path, shipped: Path, edit) -> Path:
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / shipped.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _statements(data: dict):
    return [s for g in data["groups"] for s in g["statements"]]


@pytest.mark.parametrize("set_id", SETS)
def test_a_copy_without_citations_is_still_the_same_version(set_id, tmp_path, capsys):
    """A set saved before its statements cited their sources says the same to every round on
    it: refusing it would force a new version for a change nobody rates."""

    def uncite(data):
        for s in _statements(data):
            s.pop("source")
            s.pop("where")

    before = _copy(tmp_path, DEFINITIONS / f"{set_id}.yaml", uncite)

    assert check([str(before)]) == 0, capsys.readouterr().out


def test_a_reworded_statement_under_the_same_version_is_still_refused(tmp_path, capsys):
    def edit(data):
        _statements(data)[0]["text"] += " Changed."

    changed = _copy(tmp_path, DEFINITIONS / "trip-community.yaml", edit)

    assert check([str(changed)]) == 1
    assert "is shipped with different content" in capsys.readouterr().out


def test_a_statement_citing_a_source_the_file_does_not_list_is_refused(tmp_path, capsys):
    def edit(data):
        _statements(data)[2]["source"] = "someone-2020"

    wrong = _copy(tmp_path, DEFINITIONS / "trip-community.yaml", edit)

    assert check([str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "groups[0].statements[2].source" in out
    assert "source 'someone-2020' is not listed" in out


def test_a_where_without_a_source_is_refused(tmp_path, capsys):
    def edit(data):
        _statements(data)[0].pop("source")

    wrong = _copy(tmp_path, DEFINITIONS / "trip-corporate.yaml", edit)

    assert check([str(wrong)]) == 1
    assert "where is set but the statement names no source" in capsys.readouterr().out


def test_lived_experience_includes_having_provided_services():
    kind = next(k for k in DEFS.trip.asset_kinds if k.id == "lived-experience")
    assert "using services" in kind.description
    assert "providing services" in kind.description
    assert "staff or carers who have given care" in kind.description


def test_an_asset_kinds_old_description_is_still_the_same_version(tmp_path, capsys):
    """What an asset kind covers rates nothing (assets are listed, never rated): the method's
    copy from before lived experience of providing services was named is still version 1."""

    def edit(data):
        data["asset_kinds"][0]["description"] = (
            "First-hand experience of mental health problems, of using services or of "
            "supporting someone close, that the person chooses to offer to the team."
        )

    before = _copy(tmp_path, METHOD, edit)

    assert check([str(before)]) == 0, capsys.readouterr().out


def test_a_changed_priority_limit_under_the_same_version_is_still_refused(tmp_path, capsys):
    def edit(data):
        data["priorities"]["at_most_open"] = 6

    changed = _copy(tmp_path, METHOD, edit)

    assert check([str(changed)]) == 1
    assert "is shipped with different content" in capsys.readouterr().out


def test_the_payload_corpus_reaches_each_statements_where():
    poisoned = poison_definitions(DEFS).benchmark_sets["trip-community"].statements[0]
    assert TRACKER in poisoned.where
    assert poisoned.source == "shepherd-2010"  # an id, left as it is so the reference holds
