"""The audit log shows tampering: every entry is chained by hash to the one before, so an entry
changed or removed by hand is named by `audit verify`, on SQLite and PostgreSQL, from the command
line too; writes at the same time still make one unbroken chain; and an upgrade chains a log
written before the chain existed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from assessments import store
from assessments.records import Actor
from assessments.service import Service
from assessments.store.audit_chain import GENESIS, verify
from assessments.store.migrations import m001_core

ROOT = Path(__file__).resolve().parents[2]


def a_few_writes(service: Service, actor: Actor) -> list[int]:
    """Five writes of three kinds, through the service; the audit entries' ids, oldest first."""
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    team = service.providers.create_team(actor, org.id, "Quay CMHT", "cmht", "North")
    service.providers.create_team(actor, org.id, "Mill EIP", "early-intervention")
    service.providers.update_organisation(actor, org.id, org.version, name=org.name, kind="other")
    service.providers.set_team_archived(actor, team.id, team.version, True)
    return entry_ids(service)


def entry_ids(service: Service) -> list[int]:
    with service.engine.connect() as conn:
        return list(
            conn.execute(select(store.audit_log.c.id).order_by(store.audit_log.c.id)).scalars()
        )


def tamper(service: Service, sql: str, **values) -> None:
    with service.engine.begin() as conn:
        conn.execute(text(sql), values)


def test_writes_through_the_service_make_an_intact_chain(service, actor):
    ids = a_few_writes(service, actor)

    checked = verify(service.engine)

    assert checked.intact and checked.entries == len(ids) == 5
    with service.engine.connect() as conn:
        rows = conn.execute(select(store.audit_log).order_by(store.audit_log.c.id)).all()
    assert rows[0].prev_hash == GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert checked.newest_hash == rows[-1].hash and len(set(r.hash for r in rows)) == 5


def test_an_entry_changed_by_hand_is_named(service, actor):
    ids = a_few_writes(service, actor)
    tamper(service, 'UPDATE audit_log SET "after" = :after WHERE id = :id', after="{}", id=ids[2])

    checked = verify(service.engine)

    assert not checked.intact and checked.broken_at == ids[2] and checked.entries == 2
    assert checked.problem.startswith(f'Entry {ids[2]} (now reading "create team ')
    assert "was changed after it was written" in checked.problem


def test_a_time_changed_by_hand_is_named_too(service, actor):
    ids = a_few_writes(service, actor)
    tamper(service, "UPDATE audit_log SET at = :at WHERE id = :id", at=datetime.now(UTC), id=ids[0])

    assert verify(service.engine).broken_at == ids[0]


def test_an_entry_removed_by_hand_is_named_where_the_chain_breaks(service, actor):
    ids = a_few_writes(service, actor)
    tamper(service, "DELETE FROM audit_log WHERE id = :id", id=ids[3])

    checked = verify(service.engine)

    assert checked.broken_at == ids[4] and checked.entries == 3
    assert checked.problem.startswith(
        f"The chain breaks between entry {ids[2]} and entry {ids[4]}: "
    )
    assert "an entry between them was removed" in checked.problem


def test_the_first_entry_removed_is_named_too(service, actor):
    ids = a_few_writes(service, actor)
    tamper(service, "DELETE FROM audit_log WHERE id = :id", id=ids[0])

    checked = verify(service.engine)

    assert checked.broken_at == ids[1] and checked.entries == 0
    assert "the first entry but does not start the chain" in checked.problem


def test_writes_from_two_threads_at_once_make_one_unbroken_chain(service, actor):
    start = threading.Barrier(2)
    failed: list[BaseException] = []

    def write(who: str) -> None:
        try:
            start.wait()
            for n in range(12):
                service.providers.create_organisation(actor, f"{who} trust {n} (fictional)")
        except BaseException as exc:  # seen by the test, not lost in the thread
            failed.append(exc)

    threads = [threading.Thread(target=write, args=(who,)) for who in ("East", "West")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failed == []
    checked = verify(service.engine)
    assert checked.intact and checked.entries == 24


def test_the_hash_does_not_depend_on_the_sessions_time_zone(service, actor):
    if service.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no time zone: every stored time is UTC")
    a_few_writes(service, actor)
    elsewhere = create_engine(
        service.engine.url, connect_args={"options": "-c timezone=Pacific/Auckland"}
    )
    try:
        assert verify(elsewhere).intact
    finally:
        elsewhere.dispose()


def test_an_upgrade_chains_a_log_written_before_the_chain(database_url, definitions, actor):
    engine = store.make_engine(database_url)
    store.upgrade(engine, to=4)
    with engine.begin() as conn:
        for n in range(3):
            conn.execute(
                m001_core.audit_log.insert().values(
                    at=datetime(2025, 3, 1, 9, n, 30, 123456, tzinfo=UTC),
                    actor_name="Sam Okafor",
                    actor_role="Recovery lead",
                    action="create",
                    entity="organisation",
                    entity_id=n + 1,
                    before=None,
                    after=json.dumps({"name": f"Trust {n}"}),
                )
            )

    store.upgrade(engine)
    assert verify(engine).entries == 3 and verify(engine).intact
    Service(engine, definitions).providers.create_organisation(actor, "Later trust")
    assert verify(engine).entries == 4 and verify(engine).intact
    engine.dispose()


def run_verify(data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECOVERY_DATA_DIR": str(data_dir)}
    env.pop("RECOVERY_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "assessments", "audit", "verify"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_line_says_intact_then_names_the_changed_entry(tmp_path, definitions, actor):
    service = Service(store.open_store(f"sqlite:///{tmp_path / 'recovery.db'}"), definitions)
    ids = a_few_writes(service, actor)

    intact = run_verify(tmp_path)
    assert intact.returncode == 0, intact.stderr
    lines = intact.stdout.splitlines()
    assert lines[0] == "5 entries, chain intact."
    assert lines[1] == f"The newest entry's hash: {verify(service.engine).newest_hash}"

    tamper(service, "UPDATE audit_log SET actor_name = 'Someone else' WHERE id = :id", id=ids[1])
    broken = run_verify(tmp_path)
    assert broken.returncode == 1 and broken.stdout == ""
    assert broken.stderr.startswith("The audit log at sqlite:///")
    assert f"was tampered with. Entry {ids[1]} (now reading" in broken.stderr
    assert "Traceback" not in broken.stderr
    service.engine.dispose()
