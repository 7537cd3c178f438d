"""`python -m exports COMMAND`: files out of the records store and into it.

    python -m exports report --scope team:ID|org:ID|portfolio --out FILE.xlsx   a board report
    python -m exports team-file --team ID --out FILE.yaml    one team's whole record
    python -m exports team-file --org ID --out FILE.zip      every current team's, zipped
    python -m exports import FILE.yaml [FILE.yaml ...] [--as NAME --role ROLE]

The store is the one the app uses (`RECOVERY_DATABASE_URL`, or the SQLite file in
`RECOVERY_DATA_DIR`), opened as `python -m assessments` opens it. Exit 0 when done, 1 when the
store refuses or cannot be used, 2 for a usage mistake: a file that cannot be read or written,
or a team file with problems (each printed on a line of its own). Never a traceback.

Each command is a subparser with a `run(args)` function, so another file format is one more
`add_parser` and one more function.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from openpyxl import load_workbook

from assessments.command_line import count, with_service
from assessments.records import TEMPLATE_A, Actor
from assessments.service import Service
from exports.board_report import ReportScope, ScopeError, build_report
from exports.team_file import Refused, file_text, import_sent_file, provider_files, team_record
from exports.team_file.format import TEMPLATE_B

IMPORTER = Actor("Team file import", "Command line")


# --- report ---------------------------------------------------------------------------------


def write_report(args: argparse.Namespace) -> int:
    try:
        scope = ReportScope.parse(args.scope)
    except ScopeError as exc:
        print(exc, file=sys.stderr)
        return 2

    def work(service: Service, where: str) -> int:
        try:
            data = build_report(service, scope)
        except ScopeError as exc:
            print(exc, file=sys.stderr)
            return 2
        try:
            args.out.write_bytes(data)
        except OSError as exc:
            print(f"{args.out}: cannot be written: {exc.strerror or exc}", file=sys.stderr)
            return 2
        sheets = load_workbook(io.BytesIO(data), read_only=True).sheetnames
        print(
            f"Wrote {args.out} ({len(data) // 1024} KB) from {where}: the board report for "
            f"{scope}, {count(len(sheets), 'sheet', 'sheets')}: {', '.join(sheets)}."
        )
        return 0

    return with_service(work)


# --- team-file ------------------------------------------------------------------------------


def write_team_file(args: argparse.Namespace) -> int:
    if args.org is not None:
        return _write_provider_files(args)

    def work(service: Service, _where: str) -> int:
        record = team_record(service, args.team)
        if not _written(args.out, file_text(record).encode("utf-8")):
            return 2
        a = sum(r.kind == TEMPLATE_A for r in record.rounds)
        b = sum(p.kind == TEMPLATE_B for p in record.plans)
        trip = count(len(record.plans) - b, "TRIP priority", "TRIP priorities")
        print(
            f"Wrote {args.out}: {record.team.name} ({record.provider.name}), "
            f"{count(len(record.rounds), 'round', 'rounds')} ({a} Template A, "
            f"{len(record.rounds) - a} TRIP) and {count(len(record.plans), 'plan', 'plans')} "
            f"({b} Template B, {trip})."
        )
        return 0

    return with_service(work)


def _write_provider_files(args: argparse.Namespace) -> int:
    def work(service: Service, _where: str) -> int:
        provider = service.providers.organisation(args.org)
        data = provider_files(service, provider.id)
        if not _written(args.out, data):
            return 2
        teams = count(len(service.providers.teams(provider.id)), "current team", "current teams")
        print(f"Wrote {args.out}: the files of {provider.name}'s {teams}.")
        return 0

    return with_service(work)


def _written(path: Path, data: bytes) -> bool:
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"{path}: cannot be written: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


# --- import ---------------------------------------------------------------------------------


def import_files(args: argparse.Namespace) -> int:
    """Each file is checked and imported on its own: one with problems imports nothing, and
    the others are still imported (a commissioner's folder of a quarter's files, say)."""
    read: dict[Path, bytes] = {}
    for path in args.files:
        try:
            read[path] = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
    if not read:
        return 2
    actor = Actor(args.name, args.role)

    def work(service: Service, where: str) -> int:
        refused_any = False
        for path, data in read.items():
            for outcome in import_sent_file(service, actor, str(path), data):
                if isinstance(outcome, Refused):
                    refused_any = True
                    print(f"{outcome.name}: {outcome.error.message}", file=sys.stderr)
                    for problem in outcome.error.problems:
                        print(problem, file=sys.stderr)
                else:
                    print(f"Imported {outcome.name} into {where}. {outcome.result.summary()}")
        return 2 if refused_any or len(read) < len(args.files) else 0

    return with_service(work)


# --- the command line -----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m exports", description="Files out of the records store, and into it."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="write the board report as an Excel workbook",
        description="Write the board report for a team, a provider or every team (the "
        "portfolio) as an .xlsx workbook that prints cleanly.",
    )
    report.add_argument(
        "--scope", required=True, metavar="team:ID|org:ID|portfolio", help="what it covers"
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="where to")
    report.set_defaults(run=write_report)
    out = commands.add_parser(
        "team-file",
        help="write one team's whole record as a readable YAML file",
        description="Write one team's whole record (rounds, TRIP, plans with every version, "
        "review and measurement) as a YAML file for its commissioner; or, with --org, a zip "
        "of the files of every current team of a provider.",
    )
    which = out.add_mutually_exclusive_group(required=True)
    which.add_argument("--team", type=int, metavar="ID", help="the team's id")
    which.add_argument(
        "--org", type=int, metavar="ID", help="a provider's id: every current team, zipped"
    )
    out.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to")
    out.set_defaults(run=write_team_file)
    into = commands.add_parser(
        "import",
        help="check team files and import what the store does not have yet",
        description="Check each team file whole, then import what the store does not have "
        "yet. A file with any problem imports nothing and lists every problem with its line; "
        "the other files are still imported.",
    )
    into.add_argument("files", type=Path, nargs="+", metavar="FILE.yaml")
    into.add_argument(
        "--as", dest="name", default=IMPORTER.name, metavar="NAME", help="who is importing"
    )
    into.add_argument("--role", default=IMPORTER.role, help="their role, for the audit log")
    into.set_defaults(run=import_files)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
