"""What the TRIP tests in the browser share: today, and the benchmarks screen's parts (a
challenge's heading, a statement's answer and words, a button, the saved note)."""

from __future__ import annotations

import re
from datetime import date

TODAY = date.today()


def heading(page, number: int):
    """The challenge's title on the benchmarks screen, "3. ..."."""
    return page.get_by_role("heading", name=re.compile(rf"^{number}\. "))


def answer(page, place: int):
    """The segmented control of the statement at `place` (0, 1...) on the screen: its widget
    is keyed by the place, never by the statement, so moving on updates it in place."""
    return page.locator(f".st-key-trip-benchmarks-{place}-value").get_by_role("radiogroup")


def words(page, place: int, field: str):
    """The "proud" or "next" text of the statement at `place` on the screen."""
    return page.locator(f".st-key-trip-benchmarks-{place}-{field} textarea")


def button(page, name: str):
    """Save, Previous, Next...: their names end with the shortcut ("Next Shortcut →")."""
    return page.get_by_role("button", name=re.compile(rf"^{re.escape(name)}\b"))


def saved_note(page, number: int):
    return page.get_by_test_id("stAlertContentSuccess").get_by_text(
        re.compile(rf"^Saved \d+ statement\(s\) of challenge {number} ")
    )


def chosen(page, place: int):
    """The option of a statement's answer that the screen shows as chosen (aria-checked)."""
    return answer(page, place).get_by_role("radio", checked=True)
