"""`python -m benchmarks.refusals [--megabytes N]`: hostile files of N MB (50 by default) given
to every import's command line, each timed with its peak memory, and what it said. Issue 16
asks for each to be refused within 10 s and under 500 MB, naming the file and line; this prints
the figures, it does not judge them (timed assertions do not belong in the tests).

The pages take the same files through the same functions (`import_team_file`,
`Providers.import_teams`); Streamlit's own upload (at most `server.maxUploadSize`) comes first."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from framework.loader import load
from tests.hostile import files

ROOT = Path(__file__).resolve().parents[1]


def hostile(megabytes: int) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """(command, how to make its contents) by the file's name: made one at a time, so this
    process stays small (a child's peak memory can count its parent's at the fork)."""
    size = megabytes * 1_000_000

    def rows(share: int = 1) -> str:
        return "name,team_type,locality\n" + "Team,cmht,East\n" * (size // 15 // share)

    return {
        "framework.yaml": ("framework", lambda: files.big(megabytes)),
        "garbage.yaml": ("framework", lambda: os.urandom(size)),
        "team.yaml": ("exports", lambda: b"format: recovery-team-record\nnote: '" + b"x" * size),
        "bomb.zip": (
            "exports",
            lambda: files.zipped(*((f"t{n}.yaml", b"x" * size) for n in range(3))),
        ),
        "teams.csv": ("teams", lambda: rows().encode()),
        "teams-utf16.csv": ("teams", lambda: rows(2).encode("utf-16")),
    }


COMMANDS = {
    "framework": ["-m", "framework", "check"],
    "exports": ["-m", "exports", "import", "--as", "Sam Okafor", "--role", "Recovery lead"],
    "teams": ["-m", "assessments", "import-teams", "--provider", "1", "--as", "Sam Okafor",
              "--role", "Recovery lead"],
}  # fmt: skip


def run(command: list[str], path: Path, env: dict) -> tuple[float, float, int, str]:
    """Seconds, peak MB (GNU time's), exit code and the problem said."""
    measured = path.with_suffix(".time")
    done = subprocess.run(
        ["/usr/bin/time", "-o", str(measured), "-f", "%e %M", sys.executable, *command, str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, errors="replace",
    )  # fmt: skip
    seconds, kilobytes = measured.read_text().split()[-2:]
    lines = (done.stdout + done.stderr).splitlines()
    said = next((line for line in lines if "(expected" in line), lines[0] if lines else "")
    return float(seconds), int(kilobytes) / 1024, done.returncode, said.replace(str(path), "")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.refusals")
    parser.add_argument("--megabytes", type=int, default=50)
    megabytes = parser.parse_args(argv).megabytes
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        env = {**os.environ, "RECOVERY_DATA_DIR": str(data / "data")}
        env.pop("RECOVERY_DATABASE_URL", None)
        (data / "data").mkdir()
        engine = store.open_store(f"sqlite:///{data / 'data' / 'recovery.db'}")
        Service(engine, load()).providers.create_organisation(
            Actor("Sam Okafor", "Recovery lead"), "Northfield Demo Trust (fictional)"
        )
        engine.dispose()
        print(f"{'file':<17}{'MB':>6}{'seconds':>9}{'peak MB':>9}{'exit':>6}  said")
        for name, (kind, make) in hostile(megabytes).items():
            path = data / name
            path.write_bytes(make())
            seconds, peak, code, said = run(COMMANDS[kind], path, env)
            size = path.stat().st_size / 1_000_000
            print(f"{name:<17}{size:>6.1f}{seconds:>9.2f}{peak:>9.0f}{code:>6}  {said[:120]}")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
