"""The app's own server for `python -m benchmarks live-votes` (tests/e2e/conftest.py's
AppServer: `streamlit run server.py`, as scripts/run.sh serves it), and what it spends, read
from /proc (Linux): its resident memory and its CPU time."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.live_http import NoReply, PhoneHttp
from tests.artifacts import ARTIFACTS  # outside the repository
from tests.e2e.conftest import AppServer

BARE_REQUESTS = 300
# A code nobody holds: codes have no I or O, so this one is never handed out.
NOBODY_S_CODE = "OOOO"
SAMPLE_SECONDS = 0.2
SERVER_LOG = ARTIFACTS / "live-votes-server.log"


class LiveFailed(Exception):
    """The harness could not run; the message says why, in a sentence."""


class Server:
    def __init__(self, app: AppServer) -> None:
        assert app.process is not None
        self.url = app.url
        self.pid = app.process.pid
        self.peak_rss = 0.0

    def _status(self, field: str) -> float | None:
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None

    def rss_mb(self) -> float | None:
        return self._status("VmRSS")

    def cpu_seconds(self) -> float | None:
        """User and system time of the server process, all its threads."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def sample_rss(self) -> None:
        """Until cancelled: the highest resident memory seen."""
        while True:
            self.peak_rss = max(self.peak_rss, self.rss_mb() or 0.0)
            await asyncio.sleep(SAMPLE_SECONDS)


@contextmanager
def served(data: Path, database_url: str | None) -> Iterator[Server]:
    """The server on `data` (its log is kept in the artifacts folder: the temporary store,
    and the log in it, go when the run ends)."""
    app = AppServer(data, database_url)
    try:
        try:
            app.start()
        except RuntimeError as error:
            raise LiveFailed(f"The app server did not start: {error}") from None
        yield Server(app)
    finally:
        app.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data / "server.log", SERVER_LOG)


async def bare_cpu_ms(server: Server) -> float | None:
    """The server's CPU for one bare request through the same routes: the state of a code
    nobody holds (refused before the store is asked), one after another after a warm-up."""
    http = PhoneHttp(server.url)
    path = f"/vote/api/state?code={NOBODY_S_CODE}"
    try:
        for _ in range(20):
            await http.get(path)
        before = server.cpu_seconds()
        for _ in range(BARE_REQUESTS):
            if (await http.get(path)).status_code != 400:
                raise LiveFailed(f"GET {path} was not refused as a code nobody holds.")
        after = server.cpu_seconds()
    except NoReply as error:
        raise LiveFailed(f"GET {path} got no reply: {error}") from None
    finally:
        await http.close()
    if before is None or after is None:
        return None
    return (after - before) * 1000 / BARE_REQUESTS
