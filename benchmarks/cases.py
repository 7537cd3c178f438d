"""The measured cases, each timed with Streamlit's AppTest in this process: a bare page (the
baseline), a workshop rating saved, and the portfolio page. Only the run is timed, never the
set-up of an interaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from time import perf_counter
from typing import Protocol

from streamlit.testing.v1 import AppTest

from assessments.records import Actor
from pages.kit import routes, ui

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# Generous: a page over thousands of rounds may take seconds, and only a hang should stop us.
TIMEOUT = 600.0
ACTOR = Actor("Benchmark facilitator", "Facilitator")

# AppTest sets session state from the main thread, outside any script run, and Streamlit warns
# "missing ScriptRunContext" each time: noise about the harness, nothing about the app.
# A filter, not a level: Streamlit resets its loggers' levels when AppTest loads its config.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage()
)

BARE = "bare Streamlit page rerun"
WORKSHOP = "workshop rating saved and rerun"
PORTFOLIO = "portfolio page rerun"
PORTFOLIO_AFTER_WRITE = "portfolio page rerun after a write"

BARE_PAGE = """
import streamlit as st

st.title("A bare page")
st.write("One line of text: what any Streamlit rerun costs on this machine.")
"""


class CaseFailed(Exception):
    """The app raised or refused during a case, so its time would measure something else."""


class Runnable(Protocol):
    def run(self, *, timeout: float | None = None) -> AppTest: ...


@dataclass(frozen=True)
class Timing:
    case: str
    median_ms: float


def _no_exception(case: str, at: AppTest) -> None:
    if at.exception:
        raise CaseFailed(f"The {case} case raised: {at.exception[0].value}")


def _median_ms(
    case: str,
    step: Callable[[int], Runnable],
    repeats: int,
    check: Callable[[str, AppTest], None] = _no_exception,
) -> Timing:
    """The median wall time of `step(i).run()` for i = 1..repeats. Run 0 is a warm-up, so
    first-run costs (imports, caches, the engine) are not part of what is compared."""
    durations = []
    for i in range(repeats + 1):
        runnable = step(i)
        start = perf_counter()
        at = runnable.run()
        durations.append(perf_counter() - start)
        check(case, at)
    return Timing(case, median(durations[1:]) * 1000)


def _open(page: str, actor: Actor | None = None, **query: str) -> AppTest:
    """The app from app.py, then `page`, the way a person and tests/app/conftest.py open it."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if actor is not None:
        at.session_state["actor"] = actor
    at.switch_page(page).run()
    _no_exception(page, at)
    return at


def bare_page(repeats: int) -> Timing:
    at = AppTest.from_string(BARE_PAGE, default_timeout=TIMEOUT)
    return _median_ms(BARE, lambda _: at, repeats)


def _saved(case: str, at: AppTest) -> None:
    _no_exception(case, at)
    if not any(s.value.startswith("Saved challenge") for s in at.success):
        refused = [e.value for e in at.error] or ["nothing was written"]
        raise CaseFailed(f"The {case} case did not save: {refused[0]}")


def _labelled(elements, label: str, case: str):
    """The first widget with this label: found by what a person reads, not by its key, so the
    case outlives a rewrite of the page's internals."""
    for element in elements:
        if element.label == label:
            return element
    raise CaseFailed(f"The {case} case found nothing labelled {label!r} on the workshop page.")


def workshop_save(repeats: int, round_id: int) -> Timing:
    """Type a new comment on the round's first challenge and press Save: every repeat is a
    real change that is written and audited."""
    at = _open(routes.WORKSHOP.path, ACTOR, round=str(round_id))

    def save(i: int) -> Runnable:
        comments = _labelled(at.text_area, "Comments", WORKSHOP)
        comments.set_value(f"Benchmark comment {i} (fictional)")
        return _labelled(at.button, "Save", WORKSHOP).click()

    return _median_ms(WORKSHOP, save, repeats, check=_saved)


def portfolio_rerun(repeats: int) -> Timing:
    """A rerun with nothing written since (another view, a sort): the page keeps its reads."""
    at = _open(routes.PORTFOLIO.path)
    return _median_ms(PORTFOLIO, lambda _: at, repeats)


def portfolio_after_write(repeats: int) -> Timing:
    """A rerun after someone, somewhere, wrote to the store: the page reads it all again. The
    write (a new provider with no teams, which the portfolio does not show) is not timed."""
    at = _open(routes.PORTFOLIO.path)
    svc = ui.service()

    def written(i: int) -> Runnable:
        svc.providers.create_organisation(ACTOR, f"Benchmark provider {i} (fictional)")
        return at

    return _median_ms(PORTFOLIO_AFTER_WRITE, written, repeats)


def run_all(repeats: int, round_id: int) -> list[Timing]:
    """Every case, the baseline first."""
    return [
        bare_page(repeats),
        workshop_save(repeats, round_id),
        portfolio_rerun(repeats),
        portfolio_after_write(repeats),
    ]
