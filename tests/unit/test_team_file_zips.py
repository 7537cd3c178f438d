"""Team files zipped: a provider's files, one per current team, and a zip sent in, imported
file by file so one broken file stops only itself."""

from __future__ import annotations

import io
import zipfile

import pytest

from exports.team_file import Imported, Refused, import_sent_file, provider_files, team_file
from tests.demo_store import load_demo_copy
from tests.unit.team_file_helpers import (
    FILES,
    SHOWN_TEAM,
    TODAY,
    VALID,
    expected_problems,
    fresh_store,
    team_named,
)

# Zips in and out; a team file's writes run on PostgreSQL in test_team_file_round_trip.py.
pytestmark = pytest.mark.sqlite_only


def test_a_providers_files_come_zipped_one_per_current_team(service, actor, definitions, tmp_path):
    load_demo_copy(service, teams=3, rounds=2, today=service.today())
    org = service.providers.organisations()[0]
    gone = team_named(service, SHOWN_TEAM)
    service.providers.set_team_archived(actor, gone.id, gone.version, True)
    current = service.providers.teams(org.id)

    archive = zipfile.ZipFile(io.BytesIO(provider_files(service, org.id)))

    names = archive.namelist()
    assert len(names) == len(current) == 2 and gone.name not in str(names)
    assert all(n.startswith("team-file-") and n.endswith(f"{TODAY}.yaml") for n in names)
    assert [archive.read(n).decode("utf-8") for n in names] == [
        team_file(service, t.id) for t in current
    ]


def test_a_providers_zip_imports_as_it_came(service, actor, definitions, tmp_path):
    load_demo_copy(service, teams=3, rounds=2, today=service.today())
    org = service.providers.organisations()[0]
    target = fresh_store(tmp_path / "commissioner.db", definitions)

    outcomes = import_sent_file(target, actor, "q3.zip", provider_files(service, org.id))

    assert all(isinstance(o, Imported) for o in outcomes) and len(outcomes) == 3
    assert all(o.name.startswith("q3.zip/team-file-") for o in outcomes)
    for team, outcome in zip(service.providers.teams(org.id), outcomes, strict=True):
        assert team_file(target, outcome.result.team_id) == team_file(service, team.id)
    target.engine.dispose()


def zipped(*files: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_in_a_zip_a_broken_file_imports_nothing_and_the_others_still_do(service, actor):
    broken = FILES / "several-problems.yaml"
    data = zipped(
        ("broken/several-problems.yaml", broken.read_bytes()),
        ("notes.txt", b"not a team file: left alone"),
        ("valid.yaml", VALID.read_bytes()),
    )

    refused, imported = import_sent_file(service, actor, "q3.zip", data)

    assert isinstance(refused, Refused) and refused.name == "q3.zip/broken/several-problems.yaml"
    assert [str(p) for p in refused.error.problems] == [
        p.replace("several-problems.yaml", "q3.zip/broken/several-problems.yaml")
        for p in expected_problems(broken)
    ]
    assert isinstance(imported, Imported) and imported.result.created.teams == 1


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04 not really a zip", "cannot be read as a zip"),
        (zipped(("notes.txt", b"no team file here")), "holds no team file"),
    ],
)
def test_a_zip_that_cannot_be_read_or_holds_no_team_file_is_refused_whole(
    service, actor, data, what
):
    (outcome,) = import_sent_file(service, actor, "q3.zip", data)
    assert isinstance(outcome, Refused)
    assert str(outcome.error.problems[0]).startswith(f"q3.zip:1: (file): {what}")
    assert service.providers.is_empty()
