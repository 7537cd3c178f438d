"""`python -m framework check FILE...`: check definition files the way the app loads them.

References in the files are resolved against the files given and the shipped definitions, so a
local variant can be checked on its own. Exit 0 when every file is valid, 1 when any is not,
2 for a usage mistake. Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from framework.checks import Checked, unchanged
from framework.glossary import Glossary
from framework.loader import DEFINITIONS, check_paths
from framework.model import (
    BenchmarkSet,
    Framework,
    IndicatorLibrary,
    Scales,
    StakeholderGroups,
    TeamTypes,
)
from framework.validate import validate
from framework.yamlfile import read

USAGE = "usage: python -m framework check FILE.yaml [FILE.yaml ...]"


def summary(checked: Checked) -> str:
    m = checked.model
    if isinstance(m, Framework):
        base = f", rewording {m.maps_onto}" if m.maps_onto else ""
        return f"framework {m.ref}: {len(m.challenges)} challenges{base}"
    if isinstance(m, BenchmarkSet):
        n = sum(len(g.statements) for g in m.groups)
        return f"benchmark set {m.ref} ({m.setting}): {n} statements in {len(m.groups)} challenges"
    if isinstance(m, Scales):
        return f"scales {m.ref}: " + ", ".join(
            f"{s.id} ({len(s.values)} answers)" for s in m.scales
        )
    if isinstance(m, StakeholderGroups):
        return f"stakeholder groups {m.ref}: {len(m.groups)} groups"
    if isinstance(m, TeamTypes):
        return f"team types {m.ref}: {len(m.types)} types"
    if isinstance(m, IndicatorLibrary):
        return f"indicator library {m.ref}: {len(m.indicators)} indicators"
    if isinstance(m, Glossary):
        return f"glossary {m.ref}: {len(m.terms)} terms"
    return m.kind


def _identity(checked: Checked) -> tuple | None:
    m = checked.model
    return None if m is None else (m.kind, m.id, m.version)


def _validated(path: Path) -> Checked:
    doc = read(path)
    return Checked(doc, validate(doc))


def check(files: list[str]) -> int:
    given = [Path(f) for f in files]
    given_paths = {p.resolve() for p in given}
    given_ids = {_identity(_validated(p)) for p in given}
    shipped = {
        _identity(c): c
        for c in map(_validated, sorted(DEFINITIONS.glob("*.yaml")))
        if Path(c.doc.name).resolve() not in given_paths
    }
    # References resolve against the shipped files too. A given file with a shipped file's
    # kind, id and version stands in its place, and must say the same.
    context = [Path(c.doc.name) for key, c in shipped.items() if key not in given_ids]
    results = check_paths(given + context, dict(zip(given, files, strict=True)))
    for result in results[: len(given)]:
        if _identity(result) in shipped:
            unchanged(result, shipped[_identity(result)])
    failed = 0
    for result in results[: len(given)]:
        if result.doc.problems:
            failed += 1
            print("\n".join(str(p) for p in result.doc.problems))
        else:
            print(f"ok  {result.doc.name}: {summary(result)}")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "check":
        print(USAGE, file=sys.stderr)
        return 2
    try:
        return check(argv[1:])
    except Exception as exc:  # a checker must explain, never crash
        print(f"error: the check itself failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
