"""Backup and restore of the SQLite store (`python -m assessments backup|restore`): a backup
taken while people save holds every save acknowledged before it began; a restore takes only a
whole backup of this app, replaces records only when told to (keeping them first), and brings
an older backup's schema up to date."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from assessments import store
from assessments.__main__ import main
from assessments.records import Actor
from assessments.service import Service
from assessments.store import backup
from tests import command_line

ROOT = Path(__file__).resolve().parents[2]
ACTOR = Actor("Sam Okafor", "Recovery lead")


def url(folder: Path) -> str:
    return f"sqlite:///{folder / 'recovery.db'}"


def run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The command line on the store in `data_dir`, as a person runs it."""
    environment = {**os.environ, "RECOVERY_DATA_DIR": str(data_dir), **env}
    if "RECOVERY_DATABASE_URL" not in env:
        environment.pop("RECOVERY_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def ask(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The same command's answer from `main` in this process (tests/command_line.py)."""
    return command_line.in_process(
        main, list(args), {"RECOVERY_DATA_DIR": str(data_dir), "RECOVERY_DATABASE_URL": None, **env}
    )


def provider(folder: Path, definitions, name: str = "Northfield Demo Trust (fictional)"):
    """A store in `folder` with one provider, made through the service."""
    folder.mkdir(exist_ok=True)
    service = Service(store.open_store(url(folder)), definitions)
    return service, service.providers.create_organisation(ACTOR, name).id


def team_names(folder: Path, definitions) -> set[str]:
    service = Service(store.open_store(url(folder)), definitions)
    try:
        return {t.name for t in service.providers.teams(include_archived=True)}
    finally:
        service.engine.dispose()


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        found = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return found[0][0]


class Saver(threading.Thread):
    """Adds teams through the service one after another, as people saving would; a team is in
    `acknowledged` once its save has returned, which is when a person is told "Saved"."""

    def __init__(self, service: Service, organisation_id: int) -> None:
        super().__init__(daemon=True)
        self.service, self.organisation_id = service, organisation_id
        self.acknowledged: list[str] = []
        self.failure: Exception | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                name = f"Team {len(self.acknowledged):05d}"
                self.service.providers.create_team(ACTOR, self.organisation_id, name, "cmht")
                self.acknowledged.append(name)
        except Exception as exc:  # the test says which save failed, and how
            self.failure = exc

    def wait_for(self, saves: int) -> None:
        while len(self.acknowledged) < saves and self.is_alive():
            threading.Event().wait(0.005)
        assert self.failure is None, f"a save failed: {self.failure!r}"


@contextmanager
def saving(service: Service, organisation_id: int) -> Iterator[Saver]:
    saver = Saver(service, organisation_id)
    saver.start()
    try:
        yield saver
    finally:
        saver.stop.set()
        saver.join(timeout=60)
    assert saver.failure is None, f"a save failed while the backup ran: {saver.failure!r}"


def test_a_backup_taken_while_people_save_holds_every_save_acknowledged_before_it(
    tmp_path, definitions
):
    live, org = provider(tmp_path / "live", definitions)
    with saving(live, org) as saver:
        saver.wait_for(30)
        before = list(saver.acknowledged)
        held = backup.backup(tmp_path / "backup.db", url=url(tmp_path / "live"))
        saver.wait_for(len(before) + 30)  # saving carries on: the backup blocked nobody
    live.engine.dispose()

    assert integrity(tmp_path / "backup.db") == "ok"
    (tmp_path / "fresh").mkdir()
    assert held.schema_version == store.SCHEMA_VERSION and held.audit_entries > len(before)
    restored = backup.restore(tmp_path / "backup.db", url=url(tmp_path / "fresh"))
    assert restored.kept is None and restored.contents == held
    names = team_names(tmp_path / "fresh", definitions)
    assert set(before) <= names  # every save acknowledged before the backup began
    assert names <= set(saver.acknowledged)  # and only whole saves
    assert integrity(tmp_path / "fresh" / "recovery.db") == "ok"


def test_the_command_line_backs_up_while_people_save_and_restores_into_an_empty_store(
    tmp_path, definitions
):
    live, org = provider(tmp_path / "live", definitions)
    with saving(live, org) as saver:
        saver.wait_for(30)
        before = list(saver.acknowledged)
        done = run(tmp_path / "live", "backup", str(tmp_path / "backup.db"))
        saver.wait_for(len(before) + 30)
    live.engine.dispose()

    assert done.returncode == 0, done.stderr
    size = (tmp_path / "backup.db").stat().st_size
    assert done.stdout.startswith(f"Wrote {tmp_path / 'backup.db'} ({size:,} bytes): schema ")
    assert " audit entries, " in done.stdout
    again = run(tmp_path / "fresh", "restore", str(tmp_path / "backup.db"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"Restored {tmp_path / 'backup.db'} (schema version ")
    assert set(before) <= team_names(tmp_path / "fresh", definitions)


def test_a_backup_never_overwrites_a_file_unless_told_and_says_so_without_a_traceback(
    tmp_path, definitions
):
    live, _ = provider(tmp_path / "live", definitions)
    live.engine.dispose()
    there = tmp_path / "backup.db"
    there.write_text("keep me")

    refused = ask(tmp_path / "live", "backup", str(there))
    assert refused.returncode == 1
    assert f"{there} already exists; nothing was written." in refused.stderr
    assert "--overwrite" in refused.stderr and "Traceback" not in refused.stderr
    assert there.read_text() == "keep me"

    done = ask(tmp_path / "live", "backup", str(there), "--overwrite")
    assert done.returncode == 0, done.stderr
    assert integrity(there) == "ok"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_postgresql_store_is_refused_with_the_pg_dump_and_pg_restore_commands(tmp_path):
    server = "postgresql+psycopg://recovery:s3cret@db.example:5432/recovery"

    refused = ask(tmp_path, "backup", "trust.dump", RECOVERY_DATABASE_URL=server)

    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    lines = [line.strip() for line in refused.stderr.splitlines()]
    plain = "postgresql://recovery@db.example:5432/recovery"
    assert f"pg_dump --format=custom --file=trust.dump {plain}" in lines
    assert (
        f"pg_restore --clean --if-exists --no-owner --single-transaction --dbname={plain} "
        "trust.dump"
    ) in lines
    assert "s3cret" not in refused.stderr
    again = ask(tmp_path, "restore", str(ROOT / "README.md"), RECOVERY_DATABASE_URL=server)
    assert again.returncode == 1 and "pg_restore" in again.stderr


def test_a_restore_refuses_what_is_not_a_whole_backup_of_this_app(tmp_path, definitions):
    live, _ = provider(tmp_path / "live", definitions)
    live.engine.dispose()
    backup.backup(tmp_path / "backup.db", url=url(tmp_path / "live"))
    (tmp_path / "notes.db").write_text("not a database\n")
    with sqlite3.connect(tmp_path / "other.db") as other:
        other.execute("CREATE TABLE things (id INTEGER)")
    other.close()
    whole = (tmp_path / "backup.db").read_bytes()
    (tmp_path / "cut.db").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "newer.db").write_bytes(whole)
    with sqlite3.connect(tmp_path / "newer.db") as newer:
        newer.execute("UPDATE schema_version SET version = ?", (store.SCHEMA_VERSION + 1,))
    newer.close()

    refusals = {
        "notes.db": "is not a SQLite database",
        "other.db": "is a SQLite database, but not one of this app's stores",
        "cut.db": "cut.db",  # then SQLite's own words for a file cut short
        "newer.db": f"is at schema version {store.SCHEMA_VERSION + 1}, newer than this app",
    }
    for name, words in refusals.items():
        with pytest.raises(backup.BackupRefused, match=words):
            backup.restore(tmp_path / name, url=url(tmp_path / "fresh"))
        assert not (tmp_path / "fresh" / "recovery.db").exists(), name

    done = ask(tmp_path / "fresh", "restore", str(tmp_path / "notes.db"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        done.stderr
        == f"{tmp_path / 'notes.db'} is not a SQLite database, so not a backup of this app.\n"
    )
    assert ask(tmp_path / "fresh", "restore", str(tmp_path / "gone.db")).returncode == 2
    assert ask(tmp_path / "fresh", "restore").returncode == 2


def test_a_store_with_records_is_replaced_only_when_told_and_is_kept_first(tmp_path, definitions):
    old, org = provider(tmp_path / "old", definitions, "Old Trust (fictional)")
    old.providers.create_team(ACTOR, org, "Backed-up Team", "cmht")
    old.engine.dispose()
    backup.backup(tmp_path / "backup.db", url=url(tmp_path / "old"))
    live, org = provider(tmp_path / "live", definitions, "Live Trust (fictional)")
    live.providers.create_team(ACTOR, org, "Live Team", "cmht")

    with pytest.raises(backup.BackupRefused, match=r"holds records .* add --replace"):
        backup.restore(tmp_path / "backup.db", url=url(tmp_path / "live"))
    assert {t.name for t in live.providers.teams()} == {"Live Team"}

    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    done = backup.restore(tmp_path / "backup.db", replace=True, url=url(tmp_path / "live"), now=at)

    assert done.kept == tmp_path / "live" / "recovery.before-restore-20261123T093000Z.db"
    assert integrity(done.kept) == "ok"
    kept = Service(store.open_store(f"sqlite:///{done.kept}"), definitions)
    assert {t.name for t in kept.providers.teams()} == {"Live Team"}
    kept.engine.dispose()
    # The service still open on the store reads the restored records: nothing stale.
    assert {t.name for t in live.providers.teams()} == {"Backed-up Team"}
    live.engine.dispose()


def test_a_backup_of_an_older_schema_is_restored_and_brought_up_to_date(tmp_path, definitions):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store.upgrade(engine, to=3)
    with engine.begin() as conn:  # version 3's tables: the service of today cannot write them
        conn.execute(
            text(
                "INSERT INTO organisations (name, kind, version, created_at, updated_at) "
                "VALUES ('Old Trust (fictional)', 'trust', 1, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    done = ask(tmp_path / "fresh", "backup", str(tmp_path / "old-backup.db"))
    assert done.returncode == 1 and "no store at" in done.stderr  # nothing there yet

    done = ask(tmp_path / "fresh", "restore", str(tmp_path / "old.db"))

    assert done.returncode == 0, done.stderr
    assert f"(schema version 3, upgraded to {store.SCHEMA_VERSION})" in done.stdout
    service = Service(store.open_store(url(tmp_path / "fresh")), definitions)
    assert [o.name for o in service.providers.organisations()] == ["Old Trust (fictional)"]
    with service.engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION
    service.engine.dispose()
