"""Reads one YAML file into plain Python data plus the line of every value: the one reader of
every YAML the app takes (frameworks, team files, the demo's content).

PyYAML forgets where a value came from and silently keeps the last of two equal keys; both
matter to a person fixing a file, so the node tree is walked here instead.

Bounded, since files come from anyone: a file over `MOST_BYTES`, nested deeper than
`MOST_DEPTH` or holding more than `MOST_NODES` values is refused, and so is any anchor or
alias (`&name`, `*name`): 433 bytes of nested aliases grew to 10 GB when walked. The bounds are
checked on LibYAML's event stream before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, SequenceNode

from framework.problems import Path, Problem, dotted

EXPECTED_TOP = "a mapping of keys such as kind, id, version, title"
MOST_BYTES = 5_000_000
MOST_DEPTH = 24
MOST_NODES = 250_000


@dataclass
class YamlFile:
    name: str
    data: dict | None = None
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of the deepest part of `path` the file has (a missing key: its parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def problem(self, path: Path, what: str, expected: str = "", shown: str | None = None) -> None:
        self.problems.append(
            Problem(self.name, self.line_of(path), shown or dotted(path), what, expected)
        )

    def check_cited(self, key: str, items: list, sources: list) -> None:
        """Each of `items` (a list under `key`) cites by `source` one of the file's `sources`."""
        listed = {s.id for s in sources}
        for i, item in enumerate(items):
            if item.source not in listed:
                self.problem(
                    (key, i, "source"),
                    f"source '{item.source}' is not listed",
                    "one of the file's sources: " + ", ".join(sorted(listed)),
                )


def read(path: FilePath, name: str | None = None) -> YamlFile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result = YamlFile(name or str(path))
        result.problem((), f"cannot be read: {exc.strerror or exc}", "a readable file")
        return result
    return parse(raw, name or str(path))


def parse(raw: bytes, name: str) -> YamlFile:
    """The file's bytes (from disk or an upload) read as YAML, with every problem found."""
    result = YamlFile(name)
    if len(raw) > MOST_BYTES:
        most = f"{MOST_BYTES // 1_000_000} MB"
        result.problem((), f"is {len(raw) / 1_000_000:.1f} MB", f"a file of at most {most}")
        return result
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte order mark, as some editors on Windows write
    if b"\x00" in raw:
        result.problem((), "is binary data, not text", "a UTF-8 YAML text file")
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result.problems.append(
            Problem(result.name, line, "(file)", "is not UTF-8 text", "a UTF-8 YAML text file")
        )
        return result
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        result.problem((), "is empty", EXPECTED_TOP)
        return result
    try:
        beyond = _beyond_bounds(text, result.name)
        if beyond is not None:
            result.problems.append(beyond)
            return result
        documents = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as fast:
        exc = _in_plainer_words(text, fast)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what, expected = f"is not valid YAML: {exc.problem or exc.context}", "valid YAML syntax"
        if "'\\t'" in what:  # PyYAML's wording for this common slip is cryptic
            what, expected = "is not valid YAML: a tab is used to indent", "spaces to indent"
        result.problems.append(Problem(result.name, line, "(file)", what, expected))
        return result
    except yaml.YAMLError as exc:
        result.problem((), f"is not valid YAML: {exc}", "valid YAML syntax")
        return result
    if len(documents) != 1:
        line = documents[1].start_mark.line + 1 if len(documents) > 1 else 1
        result.problems.append(
            Problem(result.name, line, "(file)", "holds more than one YAML document", "one")
        )
        return result
    root = documents[0]
    if not isinstance(root, MappingNode):
        shape = "a list" if isinstance(root, SequenceNode) else "a single value"
        result.problems.append(
            Problem(
                result.name,
                root.start_mark.line + 1,
                "(file)",
                f"top level is {shape}",
                EXPECTED_TOP,
            )
        )
        return result
    builder = _Builder(result)
    result.data = builder.build(root, ())
    return result


def _in_plainer_words(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The same mistake as PyYAML's own parser words it (it names a tab used to indent, for
    one, where LibYAML does not): read again, only as far as the mistake."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as plainer:
        return plainer
    return error


def _beyond_bounds(text: str, name: str) -> Problem | None:
    """The first place where the file goes past a bound, read from LibYAML's events (fast, and
    nothing is built); None when it keeps within them."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        found = None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            found = ("uses a YAML anchor or alias (& or *)", "every value written out in full")
        elif isinstance(event, yaml.NodeEvent) and (nodes := nodes + 1) > MOST_NODES:
            found = (f"holds more than {MOST_NODES:,} values", f"at most {MOST_NODES:,}")
        elif isinstance(event, yaml.CollectionStartEvent) and (depth := depth + 1) > MOST_DEPTH:
            found = (f"nests more than {MOST_DEPTH} levels deep", f"at most {MOST_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if found:
            return Problem(name, event.start_mark.line + 1, "(file)", *found)
    return None


class _Builder:
    def __init__(self, target: YamlFile):
        self.target = target
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: Path) -> object:
        self.target.lines[path] = node.start_mark.line + 1
        if isinstance(node, MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node, path)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    self.target.lines[(*path, key)] = key_node.start_mark.line + 1
                    self.target.problem(
                        (*path, key), f"duplicate key '{key}'", "each key once in a mapping"
                    )
                    continue
                out[key] = self.build(value_node, (*path, key))
                # Point at the key: a block list or mapping starts on the line below it.
                self.target.lines[(*path, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: Node, path: Path) -> object:
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError as exc:
            self.target.problem(path, f"cannot be read: {exc.problem}", "a plain value")
            return None
