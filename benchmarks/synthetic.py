"""The store the cases run on: the fictional demo at scale, in a temporary folder, written
through the ordinary service exactly as `python -m assessments demo` writes it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from tempfile import TemporaryDirectory
from time import perf_counter

from assessments import store
from assessments.__main__ import created
from assessments.service import Service
from demo import load_demo
from framework.loader import load
from pages.kit import ui

DATA_DIR = "RECOVERY_DATA_DIR"
DATABASE_URL = "RECOVERY_DATABASE_URL"


@dataclass(frozen=True)
class Built:
    seconds: float
    summary: str  # what was created and where, in the command line's words
    round_id: int  # a team's newest agreed Template A round: where the workshop case saves
    challenge_id: str  # that round's first challenge, where the browser cases start


@contextmanager
def temporary_store() -> Iterator[None]:
    """Point the app at an empty SQLite store in a temporary folder, never at the developer's
    data/ folder or a configured server, and put everything back afterwards."""
    saved = {name: os.environ.get(name) for name in (DATA_DIR, DATABASE_URL)}
    with TemporaryDirectory(prefix="recovery-benchmarks-") as folder:
        os.environ[DATA_DIR] = folder
        os.environ.pop(DATABASE_URL, None)
        ui._engine.clear()  # the app caches its engine per process: open the new store
        try:
            yield
        finally:
            ui._engine.clear()
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def build(teams: int, rounds: int) -> Built:
    """Load the demo with `teams` teams and `rounds` rounds into the (empty) store. A
    ServiceError says why the numbers were refused, before anything is written."""
    # The same three steps as `python -m assessments demo`, so the records are the ones a
    # person would get from the command line.
    definitions = load()
    engine = store.open_store()
    try:
        service = Service(engine, definitions)
        start = perf_counter()
        summary = load_demo(service, teams=teams, rounds=rounds)
        seconds = perf_counter() - start
        team = service.providers.teams()[0]
        newest = next(r for r in service.rounds.rounds(team_id=team.id) if not r.practice)
        first = definitions.framework(newest.framework).challenges[0].id
        return Built(seconds, created(summary, store.describe(engine)), newest.id, first)
    finally:
        engine.dispose()  # the app opens its own engine on the same file
