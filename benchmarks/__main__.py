"""`python -m benchmarks [--teams N] [--rounds R] [--repeats K]`: build the synthetic store,
time the cases, print the table. Exit 0 when done, 1 when a case failed in the app, 2 for
numbers the harness or the demo refuses; a person reads the reason, never a traceback."""

from __future__ import annotations

import argparse
import sys

from assessments.writes import ServiceError
from benchmarks.cases import CaseFailed, run_all
from benchmarks.report import report
from benchmarks.synthetic import build, temporary_store


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time Streamlit reruns of the app on a large fictional store, as ratios to "
        "a bare Streamlit page in the same process. Information, never a pass or a fail.",
    )
    parser.add_argument("--teams", type=int, default=500, help="demo teams (default 500)")
    parser.add_argument("--rounds", type=int, default=8, help="rounds per team (default 8)")
    parser.add_argument(
        "--repeats", type=int, default=15, help="timed runs per case, after a warm-up (15)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.repeats < 1:
        print(f"Give at least 1 repeat, not {args.repeats}.", file=sys.stderr)
        return 2
    with temporary_store():
        print(f"Building the demo with {args.teams} teams and {args.rounds} rounds…", flush=True)
        try:
            built = build(args.teams, args.rounds)
        except ServiceError as exc:
            print(exc.message, file=sys.stderr)
            return 2
        print(f"{built.summary} in {built.seconds:.1f} s.\n", flush=True)
        try:
            timings = run_all(args.repeats, built.round_id)
        except CaseFailed as exc:
            print(exc, file=sys.stderr)
            return 1
    print(report(timings, args.teams, args.rounds, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
