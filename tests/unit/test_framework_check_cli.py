"""`python -m framework check` run as a command: every shipped file passes, garbage is refused
without a traceback, and no files shows the usage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "framework", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_cli_passes_every_shipped_file():
    files = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "framework/definitions").glob("*.yaml")
    )

    result = run_cli("check", *files)

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == len(files)
    assert all(line.startswith("ok  ") for line in result.stdout.splitlines())


def test_cli_refuses_garbage_without_a_traceback(tmp_path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)))

    result = run_cli("check", str(path))

    assert result.returncode == 1
    assert "is binary data" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_without_files_shows_usage():
    result = run_cli("check")

    assert result.returncode == 2
    assert "usage: python -m framework check" in result.stderr
