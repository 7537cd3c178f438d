"""The command line that loads the fictional demo: into an empty store only, with its arguments
checked first and an unusable store explained. The load runs as the command, in a process of its
own; the rest asks `main` in this process (the exit code and the words are its)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assessments.__main__ import main
from tests.demo_store import demo_file

ROOT = Path(__file__).resolve().parents[2]


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_")}
    env["RECOVERY_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_line_says_the_store_is_empty_and_loads_the_demo(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("RECOVERY_DATABASE_URL", url)
    assert main(["status"]) == 0
    empty = capsys.readouterr().out
    assert f"The store at {url} is empty" in empty
    assert "python -m assessments demo" in empty

    # The command itself, in a process of its own. A small demo: the default one's records
    # are load_demo's, tested in test_demo_load.py.
    loaded = cli(url, "demo", "--teams", "3", "--rounds", "2")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == (
        "Created 2 fictional providers, 3 teams, 12 rounds (2 practice), 10 signed action "
        f"plans, 4 TRIP rounds, 11 TRIP assets and 8 co-led TRIP priorities in {url}"
    )


def test_the_command_line_refuses_a_second_load_and_says_what_the_store_holds(
    tmp_path, definitions, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    demo_file(tmp_path / "cli.db", definitions)  # what `demo` loads, copied from the session's
    monkeypatch.setenv("RECOVERY_DATABASE_URL", url)

    assert main(["demo"]) == 1
    again = capsys.readouterr()
    assert "only into an empty store" in again.err
    assert "Traceback" not in again.err and not again.out

    assert main(["status"]) == 0
    full = capsys.readouterr().out
    assert f"The store at {url} holds 2 providers, 12 teams and 44 rounds." in full


@pytest.mark.parametrize(
    "args", [["demo", "--teams", "0"], ["demo", "--rounds", "many"], ["load"], []]
)
def test_the_command_line_refuses_bad_arguments_before_opening_the_store(
    args, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert not (tmp_path / "cli.db").exists()


def test_the_command_line_explains_an_unusable_store(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'missing' / 'cli.db'}"
    monkeypatch.setenv("RECOVERY_DATABASE_URL", url)
    assert main(["demo"]) == 1
    assert url in capsys.readouterr().err
