"""The browser cases, `python -m benchmarks browser`: the app served by `streamlit run app.py` on
a loopback port, clicked in Debian's Chromium at 1024x768, against a bare Streamlit page on the
same server (benchmarks/bare_page.py, registered only when RECOVERY_BENCHMARK_PAGE=1).

Each case is timed in the page, with performance.now(), from the click to the end of the run
it started: the server's script_finished message has arrived, and the page shows no status
widget and no stale element (what tests/e2e/conftest.py's wait_for_app waits for), at the first
DOM change or animation frame after that. The cases take turns (bare, Next, Save, bare, …), so
whatever else the machine does weighs on them alike. Only the click and the run are timed,
never the set-up of an interaction."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from assessments import store
from assessments.service import Service
from benchmarks.cases import CaseFailed
from benchmarks.synthetic import DATA_DIR
from framework.loader import load
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_for_app

BARE = "bare page"
NEXT = "Next"
SAVE = "Save"
PAGE_SETTING = "RECOVERY_BENCHMARK_PAGE"
VIEWPORT = {"width": 1024, "height": 768}
RECORDER = "Benchmark facilitator"
# Finding a button or a heading: a page that has not drawn one in this long never will.
FIND_MS = 30_000
# A run, or the first load of a page over thousands of rounds: generous, only a hang stops us.
RUN_MS = 600_000
QUIET_MS = 200  # no message for this long, and no run going: the page is at rest

# Runs in every page before the app's own scripts. It watches the websocket (one ForwardMsg per
# message: a new_session starts a run, a script_finished ends it, unless it ends early for a
# rerun) and the DOM, and keeps the times in window.__bench. Only the top-level fields of each
# message are read, so the two field numbers are all it needs to know of Streamlit's protocol.
INSTRUMENT = (
    """
(() => {
  const NEW_SESSION = {NEW_SESSION}, FINISHED = {FINISHED}, EARLY = {EARLY};
  const bench = {
    armed: false, clickAt: null, startedAt: null, finishedAt: null, endAt: null, messages: 0,
    running: false, runs: 0, lastMessageAt: 0, lastSentAt: 0,
  };
  window.__bench = bench;
  const settled = () =>
    document.querySelector('[data-testid="stApp"]') !== null &&
    document.querySelector('[data-testid="stStatusWidget"]') === null &&
    document.querySelector('[data-stale="true"]') === null;
  // At rest: no run going, none asked for and unanswered, nothing heard for quietMs.
  bench.idle = (quietMs) => {
    const now = performance.now();
    const answered = bench.lastMessageAt > bench.lastSentAt || now - bench.lastSentAt > 2000;
    return bench.runs > 0 && !bench.running && answered && settled() &&
      now - bench.lastMessageAt > quietMs;
  };
  bench.arm = () => Object.assign(bench, {
    armed: true, clickAt: null, startedAt: null, finishedAt: null, endAt: null, messages: 0,
  });
  bench.result = () => ({ms: bench.endAt - bench.clickAt, messages: bench.messages});
  const check = () => {
    if (bench.finishedAt !== null && bench.endAt === null && settled()) {
      bench.endAt = performance.now();
    }
  };
  const poll = () => { check(); if (bench.endAt === null) requestAnimationFrame(poll); };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-stale"],
  });
  window.addEventListener("click", () => {
    if (bench.armed) { bench.armed = false; bench.clickAt = performance.now(); }
  }, true);

  const varint = (bytes, at) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return [value, at];
  };
  const topFields = (bytes) => {  // field number -> varint value, or true for any other
    const fields = {};
    let at = 0;
    while (at < bytes.length) {
      let tag, value = true, length;
      [tag, at] = varint(bytes, at);
      const wire = tag % 8, field = Math.floor(tag / 8);
      if (wire === 0) [value, at] = varint(bytes, at);
      else if (wire === 1) at += 8;
      else if (wire === 2) { [length, at] = varint(bytes, at); at += length; }
      else if (wire === 5) at += 4;
      else break;
      fields[field] = value;
    }
    return fields;
  };
  const received = (data) => {
    const now = performance.now();
    bench.lastMessageAt = now;
    if (bench.clickAt !== null && bench.endAt === null) bench.messages += 1;
    if (!(data instanceof ArrayBuffer)) return;
    const fields = topFields(new Uint8Array(data));
    if (NEW_SESSION in fields) {
      bench.running = true;
      if (bench.clickAt !== null && bench.startedAt === null) bench.startedAt = now;
    }
    if (FINISHED in fields && fields[FINISHED] !== EARLY) {
      bench.running = false;
      bench.runs += 1;
      if (bench.startedAt !== null && bench.finishedAt === null) {  // a run the click began
        bench.finishedAt = now;
        requestAnimationFrame(poll);
      }
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => received(event.data));
    }
    send(data) {
      bench.lastSentAt = performance.now();
      super.send(data);
    }
  };
})();
""".replace("{NEW_SESSION}", str(ForwardMsg.NEW_SESSION_FIELD_NUMBER))
    .replace("{FINISHED}", str(ForwardMsg.SCRIPT_FINISHED_FIELD_NUMBER))
    .replace("{EARLY}", str(ForwardMsg.FINISHED_EARLY_FOR_RERUN))
)


@dataclass(frozen=True)
class Sample:
    ms: float
    messages: int  # websocket messages from the server between the click and the run's end


@dataclass(frozen=True)
class BrowserTiming:
    case: str
    median_ms: float
    median_messages: float


@dataclass(frozen=True)
class Measured:
    timings: list[BrowserTiming]  # the bare page first
    chromium: str
    server_peak_mb: float | None


def _in_brief(error: BaseException) -> str:
    """Playwright's message in one line: what failed, why, and the locator it waited for."""
    lines = [line.strip() for line in (str(error).strip() or type(error).__name__).splitlines()]
    brief = lines[0]
    brief += "".join(f" ({line[7:].strip()})" for line in lines[1:3] if line.startswith("Error:"))
    waited = next((line for line in lines if line.startswith("- waiting for ")), None)
    return brief + (f", {waited[2:]}" if waited else "")


