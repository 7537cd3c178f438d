"""What every command line of the app shares: the app's own store and definitions opened the
way the app opens them, and failures said in one sentence with an exit code, never a
traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from assessments import store
from assessments.rules.errors import ServiceError
from assessments.service import Service
from assessments.store import StoreError
from framework.loader import load
from framework.problems import FrameworkError


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def with_service(work: Callable[[Service, str], int]) -> int:
    """Run `work(service, where the store is)` on the app's store (`RECOVERY_DATABASE_URL`, or
    the SQLite file in `RECOVERY_DATA_DIR`) and return its exit code; a store that cannot be
    used, or a write the service refuses, is said in a sentence and exits 1."""
    try:
        definitions = load()
        engine = store.open_store()
    except (FrameworkError, StoreError) as exc:
        print(exc, file=sys.stderr)
        return 1
    where = store.describe(engine)
    try:
        return work(Service(engine, definitions), where)
    except ServiceError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # the database went away part-way
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"The store at {where} failed: {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
