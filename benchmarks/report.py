"""The printed result: one aligned table that is also Markdown, each case as a ratio to the
bare page (both measured in this process, on this machine), then the context to read it in."""

from __future__ import annotations

import platform
import resource

import streamlit

from benchmarks.cases import Timing


def peak_memory_mb() -> float:
    # On Linux ru_maxrss is in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(timings: list[Timing]) -> str:
    """The baseline is the first timing; its ratio is x 1.0."""
    baseline = timings[0].median_ms
    rows = [(t.case, f"{t.median_ms:.1f}", f"x {t.median_ms / baseline:.1f}") for t in timings]
    header = ("case", "median ms", "vs bare page")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]

    def line(cells: tuple[str, str, str]) -> str:
        # The case is left-aligned; the numbers right-aligned, so their digits line up.
        first, *numbers = cells
        padded = [first.ljust(widths[0])]
        padded += [cell.rjust(width) for cell, width in zip(numbers, widths[1:], strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(["-" * (widths[0] + 2)] + ["-" * (w + 1) + ":" for w in widths[1:]])
    return "\n".join([line(header), rule + "|", *(line(row) for row in rows)])


def report(timings: list[Timing], teams: int, rounds: int, repeats: int) -> str:
    return "\n".join(
        [
            table(timings),
            "",
            f"Peak memory of the process after all cases (ru_maxrss): {peak_memory_mb():.0f} MB",
            f"Streamlit {streamlit.__version__}, Python {platform.python_version()}, "
            f"{teams} teams, {rounds} rounds, median of {repeats} runs after one warm-up",
        ]
    )
