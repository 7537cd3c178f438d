"""The one YAML reader's bounds: every hostile file is refused at once, with the file, the line
and the bound it passed, and no traceback, through the framework check, a team file and the
command line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from exports.team_file.read import TeamFileRefused, read_team_file
from framework.yamlfile import MOST_DEPTH, MOST_NODES, parse
from tests.hostile import files

ROOT = Path(__file__).resolve().parents[2]

REFUSED = [
    ("alias-bomb.yaml", files.alias_bomb(), 1, "uses a YAML anchor or alias (& or *)"),
    ("deep.yaml", files.deep(100_000), 2, f"nests more than {MOST_DEPTH} levels deep"),
    # The value past the bound: five nodes come before the list's first item, on line 3.
    ("many.yaml", files.many_values(MOST_NODES + 10), MOST_NODES - 2, "holds more than"),
    ("big.yaml", files.big(6), 1, "is 6.0 MB"),
]


@pytest.mark.parametrize(("name", "data", "line", "what"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_hostile_file_is_refused_at_once_with_its_line_and_the_bound(name, data, line, what):
    started = time.perf_counter()
    doc = parse(data, name)
    assert time.perf_counter() - started < 10
    assert doc.data is None
    (problem,) = doc.problems
    assert (problem.file, problem.line) == (name, line)
    assert problem.what.startswith(what)
    assert problem.expected


@pytest.mark.parametrize(("name", "data", "line", "what"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_hostile_team_file_is_refused_naming_the_file_and_line(name, data, line, what):
    with pytest.raises(TeamFileRefused) as refused:
        read_team_file(data, name)
    assert f"{name}:{line}: (file): {what}" in str(refused.value.problems[0])


def test_an_anchor_is_refused_even_when_harmless_and_a_byte_order_mark_is_not():
    assert parse(b"a: &x 1\nb: *x\n", "f.yaml").problems[0].line == 1
    doc = parse("\ufeffkind: framework\nid: x\n".encode(), "bom.yaml")
    assert doc.problems == [] and doc.data == {"kind": "framework", "id": "x"}


def test_the_framework_check_refuses_an_alias_bomb_in_a_second_with_no_traceback(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_bytes(files.alias_bomb(levels=12))
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "framework", "check", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert time.perf_counter() - started < 10
    assert run.returncode == 1
    assert "uses a YAML anchor or alias" in run.stdout
    assert "the check itself failed" not in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
