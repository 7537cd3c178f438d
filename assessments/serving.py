"""Whether the app may start serving. A server other machines can reach (`server.address` not
a loopback address; no address at all, or an empty one, means every network interface) needs a
sign-in: at least one account in the store, or organisation sign-in configured (an `[auth]`
section in Streamlit's secrets). Without one it must not start: anyone on the network could
record under any name (README, "Who can reach the app").

The options are read as `streamlit run` reads them, most telling first: its flags
(`--server.address 0.0.0.0` or `--server.address=0.0.0.0`), then the environment
(`STREAMLIT_SERVER_ADDRESS`, `STREAMLIT_SECRETS_FILES`), then the config files (the project's
`.streamlit/config.toml` over the one in the home folder), then Streamlit's defaults. Plain
Python with no Streamlit: `python -m assessments serve-check` runs it before scripts/run.sh
starts the server, and asks the store about accounts only when the answer matters.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The same three as pages/kit/access.py, which decides what a running server shows.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

ADDRESS_FLAG = "--server.address"
ADDRESS_VARIABLE = "STREAMLIT_SERVER_ADDRESS"
SECRETS_FLAG = "--secrets.files"
SECRETS_VARIABLE = "STREAMLIT_SECRETS_FILES"


@dataclass(frozen=True)
class Setting:
    """An option's value and what set it; `value` None: nothing did (Streamlit's default)."""

    value: Any
    where: str


@dataclass(frozen=True)
class Serving:
    """What a server started with these options would do about sign-in."""

    address: Setting
    secrets_files: tuple[Path, ...]
    organisation_sign_in: bool  # a non-empty [auth] section in the secrets
    problems: tuple[str, ...]  # files Streamlit would skip or refuse, said for the person

    @property
    def reaches_other_machines(self) -> bool:
        return reaches_other_machines(self.address.value)

    @property
    def listens_on(self) -> str:
        return self.address.value or "every network interface"


def reaches_other_machines(address: str | None) -> bool:
    return (address or "") not in LOOPBACK


def _flag_values(args: Sequence[str], flag: str) -> list[str]:
    """Every value given to `flag` in `streamlit run`'s arguments, in order, as click reads
    them (`--flag value` or `--flag=value`; nothing after a bare `--`)."""
    values = []
    for i, arg in enumerate(args):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if name != flag:
            continue
        if equals:
            values.append(value)
        elif i + 1 < len(args):
            values.append(args[i + 1])
    return values


def config_files(project: Path, home: Path) -> tuple[Path, ...]:
    """Streamlit's config files, the later over the earlier: the home folder's, the project's."""
    return (home / ".streamlit" / "config.toml", project / ".streamlit" / "config.toml")


def _read_config(files: Sequence[Path], problems: list[str]) -> list[tuple[Path, dict]]:
    """Each config file that exists, parsed. One that is not valid TOML is skipped, as
    Streamlit skips it (it logs the error and carries on without its settings)."""
    read = []
    for path in files:
        if not path.is_file():
            continue
        try:
            read.append((path, tomllib.loads(path.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{path} is not read, as Streamlit would not read it: {exc}")
    return read


def _from_config(read: Sequence[tuple[Path, dict]], section: str, name: str) -> Setting | None:
    for path, options in reversed(read):  # the last file read wins
        table = options.get(section)
        if isinstance(table, dict) and name in table:
            return Setting(table[name], str(path))
    return None


def server_address(
    args: Sequence[str], environ: Mapping[str, str], read: Sequence[tuple[Path, dict]]
) -> Setting:
    given = _flag_values(args, ADDRESS_FLAG)
    if given:
        return Setting(given[-1], ADDRESS_FLAG)  # click keeps the last
    if environ.get(ADDRESS_VARIABLE):  # click ignores an empty variable
        return Setting(environ[ADDRESS_VARIABLE], ADDRESS_VARIABLE)
    found = _from_config(read, "server", "address")
    if found is not None:
        return Setting(str(found.value), found.where)
    return Setting(None, "Streamlit's default")


def secrets_files(
    args: Sequence[str],
    environ: Mapping[str, str],
    read: Sequence[tuple[Path, dict]],
    project: Path,
    home: Path,
) -> tuple[Path, ...]:
    """Where Streamlit looks for its secrets, in the order it reads them."""
    given = _flag_values(args, SECRETS_FLAG)
    if not given and environ.get(SECRETS_VARIABLE):
        given = environ[SECRETS_VARIABLE].split()  # click splits a list on whitespace
    if not given:
        found = _from_config(read, "secrets", "files")
        if found is not None:
            given = [found.value] if isinstance(found.value, str) else list(found.value)
    if not given:
        given = [home / ".streamlit" / "secrets.toml", project / ".streamlit" / "secrets.toml"]
    return tuple(project / Path(p) for p in given)  # relative to where the server starts


def _secrets_in(path: Path) -> dict[str, Any]:
    """What one secrets location holds, as Streamlit reads it: a TOML file, or a folder of
    folders of files (Kubernetes secrets mounted as files)."""
    if path.is_dir():
        held: dict[str, Any] = {}
        for folder in sorted(p for p in path.iterdir() if p.is_dir()):
            held[folder.name] = {f.name: True for f in folder.iterdir() if f.is_file()}
        return held
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def organisation_sign_in(files: Sequence[Path], problems: list[str]) -> bool:
    """Whether the secrets hold a non-empty [auth] section (later files over earlier ones, one
    top-level key at a time, as Streamlit merges them)."""
    merged: dict[str, Any] = {}
    for path in files:
        try:
            merged.update(_secrets_in(path))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{path} cannot be read, and Streamlit would refuse it: {exc}")
    auth = merged.get("auth")
    return isinstance(auth, dict) and bool(auth)


def serving(args: Sequence[str], environ: Mapping[str, str], project: Path, home: Path) -> Serving:
    """What `streamlit run app.py ARGS`, started in `project` with this environment and home
    folder, would listen on, and whether organisation sign-in is configured for it."""
    problems: list[str] = []
    read = _read_config(config_files(project, home), problems)
    address = server_address(args, environ, read)
    files = secrets_files(args, environ, read, project, home)
    auth = organisation_sign_in(files, problems) if reaches_other_machines(address.value) else False
    return Serving(address, files, auth, tuple(problems))


def may_start(plan: Serving, any_accounts: bool) -> bool:
    """A server only this machine reaches may always start; one other machines reach, only
    when people sign in there."""
    return not plan.reaches_other_machines or plan.organisation_sign_in or any_accounts


def refusal(plan: Serving, store: str) -> str:
    """Why the server is not started, and the three ways on, for the person who started it."""
    looked = ", ".join(str(p) for p in plan.secrets_files)
    lines = [
        f"Not started: this server would listen on {plan.listens_on} (set by "
        f"{plan.address.where}), so other machines could reach it, but nobody signs in yet: "
        "anyone could record under any name.",
        f"The store at {store} holds no account, and no secrets file has an [auth] section "
        f"(looked for: {looked}).",
        "Do one of these, then start it again:",
        "  - make the first account, and everyone signs in:",
        '      python -m assessments create-admin --username NAME --name "Your Name"',
        "  - or configure your organisation's sign-in (OpenID Connect) in an [auth] section",
        "    of .streamlit/secrets.toml;",
        "  - or use it on this computer only: bash scripts/run.sh, which listens on 127.0.0.1.",
    ]
    return "\n".join(lines)
