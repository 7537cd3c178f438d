"""`python -m assessments import-teams FILE.csv --provider ID`: a provider's teams imported from
the command line, all or none, with every problem on stderr and an exit code a script can use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assessments import store
from assessments.__main__ import main
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests import command_line

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECOVERY_DATA_DIR": str(data_dir)}
    env.pop("RECOVERY_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "assessments", "import-teams", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def ask(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The same command's answer from `main` in this process (tests/command_line.py)."""
    env = {"RECOVERY_DATA_DIR": str(data_dir), "RECOVERY_DATABASE_URL": None}
    return command_line.in_process(main, ["import-teams", *args], env)


def provider(data_dir: Path) -> tuple[Service, int]:
    engine = store.open_store(f"sqlite:///{data_dir / 'recovery.db'}")
    svc = Service(engine, load())
    org = svc.providers.create_organisation(
        Actor("Sam Okafor", "Recovery lead"), "Demo (fictional)"
    )
    return svc, org.id


def test_a_good_file_imports_every_team_and_says_how_many(tmp_path):
    svc, org = provider(tmp_path)
    csv = tmp_path / "teams.csv"
    rows = "name,team_type,locality\nQuay CMHT,cmht,North\nMill EIP,early-intervention,\n"
    csv.write_text(rows, encoding="utf-8-sig")  # as Excel writes "CSV UTF-8"

    done = run(tmp_path, str(csv), "--provider", str(org))

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Imported 2 teams from {csv} into ")
    assert sorted(t.name for t in svc.providers.teams(org)) == ["Mill EIP", "Quay CMHT"]
    svc.engine.dispose()


def test_a_file_with_problems_imports_nothing_and_lists_each_with_its_line(tmp_path):
    svc, org = provider(tmp_path)
    csv = tmp_path / "teams.csv"
    csv.write_text("name,team_type\nQuay CMHT,cmht\n,cmht\nMill,ward\n", encoding="utf-8")

    done = ask(tmp_path, str(csv), "--provider", str(org))

    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"{csv}: Nothing was imported: 2 problem(s) to fix first."
    assert lines[1].startswith(f"{csv}: line 3, name: The team's name is empty")
    assert lines[2].startswith(f"{csv}: line 4, team_type: 'ward' is not a team type")
    assert "Traceback" not in done.stderr
    assert svc.providers.teams(org) == []
    svc.engine.dispose()


def test_a_utf16_file_and_a_missing_file_are_named_plainly(tmp_path):
    svc, org = provider(tmp_path)
    csv = tmp_path / "teams.csv"
    csv.write_text("name,team_type\nQuay CMHT,cmht\n", encoding="utf-16")
    done = ask(tmp_path, str(csv), "--provider", str(org))
    assert done.returncode == 1 and "is UTF-16 text (expected UTF-8" in done.stderr
    gone = ask(tmp_path, str(tmp_path / "gone.csv"), "--provider", str(org))
    assert gone.returncode == 2 and "gone.csv: cannot be read" in gone.stderr
    svc.engine.dispose()
