"""Problems found in definition files, as a person reads them: file, line, path, what is
wrong and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: str
    what: str
    expected: str = ""

    def __str__(self) -> str:
        expected = f" (expected {self.expected})" if self.expected else ""
        return f"{self.file}:{self.line}: {self.path}: {self.what}{expected}"


class FrameworkError(Exception):
    """Definitions that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def dotted(path: Path) -> str:
    """`("challenges", 2, "stages")` -> `challenges[2].stages`; the top level is `(file)`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"
