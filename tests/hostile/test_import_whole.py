"""An import lands whole or not at all: a team file that fails on its last record, or whose
process is killed part-way, leaves nothing of itself in the store, on both databases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessments import store
from assessments.service import Service
from exports.team_file import import_team_file
from exports.team_file.importing import _Writer
from framework.loader import load
from tests.unit.team_file_helpers import VALID

ROOT = Path(__file__).resolve().parents[2]


def test_a_failure_on_the_last_record_leaves_nothing_behind(service, actor, monkeypatch):
    def fails(self, *args):
        raise RuntimeError("the disk filled up on the last plan")

    monkeypatch.setattr(_Writer, "_plan", fails)
    with pytest.raises(RuntimeError):
        import_team_file(service, actor, VALID.read_bytes(), "valid.yaml")

    assert service.providers.is_empty()
    assert service.providers.teams(include_archived=True) == []
    assert service.history() == []


def test_a_process_killed_mid_import_leaves_nothing_behind(tmp_path):
    """The import is stopped while it writes (each write made slow), then killed outright."""
    db = tmp_path / "recovery.db"
    script = f"""
import time
from assessments import store
from assessments.records import Actor
from assessments.service import Service
from exports.team_file import import_team_file
from exports.team_file.importing import _Writer
from framework.loader import load

slow = _Writer._plan
def slower(self, *args):
    print("writing", flush=True)
    time.sleep(30)
    slow(self, *args)
_Writer._plan = slower
service = Service(store.open_store("sqlite:///{db}"), load())
import_team_file(service, Actor("Sam Okafor", "Recovery lead"), open("{VALID}", "rb").read())
"""
    run = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert run.stdout.readline().strip() == "writing"  # the provider and team already written
    time.sleep(0.5)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)

    service = Service(store.open_store(f"sqlite:///{db}"), load())
    try:
        assert service.providers.is_empty() and service.history() == []
    finally:
        service.engine.dispose()
