"""A command line's `main` asked in the test's own process, answered as `subprocess.run` would
answer: its exit code and what it printed. Each command family keeps one test that runs it as a
real process (the entry point is then proved); its other cases come here, where a process each
would cost a start-up of every import."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Callable, Mapping
from unittest import mock


def in_process(
    main: Callable[[list[str]], int], args: list[str], env: Mapping[str, str | None]
) -> subprocess.CompletedProcess:
    """`main(args)` with the environment changed by `env` (None: the variable unset)."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ):
        for name, value in env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse's refusals
                code = stop.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
