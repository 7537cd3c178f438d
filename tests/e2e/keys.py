"""The keyboard alone, as a person uses it: Tab and Shift+Tab to a control named as a screen
reader names it, then typing, Enter, Space or the arrow keys; every stop on the way shows the
NHS yellow focus ring (pages/kit/style.css). No click, no fill."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from tests.e2e.conftest import fields_loaded, wait_for_app

# What has the focus: its name as a person hears it, the widget's key, and whether the yellow
# ring shows on it or on the box round it (a tick box's own input is a hidden 1-px one).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.getAttribute("aria-label") || (e.labels && e.labels[0] && e.labels[0].innerText)
    || (e.matches("a, button, summary, [role=heading]") && e.innerText);
  const keyed = e.closest("[class*='st-key-']");
  const chain = [];
  for (let n = e; n && n !== document.body && chain.length < 6; n = n.parentElement) chain.push(n);
  let shown = 0;
  chain.slice(0, 3).forEach((n, i) => {
    const box = n.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) shown = i + 1;
  });
  return {
    name: (label || "").trim(),
    key: keyed ? keyed.className.match(/st-key-\\S+/)[0] : "",
    ring: chain.slice(shown, shown + 3)
      .some((n) => getComputedStyle(n).boxShadow.includes("255, 235, 59")),
  };
}"""

STYLED = "[...document.querySelectorAll('style')].some((s) => s.textContent.includes('FFEB3B'))"


def settle(page) -> None:
    """The run is over and the page drawn with its styling (a new session's first run may not
    have begun when the status widget is first gone) and every field (a kind new to the
    browser shows a placeholder first, which the keys would pass over)."""
    wait_for_app(page)
    page.wait_for_function(STYLED)
    wait_for_app(page)
    fields_loaded(page)


def tab_to(page, name: str, key: str = "", back: bool = False, presses: int = 60) -> None:
    """Tab (or Shift+Tab) until the focus is on the control named `name` (a pattern; `key` a
    part of its widget key when names repeat); every stop on the way shows the yellow ring, and
    none is a heading's own "Link to heading" (a stop that did nothing for a person, once on
    every heading)."""
    found = re.compile(name)
    passed = []
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = page.evaluate(FOCUSED)
        if now is None:
            continue  # the page's own end, between the last control and the first
        assert now["ring"], f"no focus ring on {now}"
        assert now["name"] != "Link to heading", f"a heading's link is a stop, after {passed}"
        if found.search(now["name"]) and key in now["key"]:
            return
        passed.append(now["name"])
    raise AssertionError(f"{name} not reached in {presses} presses; passed {passed}")


def type_into(page, name: str, text: str, key: str = "") -> None:
    tab_to(page, name, key)
    page.keyboard.type(text)


def type_a_date(page, label: str, when: date) -> None:
    """A date field's day, month and year, typed in one go from its day."""
    tab_to(page, rf"^day, {re.escape(label)}$")
    page.keyboard.type(f"{when:%d%m%Y}")


def choose_in_list(page, name: str, option: str) -> None:
    """A choice list: typing filters it, Enter takes the highlighted option."""
    tab_to(page, name)
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=re.compile(re.escape(option))).first).to_be_visible()
    page.keyboard.press("Enter")


def press_button(page, name: str, key: str = "", back: bool = False, presses: int = 60) -> None:
    tab_to(page, name, key, back, presses)
    page.keyboard.press("Enter")


def sign_in_by_keys(page) -> None:
    type_into(page, r"^Your name$", "Sam Okafor")
    press_button(page, r"Start recording$")
    expect(page.get_by_text("Recording as Sam Okafor")).to_be_visible()
    settle(page)
