"""`python -m assessments demo|status|import-teams|backup|restore`: load the fictional demo into
an empty store, say where the store is and whether it holds anything, import a provider's teams
from a CSV file (all of them, or none: every problem is listed), or back the SQLite store up to
one file and restore it from one. `audit verify` walks the audit log's hash chain and says
whether it is intact, or which entry was changed or removed first. `create-admin` makes an
administrator's local account (the password typed twice, unseen, or one line on stdin).
`serve-check -- [STREAMLIT_OPTION...]` says whether a server started with those options may
start: one other machines can reach needs a sign-in (scripts/run.sh asks before it starts one).

The store is the one the app uses (`RECOVERY_DATABASE_URL`, or the SQLite file in
`RECOVERY_DATA_DIR`). Exit 0 when done, 1 when the store refuses or cannot be used, 2 for a
usage mistake. A person reads the reason; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from assessments import serving
from assessments.command_line import count, with_service
from assessments.records import Actor
from assessments.rules.errors import ImportRefused
from assessments.service import Service
from assessments.store import StoreError, backup
from assessments.store.audit_chain import verify
from demo import MAX_ROUNDS, MAX_TEAMS, DemoSummary, load_demo


def _between(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"give a number from {low} to {high}, not {value}")
        return value

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessments", description="The records store of the recovery app."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="load fictional providers, teams and rounds into an empty store",
        description="Load fictional records into an empty store. Up to 25 teams: an NHS trust "
        "with them and a voluntary sector provider, provider-wide rounds nine months apart (the "
        "trust's latest moderated), a TRIP for every team but one, and commissioners' measures; "
        "more: providers of about 25 teams, rounds three months apart, no TRIP.",
    )
    demo.add_argument(
        "--teams", type=_between(1, MAX_TEAMS), default=12, help="how many teams (default 12)"
    )
    demo.add_argument(
        "--rounds",
        type=_between(1, MAX_ROUNDS),
        default=3,
        help="agreed rounds per team and per provider (default 3)",
    )
    demo.add_argument("--seed", type=int, default=2010, help="the same seed, the same records")
    commands.add_parser("status", help="say where the store is and whether it is empty")
    teams = commands.add_parser(
        "import-teams",
        help="add a provider's teams from a CSV file (name, team_type, locality)",
        description="Add a provider's teams from a CSV file with a header row: name, team_type "
        "(a team type's id or name) and, if you like, locality. UTF-8, with or without a byte "
        "order mark. If any row has a problem, nothing is imported and every problem is listed.",
    )
    teams.add_argument("file", type=Path, metavar="FILE.csv")
    teams.add_argument("--provider", type=_between(1, 2**31 - 1), required=True, metavar="ID")
    teams.add_argument("--as", dest="name", default="Teams import", metavar="NAME")
    teams.add_argument("--role", default="Command line", help="their role, for the audit log")
    saving = commands.add_parser(
        "backup",
        help="copy the SQLite store to one file, safely while the app runs",
        description="Copy the SQLite store to FILE with SQLite's backup API (safe while people "
        "save), check the copy, and say what it holds. A PostgreSQL store is backed up with "
        "pg_dump: the refusal gives the command.",
    )
    saving.add_argument("file", type=Path, metavar="FILE")
    saving.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    restoring = commands.add_parser(
        "restore",
        help="put a backup in place of the SQLite store, and bring its schema up to date",
        description="Check FILE is a whole backup of this app's store, copy it into the store "
        "and run the migrations. A store that holds records is replaced only with --replace, "
        "and is kept beside itself first as NAME.before-restore-TIME.db.",
    )
    restoring.add_argument("file", type=Path, metavar="FILE")
    restoring.add_argument(
        "--replace", action="store_true", help="replace a store that holds records"
    )
    admin = commands.add_parser(
        "create-admin",
        help="make an administrator's account for signing in",
        description="Make a local account with the administrator's role. The password is "
        "asked for twice and not shown; from a pipe, it is the first line of standard input. "
        "At least 12 characters, not a common password, not the username.",
    )
    admin.add_argument("--username", required=True, help="what they type to sign in")
    admin.add_argument(
        "--name", required=True, dest="display_name", metavar="NAME", help="their name, shown"
    )
    serve = commands.add_parser(
        "serve-check",
        help="say whether a server started with these Streamlit options may start",
        description="Whether `streamlit run app.py OPTION...` may start: a server other "
        "machines can reach (server.address not 127.0.0.1, localhost or ::1; none means every "
        "interface) needs a sign-in: an account in the store, or an [auth] section in "
        "Streamlit's secrets. The address and the secrets files are read from the options, "
        "then STREAMLIT_SERVER_ADDRESS and STREAMLIT_SECRETS_FILES, then .streamlit/config.toml. "
        "Exit 0: it may start; 1: it may not, and why, with what to do.",
    )
    serve.add_argument(
        "options",
        nargs=argparse.REMAINDER,
        metavar="-- STREAMLIT_OPTION",
        help="the options given to `streamlit run`, after --",
    )
    audit = commands.add_parser("audit", help="check the audit log")
    checks = audit.add_subparsers(dest="check", required=True, metavar="CHECK")
    checks.add_parser(
        "verify",
        help="say whether the audit log is as written, or which entry was changed or removed",
        description="Walk the audit log's hash chain in order. Exit 0 when it is intact, 1 "
        "naming the first entry that was changed or the place where entries were removed.",
    )
    return parser


def new_password() -> str | None:
    """The new password: typed twice at a terminal, or one line of standard input; None (and
    the reason on stderr) when there is none."""
    try:
        if sys.stdin.isatty():
            password = getpass.getpass("Password (at least 12 characters): ")
            if getpass.getpass("The same password again: ") != password:
                print("The two passwords differ; nothing was created.", file=sys.stderr)
                return None
        else:
            password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    except (EOFError, KeyboardInterrupt):
        password = ""
    except UnicodeDecodeError:
        print("The password on standard input is not UTF-8 text.", file=sys.stderr)
        return None
    if not password:
        print("No password was given; nothing was created.", file=sys.stderr)
        return None
    return password


def audit_verified(service: Service, where: str) -> int:
    checked = verify(service.engine)
    if not checked.intact:
        print(f"The audit log at {where} was tampered with. {checked.problem}", file=sys.stderr)
        return 1
    print(f"{count(checked.entries, 'entry', 'entries')}, chain intact.")
    # Kept elsewhere, it shows later whether the log was rewritten whole or cut short.
    print(f"The newest entry's hash: {checked.newest_hash}")
    return 0


def created(summary: DemoSummary, where: str) -> str:
    made = [
        count(summary.providers, "fictional provider", "fictional providers"),
        count(summary.teams, "team", "teams"),
        f"{count(summary.rounds, 'round', 'rounds')} ({summary.practice} practice)",
        count(summary.plans, "signed action plan", "signed action plans"),
    ]
    if summary.trip_rounds:  # the showcase only
        made += [
            count(summary.trip_rounds, "TRIP round", "TRIP rounds"),
            count(summary.assets, "TRIP asset", "TRIP assets"),
            count(summary.trip_priorities, "co-led TRIP priority", "co-led TRIP priorities"),
        ]
    return f"Created {', '.join(made[:-1])} and {made[-1]} in {where}"


def status(service: Service, where: str) -> str:
    if service.providers.is_empty():
        return (
            f"The store at {where} is empty: load the fictional demo with "
            "`python -m assessments demo`, or from the app's home page."
        )
    providers = count(
        len(service.providers.organisations(include_archived=True)), "provider", "providers"
    )
    teams = count(len(service.providers.teams(include_archived=True)), "team", "teams")
    rounds = count(len(service.rounds.rounds()), "round", "rounds")
    return f"The store at {where} holds {providers}, {teams} and {rounds}."


def backup_or_restore(args: argparse.Namespace) -> int:
    """Both work on the store's file, not through the service: a backup must not migrate the
    store it copies, and a restore migrates only once the backup is in place."""
    try:
        if args.command == "backup":
            held = backup.backup(args.file, overwrite=args.overwrite)
            size = args.file.stat().st_size
            print(f"Wrote {args.file.resolve()} ({size:,} bytes): {held}.")
            return 0
        if not args.file.is_file():
            print(f"{args.file}: no such file.", file=sys.stderr)
            return 2
        done = backup.restore(args.file, replace=args.replace)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    upgraded = done.contents.schema_version != done.from_version
    version = f"schema version {done.from_version}" + (
        f", upgraded to {done.contents.schema_version}" if upgraded else ""
    )
    print(f"Restored {args.file} ({version}) into {done.store}: {done.contents}.")
    if done.kept:
        print(f"The store it replaced is kept as {done.kept}.")
    return 0


def serve_check(options: list[str]) -> int:
    """Refuse (exit 1, the reason and the ways on, on stderr) a server other machines could
    reach where nobody signs in; the store is opened only when that is what decides."""
    options = options[1:] if options[:1] == ["--"] else options
    plan = serving.serving(options, os.environ, Path.cwd(), Path.home())
    for problem in plan.problems:
        print(f"Note: {problem}", file=sys.stderr)
    if serving.may_start(plan, any_accounts=False):
        if plan.reaches_other_machines:
            print(f"Listening on {plan.listens_on}: organisation sign-in is configured.")
        return 0

    def decide(service: Service, where: str) -> int:
        if serving.may_start(plan, any_accounts=service.accounts.any_accounts()):
            print(f"Listening on {plan.listens_on}: everyone signs in with an account.")
            return 0
        print(serving.refusal(plan, where), file=sys.stderr)
        return 1

    return with_service(decide)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("backup", "restore"):
        return backup_or_restore(args)
    if args.command == "serve-check":
        return serve_check(args.options)

    sent = password = None
    if args.command == "create-admin" and (password := new_password()) is None:
        return 2
    if args.command == "import-teams":
        try:
            sent = args.file.read_bytes()
        except OSError as exc:
            print(f"{args.file}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
            return 2

    def work(service: Service, where: str) -> int:
        if args.command == "demo":
            summary = load_demo(service, teams=args.teams, rounds=args.rounds, seed=args.seed)
            print(created(summary, where))
        elif args.command == "import-teams":
            try:
                made = service.providers.import_teams(
                    Actor(args.name, args.role), args.provider, sent
                )
            except ImportRefused as refused:
                print(f"{args.file}: {refused.message}", file=sys.stderr)
                for problem in refused.problems:
                    print(f"{args.file}: {problem}", file=sys.stderr)
                return 1
            print(f"Imported {count(len(made), 'team', 'teams')} from {args.file} into {where}.")
        elif args.command == "audit":
            return audit_verified(service, where)
        elif args.command == "create-admin":
            made = service.accounts.create_account(
                Actor(args.display_name, "Administrator"),
                args.username,
                args.display_name,
                "administrator",
                password,
            )
            print(f"Created the administrator '{made.username}' ({made.display_name}) in {where}.")
        else:
            print(status(service, where))
        return 0

    return with_service(work)


if __name__ == "__main__":
    sys.exit(main())
