"""The command line around team files: writing a team's file or a provider's zip, and
importing files, every problem of a broken one listed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from exports.__main__ import main
from exports.team_file import import_team_file
from tests import command_line
from tests.demo_store import load_demo_copy
from tests.unit.team_file_helpers import FILES, PROVIDER_LEAD, VALID, expected_problems, fresh_store

ROOT = Path(__file__).resolve().parents[2]


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m exports ...` in a process of its own, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "exports", *args],
        cwd=ROOT,
        env={**os.environ, "RECOVERY_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def in_process(url: str, *args: str) -> subprocess.CompletedProcess:
    return command_line.in_process(main, list(args), {"RECOVERY_DATABASE_URL": url})


def test_the_command_line_writes_a_team_file_and_imports_it(tmp_path, definitions):
    source = fresh_store(tmp_path / "provider.db", definitions)
    team_id = import_team_file(source, PROVIDER_LEAD, VALID.read_bytes()).team_id
    source.engine.dispose()
    out = tmp_path / "team.yaml"

    wrote = run_cli(
        f"sqlite:///{tmp_path / 'provider.db'}",
        "team-file",
        "--team",
        str(team_id),
        "--out",
        str(out),
    )

    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout == (
        f"Wrote {out}: Harbour Lane Community Team (fictional) (Brookvale Demo Partnership Trust "
        "(fictional)), 2 rounds (1 Template A, 1 TRIP) and 2 plans (1 Template B, 1 TRIP "
        "priority).\n"
    )
    target = f"sqlite:///{tmp_path / 'commissioner.db'}"
    first = in_process(
        target, "import", str(out), "--as", "C. Example (fictional)", "--role", "Commissioner"
    )
    assert first.returncode == 0, first.stderr
    assert "Created the provider, the team, 1 Template A round" in first.stdout
    again = in_process(target, "import", str(out))
    assert again.returncode == 0 and "Created nothing" in again.stdout
    imported = fresh_store(tmp_path / "commissioner.db", definitions)
    assert {e.actor_name for e in imported.history()} == {"C. Example (fictional)"}
    imported.engine.dispose()


def test_the_command_line_lists_every_problem_of_a_broken_file(tmp_path, definitions):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    path = FILES / "several-problems.yaml"

    refused = in_process(url, "import", str(path))

    assert refused.returncode == 2
    assert refused.stdout == ""
    lines = refused.stderr.splitlines()
    assert lines[0] == f"{path}: Nothing was imported: 5 problem(s) to fix first."
    assert lines[1:] == [
        p.replace("several-problems.yaml", str(path)) for p in expected_problems(path)
    ]
    assert "Traceback" not in refused.stderr
    untouched = fresh_store(tmp_path / "commissioner.db", definitions)
    assert untouched.providers.is_empty() and untouched.history() == []
    untouched.engine.dispose()


def test_the_command_line_writes_every_team_of_a_provider_zipped(tmp_path, definitions):
    source = fresh_store(tmp_path / "provider.db", definitions)
    load_demo_copy(source, teams=3, rounds=2, today=source.today())
    org = source.providers.organisations()[0]
    source.engine.dispose()
    out = tmp_path / "teams.zip"

    wrote = in_process(
        f"sqlite:///{tmp_path / 'provider.db'}",
        "team-file",
        "--org",
        str(org.id),
        "--out",
        str(out),
    )

    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout == f"Wrote {out}: the files of {org.name}'s 3 current teams.\n"
    assert len(zipfile.ZipFile(out).namelist()) == 3
    imported = in_process(f"sqlite:///{tmp_path / 'commissioner.db'}", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert [line.split(" into ")[0] for line in imported.stdout.splitlines()] == [
        f"Imported {out}/{name}" for name in zipfile.ZipFile(out).namelist()
    ]


def test_the_command_line_imports_each_good_file_of_several_and_names_the_bad(
    tmp_path, definitions
):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    broken, missing = FILES / "several-problems.yaml", tmp_path / "nowhere.yaml"

    done = in_process(url, "import", str(broken), str(VALID), str(missing))

    assert done.returncode == 2
    assert done.stdout.startswith(f"Imported {VALID} into ")
    assert "Created the provider, the team" in done.stdout
    errors = done.stderr.splitlines()
    assert errors[0] == f"{missing}: cannot be read: No such file or directory"
    assert errors[1] == f"{broken}: Nothing was imported: 5 problem(s) to fix first."
    imported = fresh_store(tmp_path / "commissioner.db", definitions)
    assert [t.name for t in imported.providers.teams()] == [
        "Harbour Lane Community Team (fictional)"
    ]
    imported.engine.dispose()


def test_the_command_line_says_when_a_file_is_missing_or_a_team_unknown(tmp_path):
    url = f"sqlite:///{tmp_path / 'commissioner.db'}"
    missing = in_process(url, "import", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2
    assert (
        missing.stderr
        == f"{tmp_path / 'nowhere.yaml'}: cannot be read: No such file or directory\n"
    )

    unknown = in_process(url, "team-file", "--team", "99", "--out", str(tmp_path / "x.yaml"))
    assert unknown.returncode == 1
    assert unknown.stderr == "There is no team 99; it may have been typed wrongly.\n"
    assert not (tmp_path / "x.yaml").exists()