@contextmanager
def _doing(case: str, what: str, page: Page | None = None) -> Iterator[None]:
    """A failure in Playwright, or a page that is not what the case expects, becomes one plain
    CaseFailed sentence, with the app's own exception when the page shows one."""
    try:
        yield
    except CaseFailed:
        raise
    except (PlaywrightError, AssertionError) as error:
        shown = _app_exception(page) if page is not None else None
        because = f"the page shows an exception: {shown}" if shown else _in_brief(error)
        raise CaseFailed(f"The {case} case failed {what}: {because}") from None


def _app_exception(page: Page) -> str | None:
    try:
        shown = page.locator('[data-testid="stException"]')
        if shown.count():
            return " ".join(shown.first.inner_text(timeout=2_000).split())[:300]
    except PlaywrightError:
        pass
    return None


def _at_rest(page: Page) -> None:
    """Until no run is going, none has been asked for and the page shows its last run whole."""
    page.wait_for_function(f"() => window.__bench.idle({QUIET_MS})", timeout=RUN_MS)
    wait_for_app(page)


def _open(page: Page, url: str, case: str) -> None:
    with _doing(case, f"opening {url}", page):
        page.goto(url)
        _at_rest(page)
    shown = _app_exception(page)
    if shown:
        raise CaseFailed(
            f"The {case} case failed opening {url}: the page shows an exception: {shown}"
        )


def _timed(page: Page, button: Locator) -> Sample:
    """Click `button` and wait for the end of the run it starts; only that is timed, in the
    page. What the click hands the app is typed before, untimed."""
    page.bring_to_front()
    expect(button).to_be_enabled(timeout=FIND_MS)
    page.evaluate("() => window.__bench.arm()")
    button.click()
    page.wait_for_function("() => window.__bench.clickAt !== null", timeout=FIND_MS)
    # Some message says the server heard the click; then the run may take its time.
    page.wait_for_function("() => window.__bench.messages > 0", timeout=FIND_MS)
    page.wait_for_function("() => window.__bench.endAt !== null", timeout=RUN_MS)
    wait_for_app(page)
    result = page.evaluate("() => window.__bench.result()")
    return Sample(float(result["ms"]), int(result["messages"]))


def _heading(page: Page, number: int) -> Locator:
    return page.get_by_role("heading", name=re.compile(rf"^{number}\. "))


def _button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=re.compile(rf"\b{name}\b"))


