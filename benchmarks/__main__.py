"""`python -m benchmarks [--teams N] [--rounds R] [--repeats K]`: build the synthetic store,
time the cases in this process, print the table. `python -m benchmarks browser [the same
options]`: the same store, served by `streamlit run app.py` and clicked in Chromium, against a
bare page on that server. `python -m benchmarks live-votes [--voters 60] [--questions 10]
[--database-url URL]`: phones voting over the real server while Chromium shows the live tally
(benchmarks/live_votes.py). Exit 0 when done, 1 when a case failed in the app, 2 for numbers the
harness or the demo refuses; a person reads the reason, never a traceback."""

from __future__ import annotations

import argparse
import sys

from assessments.rules.errors import ServiceError
from benchmarks.cases import CaseFailed, run_all
from benchmarks.report import report
from benchmarks.reports import REPORT_REPEATS, reports_table, run_reports
from benchmarks.synthetic import Built, build, temporary_store

BROWSER = "browser"
LIVE_VOTES = "live-votes"


def _parser(browser: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks" + (f" {BROWSER}" if browser else ""),
        description=(
            "Time Next and Save on the workshop page in Chromium, on the app's own server and a "
            "large fictional store, as ratios to a bare Streamlit page on the same server."
            if browser
            else "Time Streamlit reruns of the app on a large fictional store, as ratios to "
            "a bare Streamlit page in the same process."
        )
        + " Information, never a pass or a fail.",
        epilog=None
        if browser
        else f"`python -m benchmarks {BROWSER} --help`: the browser cases; "
        f"`python -m benchmarks {LIVE_VOTES} --help`: phones voting live.",
    )
    parser.add_argument("--teams", type=int, default=500, help="demo teams (default 500)")
    parser.add_argument("--rounds", type=int, default=8, help="rounds per team (default 8)")
    parser.add_argument(
        "--repeats", type=int, default=15, help="timed runs per case, after a warm-up (15)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [LIVE_VOTES]:
        # Only here: the other cases need neither httpx's voters nor Playwright.
        from benchmarks.live_votes import main as live_votes

        return live_votes(argv[1:])
    browser = argv[:1] == [BROWSER]
    args = _parser(browser).parse_args(argv[1:] if browser else argv)
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
        if browser:
            return _browser(args, built)
        try:
            reports = run_reports(min(args.repeats, REPORT_REPEATS))
            timings = run_all(args.repeats, built.round_id)
        except CaseFailed as exc:
            print(exc, file=sys.stderr)
            return 1
    print(report(timings, args.teams, args.rounds, args.repeats))
    print()
    print(reports_table(reports, args.teams, args.rounds, min(args.repeats, REPORT_REPEATS)))
    return 0


def _browser(args: argparse.Namespace, built: Built) -> int:
    # Only here: the in-process cases need neither Playwright nor the e2e helpers.
    from benchmarks.browser import run_all as run_in_browser
    from benchmarks.report import browser_report

    print("Starting the app server and Chromium…", flush=True)
    try:
        measured = run_in_browser(args.repeats, built.round_id, built.challenge_id)
    except CaseFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(browser_report(measured, args.teams, args.rounds, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
