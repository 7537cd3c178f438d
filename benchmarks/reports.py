"""The board report's cases: the workbook for one provider, and the portfolio's over every
team, each built by `python -m benchmarks.reports SCOPE REPEATS` in a process of its own on the
synthetic store, so its peak memory is the report's and nobody else's. Each is printed beside
the figure of the previous shape of the code (a report that read through the service per
team, per round and per plan, and styled every cell on its own), measured on the same store
(500 teams, 8 rounds) on a 2-CPU virtual machine before the change."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from statistics import median
from time import perf_counter

from benchmarks.cases import CaseFailed
from benchmarks.report import aligned

PROVIDER = "board report, one provider"
PORTFOLIO = "portfolio workbook (every team)"
# (seconds, peak MB) of the previous shape at 500 teams and 8 rounds: the report built in
# process, and the whole process's peak memory (`python -m exports report`).
BEFORE = {PROVIDER: (10.6, 247.0), PORTFOLIO: (9.5, 226.0)}
BEFORE_SIZE = (500, 8)
FIRST_PROVIDER = "first-provider"  # the child finds its id
REPORT_REPEATS = 5  # at most: a portfolio workbook takes seconds


@dataclass(frozen=True)
class ReportTiming:
    case: str
    seconds: float  # the median build, in its own process, after a warm-up
    peak_mb: float  # that process's peak resident memory
    statements: int  # SQL statements one build ran


def run_reports(repeats: int) -> list[ReportTiming]:
    return [
        _in_own_process(PROVIDER, FIRST_PROVIDER, repeats),
        _in_own_process(PORTFOLIO, "portfolio", repeats),
    ]


def _in_own_process(case: str, scope: str, repeats: int) -> ReportTiming:
    command = [sys.executable, "-m", "benchmarks.reports", scope, str(repeats)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = child.communicate()
    if child.returncode:
        raise CaseFailed(f"The {case} case failed: {err.strip().splitlines()[-1:]}")
    seconds, statements, peak_kb = out.split()
    return ReportTiming(case, float(seconds), int(peak_kb) / 1024, int(statements))


def _main(scope_text: str, repeats: int) -> None:
    """In the child: build the report once to warm up, then `repeats` times; print the median
    seconds, one build's statements and this process's peak memory in KB."""
    import resource

    from sqlalchemy import event

    from assessments import store
    from assessments.service import Service
    from exports.board_report import ReportScope, build_report
    from framework.loader import load

    engine = store.open_store()
    service = Service(engine, load())
    if scope_text == FIRST_PROVIDER:
        scope_text = f"org:{min(o.id for o in service.providers.organisations())}"
    scope = ReportScope.parse(scope_text)
    statements = [0]

    def count(*_) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    build_report(service, scope)
    once = statements[0]
    durations = []
    for _ in range(repeats):
        start = perf_counter()
        build_report(service, scope)
        durations.append(perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{median(durations):.3f} {once} {peak}")


def reports_table(timings: list[ReportTiming], teams: int, rounds: int, repeats: int) -> str:
    header = ("case", "seconds", "vs before", "peak MB", "vs before", "statements")
    return "\n".join(
        [
            aligned(header, rows(timings, teams, rounds)),
            "",
            f"Each built in a process of its own: the median of {repeats} builds after one "
            "warm-up, the process's peak memory (ru_maxrss) and one build's SQL statements. "
            "Before: the previous shape, at 500 teams and 8 rounds "
            f"({', '.join(f'{s:g} s and {m:g} MB' for s, m in BEFORE.values())}; it ran 1,094 "
            "and 2,511 statements).",
        ]
    )


def rows(timings: list[ReportTiming], teams: int, rounds: int) -> list[tuple[str, ...]]:
    """The table's rows: seconds, peak MB, statements, and each as a ratio to before when the
    store is the one the earlier figures were taken on."""
    same = (teams, rounds) == BEFORE_SIZE
    found = []
    for t in timings:
        seconds, mb = BEFORE[t.case]
        found.append(
            (
                t.case,
                f"{t.seconds:.2f}",
                f"x {t.seconds / seconds:.2f}" if same else "-",
                f"{t.peak_mb:.0f}",
                f"x {t.peak_mb / mb:.2f}" if same else "-",
                f"{t.statements}",
            )
        )
    return found


if __name__ == "__main__":
    _main(sys.argv[1], int(sys.argv[2]))
