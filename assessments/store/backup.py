"""Backing up the embedded SQLite store to one file, and restoring it from one.

Both go through SQLite's online backup API, never a file copy: the app keeps the store in WAL
mode, so the main file alone may lack the latest saves, and copying it while someone saves can
catch it half-written. A PostgreSQL store is backed up with its own tools; the refusal gives
the commands (`postgres_commands`).
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from assessments.store import SCHEMA_VERSION, WAIT_SECONDS, StoreError, database_url, open_store

_HEADER = b"SQLite format 3\x00"


class BackupRefused(StoreError):
    """The backup or restore was not done; the message says why and what to do instead."""


@dataclass(frozen=True)
class Contents:
    """What a database file holds, said in a report."""

    schema_version: int
    audit_entries: int
    rows: int
    tables: int

    def __str__(self) -> str:
        return (
            f"schema version {self.schema_version}, {self.audit_entries:,} audit entries, "
            f"{self.rows:,} rows in {self.tables} tables"
        )


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    store: Path
    from_version: int  # the backup's schema version, before the migrations ran
    contents: Contents  # after the migrations
    kept: Path | None  # where the store it replaced was kept


def postgres_commands(url: str, file: Path) -> str:
    """The pg_dump and pg_restore lines for the store at `url`, its password left out (they
    ask for it, or take it from PGPASSWORD or ~/.pgpass)."""
    given = make_url(url)
    plain = URL.create(  # libpq's form: no driver name, no password
        "postgresql", given.username, None, given.host, given.port, given.database, given.query
    )
    target = shlex.quote(plain.render_as_string(hide_password=False))
    name = shlex.quote(str(file))
    return (
        f"  pg_dump --format=custom --file={name} {target}\n"
        f"  pg_restore --clean --if-exists --no-owner --single-transaction --dbname={target} "
        f"{name}"
    )


def store_file(url: str | None, file: Path) -> Path:
    """The SQLite file of the store at `url` (the app's when None), or a refusal that says what
    to use instead."""
    try:
        url = url or database_url()
        parsed = make_url(url)
    except ArgumentError:
        raise BackupRefused(f"The store's URL '{url}' cannot be read.") from None
    except OSError as exc:  # the data folder could not be made
        raise BackupRefused(f"The store's folder cannot be used: {exc}.") from exc
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "postgresql":
        raise BackupRefused(
            f"The store is PostgreSQL ({shown}): back it up and restore it with PostgreSQL's "
            f"own tools, for example\n{postgres_commands(url, file)}\n"
            "then start the app, which brings an older backup's schema up to date."
        )
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise BackupRefused(
            f"The store ({shown}) is not a SQLite file: back it up with its database's own tools."
        )
    return Path(parsed.database)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    # The app's busy timeout: a copy waits for a save in progress the way another save does.
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=WAIT_SECONDS)
    return sqlite3.connect(path, timeout=WAIT_SECONDS)


def _integrity(conn: sqlite3.Connection) -> str:
    found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return "ok" if found == ["ok"] else "; ".join(str(line) for line in found[:3])


def _quoted(name: str) -> str:
    # A restored file's table names are anyone's: quoted as identifiers, never run as SQL.
    return '"' + name.replace('"', '""') + '"'


def contents(conn: sqlite3.Connection) -> Contents:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    counts = {
        name: conn.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()[0] for name in names
    }
    version = 0
    if "schema_version" in counts:
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
    return Contents(
        schema_version=version,
        audit_entries=counts.get("audit_log", 0),
        rows=sum(n for name, n in counts.items() if name != "schema_version"),
        tables=len(names),
    )


def _copy(source: sqlite3.Connection, path: Path) -> None:
    """`source` copied into the file at `path`. One step (pages=-1) copies a single snapshot
    under one read transaction: in WAL mode saves carry on beside it, whereas a copy in
    several steps would start again each time someone saved."""
    target = _connect(path)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()


def _written_whole(source: sqlite3.Connection, target: Path, overwrite: bool) -> Contents:
    """A copy of `source` at `target`, checked, appearing there only once whole: it is written
    under a temporary name in the same folder and renamed over `target`."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    partial = Path(name)
    try:
        _copy(source, partial)
        copy = _connect(partial)
        try:
            # One self-contained file: the copy keeps the store's WAL mode unless told not to.
            copy.execute("PRAGMA journal_mode=DELETE")
            found = _integrity(copy)
            if found != "ok":
                raise BackupRefused(
                    f"The copy failed SQLite's integrity check ({found}), so nothing was "
                    "written: the store itself may be damaged."
                )
            held = contents(copy)
        finally:
            copy.close()
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        if target.exists() and not overwrite:  # someone else wrote it meanwhile
            raise BackupRefused(f"{target} already exists; nothing was written.")
        os.replace(partial, target)
        return held
    finally:
        partial.unlink(missing_ok=True)


def _checked_target(target: Path, overwrite: bool) -> None:
    if target.is_dir():
        raise BackupRefused(f"{target} is a folder: give the backup file's name.")
    if not target.parent.is_dir():
        raise BackupRefused(f"{target.parent} is not a folder: create it first.")
    if target.exists() and not overwrite:
        raise BackupRefused(
            f"{target} already exists; nothing was written. Give another name, or add "
            "--overwrite to replace it."
        )


def backup(target: Path, *, overwrite: bool = False, url: str | None = None) -> Contents:
    """The store at `url` (the app's when None) copied to the file `target` while the app may
    be saving: everything saved before the copy began is in it."""
    source_path = store_file(url, target)
    if not source_path.is_file():
        raise BackupRefused(f"There is no store at {source_path} yet: nothing to back up.")
    if target.resolve() == source_path.resolve():
        raise BackupRefused(f"{target} is the store itself: give the backup another name.")
    _checked_target(target, overwrite)
    try:
        source = _connect(source_path, read_only=True)
        try:
            return _written_whole(source, target, overwrite)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupRefused(f"The backup was not written: {exc}.") from exc
    except OSError as exc:
        raise BackupRefused(
            f"The backup was not written to {target}: {exc.strerror or exc}."
        ) from exc


def checked_backup(file: Path) -> Contents:
    """What the backup `file` holds, once it is known to be a whole database of this app that
    this app can read; otherwise a refusal saying what is wrong with it."""
    try:
        with open(file, "rb") as opened:
            header = opened.read(len(_HEADER))
    except OSError as exc:
        raise BackupRefused(f"{file} cannot be read: {exc.strerror or exc}.") from exc
    if header != _HEADER:
        raise BackupRefused(f"{file} is not a SQLite database, so not a backup of this app.")
    try:
        conn = _connect(file, read_only=True)
        try:
            found = _integrity(conn)
            if found != "ok":
                raise BackupRefused(f"{file} failed SQLite's integrity check: {found}.")
            held = contents(conn)
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupRefused(f"{file} cannot be read as a database: {exc}.") from exc
    if not has_version or held.schema_version < 1:
        raise BackupRefused(f"{file} is a SQLite database, but not one of this app's stores.")
    if held.schema_version > SCHEMA_VERSION:
        raise BackupRefused(
            f"{file} is at schema version {held.schema_version}, newer than this app "
            f"({SCHEMA_VERSION}): restore it with the newer app. Nothing was changed."
        )
    return held


def _records(path: Path) -> int | None:
    """How many rows the store at `path` holds besides its schema version: None when it
    cannot be read, which is treated as holding something."""
    if not path.exists():
        return 0
    try:
        conn = _connect(path, read_only=True)
        try:
            held = contents(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return held.rows


def restore(
    file: Path, *, replace: bool = False, url: str | None = None, now: datetime | None = None
) -> Restored:
    """The backup `file` copied into the store at `url` (the app's when None), then migrated.
    A store that holds records is replaced only when asked, and is first kept beside itself
    as `<name>.before-restore-<time>.db`."""
    target = store_file(url, file)
    if file.resolve() == target.resolve():
        raise BackupRefused(f"{file} is the store itself: there is nothing to restore.")
    from_version = checked_backup(file).schema_version
    if not target.parent.is_dir():
        raise BackupRefused(
            f"The store's folder {target.parent} does not exist; nothing was changed."
        )
    held = _records(target)
    if held != 0 and not replace:
        what = "cannot be read" if held is None else f"holds records ({held:,} rows)"
        raise BackupRefused(
            f"The store at {target} {what}; nothing was changed. To replace it with {file}, "
            "add --replace: the current store is kept beside it first."
        )
    kept = None
    try:
        if held != 0:
            stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
            kept = target.with_name(f"{target.stem}.before-restore-{stamp}.db")
            source = _connect(target, read_only=True)
            try:
                _written_whole(source, kept, overwrite=False)
            finally:
                source.close()
        source = _connect(file, read_only=True)
        try:
            # Into the store through SQLite, in one write transaction: the app, if running,
            # sees the old records or the restored ones, never a mixture.
            _copy(source, target)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupRefused(f"The restore was not done: {exc}.") from exc
    except OSError as exc:
        raise BackupRefused(f"The restore was not done: {exc.strerror or exc}.") from exc
    engine = open_store(f"sqlite:///{target}")  # an older backup is migrated here
    engine.dispose()
    try:
        conn = _connect(target, read_only=True)
        try:
            return Restored(target, from_version, contents(conn), kept)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupRefused(f"Restored and migrated, but the store cannot be read: {exc}.") from exc
