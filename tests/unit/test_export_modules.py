"""The shape of exports/: no module imports itself back through others (a circle makes the
order of imports matter and every module depend on every other), none is over 400 lines, and
the board report's sheet builders take plain data: they never reach the service or the store."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "exports"
# board_report/
PURE = ("book", "data_sheets", "measures", "plans", "sheet", "summary", "trip", "trip_status")


def _modules() -> dict[str, Path]:
    found = {}
    for path in EXPORTS.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The modules a file imports (a name imported from a package, if a module, counts as
    that module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_module_of_exports_imports_itself_back():
    modules = _modules()
    graph = {name: _imports(path, modules) & set(modules) for name, path in modules.items()}
    circles = []

    def visit(name: str, path: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in path:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert "exports.board_report.summary" in graph and "exports.team_file.read" in graph
    assert not circles, circles


def test_no_module_of_exports_is_over_400_lines():
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long


def test_the_sheet_builders_take_plain_data_not_the_service_or_the_store():
    modules = _modules()
    for name in PURE:
        imported = _imports(modules[f"exports.board_report.{name}"], modules)
        reaching = {
            m for m in imported if m.startswith(("assessments.service", "assessments.store"))
        }
        reaching -= {"assessments.service.portfolio.PortfolioRecords"}  # a frozen record
        reaching -= {"assessments.service.portfolio"}
        assert not reaching, (name, reaching)
        assert "sqlalchemy" not in {m.split(".")[0] for m in imported}, name