class Cases:
    """Two tabs in one browser context, each its own Streamlit session kept open throughout:
    the bare page, and the workshop on the round's first challenge."""

    def __init__(self, bare: Page, workshop: Page) -> None:
        self.bare = bare
        self.workshop = workshop
        self.typed = 0
        self.last_comment: str | None = None

    def say_who_is_recording(self) -> None:
        """The workshop asks once per browser session who is recording; say it if asked."""
        page = self.workshop
        with _doing(NEXT, "saying who is recording", page):
            start = page.get_by_role("button", name="Start recording")
            if start.count():
                page.get_by_label("Your name").fill(RECORDER)
                start.click()
                expect(start).to_have_count(0, timeout=FIND_MS)
                _at_rest(page)
        with _doing(NEXT, "looking for challenge 1's heading on the workshop page", page):
            expect(_heading(page, 1)).to_be_visible(timeout=FIND_MS)

    def _change_a_value(self, case: str) -> None:
        """A new comment, so each repeat hands the app a real change to write."""
        page = self.workshop
        self.typed += 1
        comment = f"Benchmark comment {self.typed} (fictional)"
        with _doing(case, "typing a comment in the box named Comments", page):
            box = page.get_by_role("textbox", name="Comments")
            box.fill(comment, timeout=FIND_MS)
            box.press("Tab")
            _at_rest(page)  # in case leaving the box starts a run of its own
        self.last_comment = comment

    def bare_rerun(self) -> Sample:
        with _doing(BARE, "clicking Rerun on /bare", self.bare):
            return _timed(self.bare, self.bare.get_by_role("button", name="Rerun"))

    def next_challenge(self) -> Sample:
        page = self.workshop
        self._change_a_value(NEXT)
        with _doing(NEXT, "clicking the button named Next", page):
            sample = _timed(page, _button(page, "Next"))
        with _doing(NEXT, "looking for challenge 2's heading after Next", page):
            expect(_heading(page, 2)).to_be_visible(timeout=FIND_MS)
        with _doing(NEXT, "going back with the button named Previous", page):
            _button(page, "Previous").click(timeout=FIND_MS)
            expect(_heading(page, 1)).to_be_visible(timeout=RUN_MS)
            _at_rest(page)
        return sample

    def save(self) -> Sample:
        page = self.workshop
        self._change_a_value(SAVE)
        with _doing(SAVE, "clicking the button named Save", page):
            sample = _timed(page, _button(page, "Save"))
        with _doing(SAVE, "looking for a success message after Save", page):
            expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible(
                timeout=FIND_MS
            )
        return sample


def _saved_in_store(round_id: int, challenge_id: str, comment: str | None) -> None:
    """The last Save really wrote: the store holds the comment typed last."""
    engine = store.open_store()
    try:
        stored = (
            Service(engine, load())
            .workshop.challenge_record(round_id, challenge_id)
            .answer.comments
        )
    finally:
        engine.dispose()
    if stored != comment:
        raise CaseFailed(
            f"The {SAVE} case failed: the store holds the comment {stored!r}, not the one "
            f"typed and saved last, {comment!r}."
        )


def _peak_mb(pid: int) -> float | None:
    """The server's peak resident memory, from /proc (Linux); None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@contextmanager
def _server() -> Iterator[AppServer]:
    """`streamlit run app.py` on the temporary store, with the bare page registered."""
    folder = Path(os.environ[DATA_DIR])
    saved = os.environ.get(PAGE_SETTING)
    os.environ[PAGE_SETTING] = "1"
    server = AppServer(folder)
    try:
        try:
            server.start()
        except RuntimeError as error:
            raise CaseFailed(f"The app server did not start. {error}") from None
        yield server
    finally:
        server.stop()
        if saved is None:
            os.environ.pop(PAGE_SETTING, None)
        else:
            os.environ[PAGE_SETTING] = saved


def run_all(repeats: int, round_id: int, challenge_id: str) -> Measured:
    """The three cases, taking turns, `repeats` times after one warm-up round of all three."""
    if not Path(CHROMIUM).exists():
        raise CaseFailed(f"{CHROMIUM} is missing: run scripts/system-packages.sh")
    with _server() as server, sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise CaseFailed(f"{CHROMIUM} did not start: {_in_brief(error)}") from None
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(INSTRUMENT)
            context.set_default_timeout(FIND_MS)
            cases = Cases(context.new_page(), context.new_page())
            _open(
                cases.workshop,
                f"{server.url}/workshop?round={round_id}&challenge={challenge_id}",
                NEXT,
            )
            _open(cases.bare, f"{server.url}/bare", BARE)
            with _doing(BARE, "looking for the button named Rerun on /bare", cases.bare):
                expect(cases.bare.get_by_text("Page not found")).to_have_count(0, timeout=1)
                expect(cases.bare.get_by_role("button", name="Rerun")).to_be_visible()
            cases.say_who_is_recording()
            samples: dict[str, list[Sample]] = {BARE: [], NEXT: [], SAVE: []}
            for _ in range(repeats + 1):  # the first round is the warm-up
                samples[BARE].append(cases.bare_rerun())
                samples[NEXT].append(cases.next_challenge())
                samples[SAVE].append(cases.save())
            chromium = browser.version
        finally:
            browser.close()
        peak = _peak_mb(server.process.pid) if server.process else None
    _saved_in_store(round_id, challenge_id, cases.last_comment)
    timings = [
        BrowserTiming(
            case,
            median(s.ms for s in runs[1:]),
            median(s.messages for s in runs[1:]),
        )
        for case, runs in samples.items()
    ]
    return Measured(timings, chromium, peak)
