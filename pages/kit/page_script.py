"""The script every page with a form carries: typing not yet sent is sent before a link is
followed (by a click on the page's save, or on a hidden button that does nothing); after a
move the page goes back to the top with the focus on the new title; and the keys keep their
place when a run takes away or pushes down the control just pressed (`FOCUS_KEPT`)."""

from __future__ import annotations

import json

import streamlit as st

GUARDED, KEEP = "kit:guarded-run", "kit-keep"
# Set by a control that opens another page (a plan just made, a round just started) or moves
# the view (the presentation view on or off): the next page drawn is a move.
MOVED = "kit:moved"
PAGE_SCRIPT = """<script data-run="%(run)s">(function () {
  const w = window;
  if (!w.recoveryGuard) {
    w.recoveryGuard = true;
    const typed = (e) => {
      if (e.target.closest && e.target.closest("[data-testid=stMain]")) w.recoveryTyped = true;
    };
    document.addEventListener("input", typed, true);
    document.addEventListener("change", typed, true);
    document.addEventListener("focusin", (e) => {  // where the keys are (keepFocus)
      if (!e.target.closest || !e.target.closest("[data-testid=stMain]")) return;
      const keyed = e.target.closest("[class*='st-key-']");
      w.recoveryFocus = e.target;
      w.recoveryFocusKey = keyed && keyed.className.match(/st-key-\\S+/)[0];
    }, true);
    document.addEventListener("click", (e) => {
      const link = e.target.closest && e.target.closest("a[href]");
      const save = document.querySelector(w.recoverySave || "none");
      if (!link || !save || !w.recoveryTyped) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      w.recoveryTyped = false;
      w.recoveryLeave = {href: link.href, text: link.textContent};
      save.click();
    }, true);
  }
  w.recoveryTyped = false;
  w.recoverySave = %(save)s;
  const leave = w.recoveryLeave;
  w.recoveryLeave = null;
  // The link as drawn by this run: the one clicked may have been drawn again meanwhile, and a
  // detached link would load its address afresh, a new session without the page's context.
  if (leave && !%(refused)s) setTimeout(() => {
    const again = Array.from(document.querySelectorAll("a[href]"))
      .find((a) => a.href === leave.href && a.textContent === leave.text);
    if (again) again.click();
  }, 0);
  if (%(moved)s) setTimeout(() => {
    window.scrollTo(0, 0);
    document.querySelectorAll("[data-testid=stMain],[data-testid=stAppViewContainer]")
      .forEach((e) => { e.scrollTop = 0; });
    const h = document.getElementById("challenge") ||
      document.querySelector("[data-testid=stMain] h1");
    if (h) { h.setAttribute("tabindex", "-1"); h.focus({preventScroll: true}); }
  }, 60);
  else keepFocus(%(run)s);
  %(keep)s
})();</script>"""
# Without it, a keyboard user lost their place: a button whose run takes it away (a sign-off,
# a round started, a priority made, the presentation view's switch) dropped the focus to the
# page's start, so the next Tab began again at the top bar; and a save that grew the form above
# its button (a new empty goal) left the focus, and the "Saved" note beside it, out of sight.
# The control last focused in the page is noted as the focus moves (the run may have replaced
# it before this script runs). Once the run is over: if that control went and the focus with
# it, the focus goes to the same control drawn afresh (a stage button that became the agreed
# one), or else the run's message, or else the page's heading; if it stayed but out of view,
# it is brought into view.
FOCUS_KEPT = """function keepFocus(run) {
    const had = w.recoveryFocus;
    if (!had) return;
    w.recoveryFocusRun = run;
    let tries = 0, last = null;
    const tick = () => {
      if (w.recoveryFocusRun !== run || ++tries > 100) return;
      const busy = document.querySelector("[data-stale=true],[data-testid=stStatusWidget]");
      const box = had.isConnected ? had.getBoundingClientRect() : null;
      const moving = box && !(last && last.top === box.top);
      last = box;
      if (busy || moving || tries < 3) { setTimeout(tick, 100); return; }
      const now = document.activeElement;
      const main = document.querySelector("[data-testid=stMain]");
      if (!had.isConnected && (!now || now === document.body) && main) {
        const again = w.recoveryFocusKey && main.querySelector("." + w.recoveryFocusKey);
        const note = main.querySelector("[data-testid=stAlertContentSuccess]," +
          "[data-testid=stAlertContentError]");
        const to = (again && again.querySelector("button, input, textarea, a[href]")) ||
          (note && note.closest("[data-testid=stAlert]")) ||
          document.getElementById("challenge") || main.querySelector("h1, h2");
        if (!to) return;
        if (!to.matches("button, input, textarea, a[href]")) to.setAttribute("tabindex", "-1");
        to.focus({preventScroll: true});
        const at = to.getBoundingClientRect();
        if (at.top < 0 || at.bottom > innerHeight) to.scrollIntoView({block: "center"});
      } else if (now === had && (box.bottom > innerHeight || box.top < 0)) {
        had.scrollIntoView({block: "center"});
      }
    };
    setTimeout(tick, 100);
  }"""


def keep_typing_on_leaving(run: int) -> None:
    """For a page with stored forms and no save of its own behind its links: a hidden button
    that does nothing, clicked before a link is followed, so the typing reaches the server and
    is kept as a draft (`kit.stored_form`). Drawn once the page has run, unless it drew its own
    `draw`."""
    if st.session_state.get(GUARDED) == run:
        return
    st.button("Keep what was typed", key=KEEP)
    draw(run, KEEP, moved=False, refused=False)


def draw(run: int, save_key: str | None, moved: bool, refused: bool) -> None:
    """After a move: the page back at the top, and focus on the new challenge's heading (or
    the page's title), so a screen reader reads it and the keys go on working. On every run:
    typing kept when a link is followed (see PAGE_SCRIPT). `run` makes each run's script new,
    so it runs again."""
    st.session_state[GUARDED] = run
    moved = st.session_state.pop(MOVED, False) or moved
    save = json.dumps(f".st-key-{save_key} button") if save_key else "null"
    st.html(
        PAGE_SCRIPT
        % {
            "run": run,
            "save": save,
            "moved": json.dumps(moved),
            "refused": json.dumps(refused),
            "keep": FOCUS_KEPT,
        },
        unsafe_allow_javascript=True,
    )
