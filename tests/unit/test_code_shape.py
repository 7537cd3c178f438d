"""The shape of the code: no source file over 400 lines, so each can be read whole; and no
import of Streamlit's internals, which change between releases without notice."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOST_LINES = 400
# Source. YAML, CSV, JSON, images and Markdown are data or prose, and may be longer.
SOURCE = ("*.py", "*.sh", "*.toml", "*.cfg")
# Streamlit's public modules beyond `streamlit` itself: the test harness, and custom components.
PUBLIC = ("streamlit.testing", "streamlit.components.v1")
# The one exception, outside the app: the browser benchmark reads the websocket protocol's
# field numbers to see when a run ends (what it times); the app never loads it.
MEASURING = {("benchmarks/browser.py", "streamlit.proto.ForwardMsg_pb2")}


def tracked(*patterns: str) -> list[Path]:
    """The files git tracks that match, and are still there (one being deleted is not)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *patterns],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def public(module: str) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in PUBLIC)


def streamlit_internals(tree: ast.AST) -> list[tuple[int, str]]:
    """Each import of a module inside `streamlit` that is not public, with its line."""
    found = []
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "streamlit":  # `from streamlit import runtime`: a module inside
                modules = [
                    f"streamlit.{alias.name}"
                    for alias in node.names
                    if importlib.util.find_spec(f"streamlit.{alias.name}") is not None
                ]
            else:
                modules = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules = [node.args[0].value]
        found += [
            (node.lineno, module)
            for module in modules
            if module.startswith("streamlit.") and not public(module)
        ]
    return found


def test_no_source_file_is_over_400_lines():
    lengths = {path: len(path.read_bytes().splitlines()) for path in tracked(*SOURCE)}
    over = sorted(
        (f"{path.relative_to(ROOT)}: {n} lines" for path, n in lengths.items() if n > MOST_LINES),
    )
    assert len(lengths) > 100, "git ls-files found too few source files"
    assert not over, f"over {MOST_LINES} lines (split by topic):\n" + "\n".join(over)


def test_no_file_imports_streamlits_internals():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in tracked("*.py")
        for line, module in streamlit_internals(ast.parse(path.read_bytes(), str(path)))
        if (str(path.relative_to(ROOT)), module) not in MEASURING
    ]
    assert not found, (
        "imports of Streamlit's internals (only `streamlit`, `streamlit.testing` and "
        "`streamlit.components.v1` are public):\n" + "\n".join(found)
    )


def test_the_internals_check_sees_each_way_of_importing():
    code = """
import streamlit as st
import streamlit.runtime.scriptrunner
from streamlit.web import cli
from streamlit.elements.lib import utils
from streamlit import delta_generator, session_state
from streamlit.testing.v1 import AppTest
import streamlit.components.v1 as components
importlib.import_module("streamlit.runtime.caching")
logging.getLogger("streamlit.runtime.scriptrunner")
"""
    assert streamlit_internals(ast.parse(code)) == [
        (3, "streamlit.runtime.scriptrunner"),
        (4, "streamlit.web"),
        (5, "streamlit.elements.lib"),
        (6, "streamlit.delta_generator"),
        (9, "streamlit.runtime.caching"),
    ]
