"""The performance harness end to end, at its smallest (one team, one round): what a reader of
its table sees, and a plain refusal of numbers the demo does not take. No time is asserted: the
harness informs. The command runs in a process of its own where the command is the point; its
refusals are `main`'s, asked in this process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def harness(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    # No RECOVERY_* settings leak in: the harness must make its own temporary store.
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_")}
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def table_rows(stdout: str) -> dict[str, list[str]]:
    """The printed table's rows by case, header and rule left out."""
    return {
        cells[0]: cells[1:]
        for line in stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| case")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }


def test_the_harness_prints_each_case_with_its_ratio_to_the_bare_page_and_the_peak_memory():
    run = harness("--teams", "1", "--rounds", "1", "--repeats", "1")

    assert run.returncode == 0, run.stderr
    assert "Created 2 fictional providers, 1 team, 5 rounds" in run.stdout
    rows = table_rows(run.stdout)
    reports = {case: rows.pop(case) for case in list(rows)[-2:]}
    assert list(rows) == [
        "bare Streamlit page rerun",
        "workshop rating saved and rerun",
        "portfolio page rerun",
        "portfolio page rerun after a write",
    ]
    assert rows["bare Streamlit page rerun"][1] == "x 1.0"
    for median_ms, ratio in rows.values():
        assert re.fullmatch(r"\d+\.\d", median_ms) and re.fullmatch(r"x \d+\.\d", ratio)
    # The board report's cases: seconds, peak MB and statements; no ratio to the earlier
    # figures, which were taken at 500 teams and 8 rounds.
    assert list(reports) == [
        "board report, one provider",
        "portfolio workbook (every team)",
    ]
    for seconds, then, peak_mb, before, statements in reports.values():
        assert re.fullmatch(r"\d+\.\d\d", seconds) and re.fullmatch(r"\d+", peak_mb)
        assert then == before == "-" and int(statements) > 0
    assert re.search(r"Peak memory .*: \d+ MB", run.stdout)
    assert re.search(r"Streamlit \d+\.\d+.*, Python 3\.\d+.*, 1 teams, 1 rounds", run.stdout)


def test_a_number_the_demo_refuses_is_one_plain_line_and_exit_code_2(capsys, monkeypatch):
    for name in [name for name in os.environ if name.startswith("RECOVERY_")]:
        monkeypatch.delenv(name)  # as in `harness`: the harness makes its own temporary store
    assert main(["--teams", "0"]) == 2
    assert capsys.readouterr().err.strip() == "The demo takes from 1 to 2000 teams, not 0."


@pytest.mark.e2e
def test_the_browser_harness_prints_the_bare_page_first_then_next_and_save_as_ratios_to_it():
    """A real app server and Debian's Chromium: the bare page on that server is the floor."""
    run = harness("browser", "--teams", "1", "--rounds", "1", "--repeats", "1", timeout=300)

    assert run.returncode == 0, run.stderr
    assert "Created 2 fictional providers, 1 team, 5 rounds" in run.stdout
    rows = table_rows(run.stdout)
    assert list(rows) == ["bare page", "Next", "Save"]
    assert rows["bare page"][1] == "x 1.0"
    for median_ms, ratio, messages in rows.values():
        assert re.fullmatch(r"\d+\.\d", median_ms) and re.fullmatch(r"x \d+\.\d", ratio)
        assert re.fullmatch(r"\d+(\.\d+)?", messages)
    assert re.search(r"Chromium \d+.*, Streamlit \d+\.\d+.*, 1 teams, 1 rounds", run.stdout)


def test_a_browser_run_asked_for_no_repeats_is_one_plain_line_and_exit_code_2(capsys):
    # In this process: the exit code and the one line are main's (the command's own test
    # above starts a process), and nothing is built before the refusal.
    assert main(["browser", "--repeats", "0"]) == 2
    assert capsys.readouterr().err.strip() == "Give at least 1 repeat, not 0."
