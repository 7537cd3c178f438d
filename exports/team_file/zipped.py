"""A zip of team files: what a provider sends its commissioner each quarter, one file per
current team, and what the commissioner imports as it came. Each file inside is checked and
imported on its own, exactly as if it had been sent alone."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass

from assessments.records import Actor
from assessments.service import Service
from exports.file_names import file_name
from exports.team_file.export import team_file
from exports.team_file.importing import import_team_file
from exports.team_file.read import TeamFileRefused
from exports.team_file.result import ImportResult
from framework.problems import Problem

TEAM_FILE_ENDINGS = (".yaml", ".yml")
# Far beyond any provider's teams; a zip past any of them is refused whole, unread.
MOST_FILES = 500
MOST_UNPACKED = 100_000_000
MOST_RATIO = 100  # team files pack about 5 to 1; a zip bomb thousands to 1


def provider_files(service: Service, organisation_id: int) -> bytes:
    """A zip of a team file for each current team of the provider. Each is named as a single
    team's download is, numbered when two names agree."""
    names: Counter[str] = Counter()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for team in service.providers.teams(organisation_id):
            name = file_name("team-file", team.name, service.today(), "yaml")
            names[name] += 1
            if names[name] > 1:
                name = name.replace(".yaml", f"-{names[name]}.yaml")
            archive.writestr(name, team_file(service, team.id))
    return buffer.getvalue()


def team_files_in(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The team files a sent file holds, each with the name it is reported under: a zip's YAML
    files as `ZIP/FILE`, in the zip's order; anything else is one team file as it is. A zip
    that cannot be read, holds no team file or unpacks too big is refused whole."""
    if not name.lower().endswith(".zip"):
        return [(name, data)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inside = [
                i
                for i in archive.infolist()
                if not i.is_dir()
                and i.filename.lower().endswith(TEAM_FILE_ENDINGS)
                and not i.filename.startswith("__MACOSX/")  # a Mac's shadow copies
            ]
            if not inside:
                raise _refused(name, "holds no team file", "YAML files (.yaml) inside the zip")
            _check_entries(name, inside)
            return [(f"{name}/{i.filename}", _unpacked(archive, i)) for i in inside]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise _refused(name, f"cannot be read as a zip: {exc}", "a zip of team files") from None


@dataclass(frozen=True)
class Imported:
    """A team file that was imported, and what that did."""

    name: str
    result: ImportResult


@dataclass(frozen=True)
class Refused:
    """A team file, or a zip, that imported nothing, with every problem found in it."""

    name: str
    error: TeamFileRefused


def import_sent_file(
    service: Service, actor: Actor, name: str, data: bytes
) -> list[Imported | Refused]:
    """Import a sent file: a team file, or each team file of a zip, on its own, so one with a
    problem imports nothing while the others are imported."""
    try:
        files = team_files_in(name, data)
    except TeamFileRefused as error:
        return [Refused(name, error)]
    outcomes: list[Imported | Refused] = []
    for inner, text in files:
        try:
            outcomes.append(Imported(inner, import_team_file(service, actor, text, inner)))
        except TeamFileRefused as error:
            outcomes.append(Refused(inner, error))
    return outcomes


def _check_entries(name: str, inside: list[zipfile.ZipInfo]) -> None:
    """The zip's own account of its files, judged before anything is unpacked."""
    if len(inside) > MOST_FILES:
        raise _refused(name, f"holds {len(inside)} team files", f"at most {MOST_FILES}")
    for entry in inside:
        if entry.flag_bits & 0x1:
            raise _refused(name, f"{entry.filename} is encrypted", "a zip with no password")
        if entry.file_size > MOST_RATIO * max(entry.compress_size, 1000):
            raise _refused(
                name,
                f"{entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1)} "
                "times larger than it is packed",
                "team files as they were zipped",
            )
    if sum(i.file_size for i in inside) > MOST_UNPACKED:
        raise _refused(name, "unpacks to more than 100 MB", "a zip of team files")


def _unpacked(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, never more than it said it holds: a zip may lie about its sizes."""
    with archive.open(entry) as packed:
        data = packed.read(entry.file_size + 1)
    if len(data) > entry.file_size:
        raise zipfile.BadZipFile(f"{entry.filename} holds more than its stated size")
    return data


def _refused(name: str, what: str, expected: str) -> TeamFileRefused:
    return TeamFileRefused([Problem(name, 1, "(file)", what, expected)])
