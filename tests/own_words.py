"""Finds runs of words that a definition file shares with the source documents.

Facts, numbers and names carry over from the sources; sentences do not. A run of eight or more
words in a row that also stands in a source is taken as a copied sentence. Titles, short
titles, quotations, key concepts and citations are names or attributed quotes, and are skipped.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

RUN = 8
SKIPPED_KEYS = {"title", "short_title", "quotation", "key_concepts", "sources", "said_by"}


def words(text: str) -> list[str]:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return re.findall(r"[a-z0-9%']+", text.lower())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def prose(node: object, key: str = "") -> list[tuple[str, str]]:
    """(path, text) for every string in a loaded YAML tree outside the skipped keys."""
    if key in SKIPPED_KEYS:
        return []
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in prose(v, str(k))]
    if isinstance(node, list):
        return [p for v in node for p in prose(v, key)]
    return [(key, node)] if isinstance(node, str) else []


@cache
def _source_runs(seeds: tuple[Path, ...]) -> frozenset[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for seed in seeds:
        found |= runs(seed.read_text(encoding="utf-8", errors="replace"))
    return frozenset(found)


def copied_runs(definition: Path, seeds: list[Path]) -> list[str]:
    source_runs = _source_runs(tuple(seeds))
    found = []
    for key, text in prose(yaml.safe_load(definition.read_text(encoding="utf-8"))):
        shared = runs(text) & source_runs
        if shared:
            found.append(
                f"{definition.name}: {key}: '{' '.join(sorted(shared)[0])}' in: {text[:90]}"
            )
    return found


if __name__ == "__main__":
    import sys

    seed_dir = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    seeds = sorted(seed_dir.glob("*.txt"))
    problems = [p for f in sys.argv[1:] for p in copied_runs(Path(f), seeds)]
    print("\n".join(problems) or "no copied runs")
    sys.exit(1 if problems else 0)
