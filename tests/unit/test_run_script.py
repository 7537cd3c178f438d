"""`bash scripts/run.sh`, the README's first command, as a person runs it: asked to listen beyond
this computer while nobody can sign in, it refuses before any server starts; started plainly,
its server answers on 127.0.0.1 and on no other address of the machine."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("", 0))
        return s.getsockname()[1]


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def other_addresses() -> list[str]:
    """This machine's addresses other than 127.0.0.1: its network address (the one it would
    send from; no packet is sent), and 127.0.0.2, which only a server listening on every
    interface (or on it) answers."""
    found = {"127.0.0.2"}
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            found.add(s.getsockname()[0])
    except OSError:  # no network at all: the loopback check still tells
        pass
    return sorted(found - {"127.0.0.1"})


def environment(tmp_path: Path, setup: bool = True) -> dict[str, str]:
    """An empty store of the test's own, and a home folder without Streamlit settings; without
    `setup`, the script skips scripts/setup.sh as the container image does (the other test
    runs it, and it adds seconds)."""
    env = {**os.environ, "RECOVERY_DATABASE_URL": f"sqlite:///{tmp_path / 'recovery.db'}"}
    env["HOME"] = str(tmp_path / "home")
    for name in ("STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SECRETS_FILES", "RECOVERY_SKIP_SETUP"):
        env.pop(name, None)
    if not setup:
        env["RECOVERY_SKIP_SETUP"] = "1"
    return env


def test_run_sh_refuses_to_serve_other_machines_before_anyone_can_sign_in(tmp_path):
    port = free_port()

    done = subprocess.run(
        ["bash", "scripts/run.sh", "--server.address", "0.0.0.0", "--server.port", str(port)],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Not started: this server would listen on 0.0.0.0 (set by --server.address)" in (
        done.stderr
    )
    assert "python -m assessments create-admin" in done.stderr
    assert "[auth] section" in done.stderr and "127.0.0.1" in done.stderr
    assert "Traceback" not in done.stderr
    assert "ready" not in done.stdout  # no server was started
    assert not answers("127.0.0.1", port)


def test_run_sh_listens_on_this_computer_only(tmp_path):
    port = free_port()
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        # A session of its own: the script and the server it starts are stopped together.
        script = subprocess.Popen(
            ["bash", "scripts/run.sh", "--server.port", str(port)],
            cwd=ROOT, env=environment(tmp_path, setup=False), stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while "The app is ready at" not in log.read_text():
            assert script.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

        assert f"The app is ready at http://localhost:{port}" in log.read_text()
        assert answers("127.0.0.1", port)
        assert {host: answers(host, port) for host in other_addresses()} == dict.fromkeys(
            other_addresses(), False
        )
    finally:
        os.killpg(script.pid, signal.SIGTERM)
        script.wait(timeout=30)


def test_the_first_request_goes_to_an_address_the_server_answers_on():
    path = ROOT / "scripts" / "first_request.py"
    spec = importlib.util.spec_from_file_location("first_request", path)
    first_request = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(first_request)

    assert first_request.address([]) == "http://127.0.0.1:8501"
    assert first_request.address(["--server.address", "0.0.0.0"]) == "http://127.0.0.1:8501"
    assert first_request.address(["--server.address=::", "--server.port=9000"]) == (
        "http://127.0.0.1:9000"
    )
    assert first_request.address(["--server.address", "::1"]) == "http://[::1]:8501"
    assert first_request.address(["--server.address", "10.0.0.5"]) == "http://10.0.0.5:8501"
