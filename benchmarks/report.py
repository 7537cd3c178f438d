"""The printed result: one aligned table that is also Markdown, each case as a ratio to the
bare page (both measured in this process, on this machine), then the context to read it in."""

from __future__ import annotations

import platform
import resource
from typing import TYPE_CHECKING

import streamlit

from benchmarks.cases import Timing

if TYPE_CHECKING:
    from benchmarks.browser import Measured


def peak_memory_mb() -> float:
    # On Linux ru_maxrss is in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(timings: list[Timing]) -> str:
    """The baseline is the first timing; its ratio is x 1.0."""
    baseline = timings[0].median_ms
    rows = [(t.case, f"{t.median_ms:.1f}", f"x {t.median_ms / baseline:.1f}") for t in timings]
    return aligned(("case", "median ms", "vs bare page"), rows)


def aligned(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table whose columns also line up as plain text."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
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


def browser_report(measured: Measured, teams: int, rounds: int, repeats: int) -> str:
    """The bare page first, the harness's floor; then Next and Save as ratios to it."""
    baseline = measured.timings[0].median_ms
    rows = [
        (
            t.case,
            f"{t.median_ms:.1f}",
            f"x {t.median_ms / baseline:.1f}",
            f"{t.median_messages:g}",
        )
        for t in measured.timings
    ]
    memory = (
        f"Peak memory of the app server (VmHWM): {measured.server_peak_mb:.0f} MB"
        if measured.server_peak_mb is not None
        else "Peak memory of the app server: not known on this system"
    )
    return "\n".join(
        [
            aligned(("case", "median ms", "vs bare page", "ws messages"), rows),
            "",
            "From the click in Chromium (1024x768) to the end of the run it started (the "
            "server's script_finished in, no stale element or status widget left), timed in the "
            "page. bare page: Rerun on /bare; Next: a comment typed (untimed), Next, to "
            "challenge 2; Save: a comment typed (untimed), Save. ws messages: websocket "
            "messages from the server in that time.",
            memory,
            f"Chromium {measured.chromium}, Streamlit {streamlit.__version__}, Python "
            f"{platform.python_version()}, {teams} teams, {rounds} rounds, median of {repeats} "
            "runs after one warm-up, the cases taking turns",
        ]
    )
