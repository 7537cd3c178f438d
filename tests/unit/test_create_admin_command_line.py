"""`python -m assessments create-admin --username NAME --name "Display Name"`: the first
administrator made from the command line, the password read from stdin when it is not a
terminal; refusals in a sentence with exit 1 (the store's rules) or 2 (no password), never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assessments import store
from assessments.records.accounts import Role
from assessments.service import Service

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def create_admin(data_dir: Path, stdin: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECOVERY_DATA_DIR": str(data_dir)}
    env.pop("RECOVERY_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "assessments", "create-admin", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_create_admin_makes_an_administrator_who_signs_in(tmp_path, definitions):
    short = create_admin(tmp_path, "too short\n", "--username", "Ada", "--name", "Ada Lovelace")
    assert short.returncode == 1
    assert short.stderr.strip() == (
        "The password is 9 characters long; make it at least 12. Three random words make a "
        "long password that is easy to remember."
    )
    nothing = create_admin(tmp_path, "", "--username", "Ada", "--name", "Ada Lovelace")
    assert (nothing.returncode, nothing.stderr.strip()) == (
        2,
        "No password was given; nothing was created.",
    )

    done = create_admin(tmp_path, f"{PASSWORD}\n", "--username", "Ada", "--name", "Ada Lovelace")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Created the administrator 'ada' (Ada Lovelace) in sqlite:")
    assert PASSWORD not in done.stdout + done.stderr
    engine = store.open_store(f"sqlite:///{tmp_path / 'recovery.db'}")
    try:
        service = Service(engine, definitions)
        signed = service.accounts.sign_in("ada", PASSWORD)
        assert (signed.account.role, signed.account.display_name) == (
            Role.ADMINISTRATOR,
            "Ada Lovelace",
        )
        created = [e for e in service.history("account") if e.action == "create"]
        assert [(e.actor_name, e.actor_role) for e in created] == [
            ("Ada Lovelace", "Administrator")
        ]
    finally:
        engine.dispose()

    again = create_admin(tmp_path, f"{PASSWORD}\n", "--username", "ADA", "--name", "Ada")
    assert (again.returncode, again.stderr.strip()) == (
        1,
        "There is already an account with the username 'ada'.",
    )
    assert "Traceback" not in short.stderr + nothing.stderr + again.stderr
