"""Waits for a just-started app server, then runs the app's script once through Streamlit's
script health check, and says whether it ran.

Why: when a folder called pages/ sits beside app.py, Streamlit runs the first script of a new
server in its old folder mode, which knows none of the app's pages; a facilitator's saved link
(/workshop?round=3) opened first would then show "Page not found" over the workshop. The health
check's run is that first run, so every person's run comes after it. It is also the readiness
probe to give a container platform.

    python scripts/first_request.py [--server.port 8501] [--server.address 127.0.0.1]
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

WAIT_SECONDS = 120


def address(args: list[str]) -> str:
    """The server's base URL from the options given to `streamlit run` (or its defaults)."""
    options = {"--server.port": "8501", "--server.address": "127.0.0.1"}
    for i, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        if name in options:
            options[name] = value if equals else args[i + 1]
    host = options["--server.address"]
    # Every interface (IPv4 or IPv6) includes loopback; an IPv6 address goes in brackets.
    host = "127.0.0.1" if host in ("0.0.0.0", "", "localhost", "::") else host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{options['--server.port']}"


def first_request(base: str) -> str | None:
    """None once the app's script has run; otherwise why it could not."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/script-health-check", timeout=60):
                return None
        except urllib.error.HTTPError as error:  # the server answered: the script failed
            return f"the app's script did not run cleanly ({error.code}: {error.read()!r})"
        except OSError as error:
            if time.monotonic() > deadline:
                return f"no answer from {base} after {WAIT_SECONDS} s ({error})"
            time.sleep(0.3)


if __name__ == "__main__":
    base = address(sys.argv[1:])
    problem = first_request(base)
    if problem:
        sys.exit(f"The app did not start: {problem}. The server's own messages are above.")
    print(f"The app is ready at {base.replace('127.0.0.1', 'localhost')}", flush=True)
