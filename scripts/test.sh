#!/usr/bin/env bash
# Runs the whole suite: lint, unit, AppTest and end-to-end tests in Debian's Chromium.
# On a fresh Debian machine it first installs the system packages the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The architecture: layers, rooms, no Streamlit outside pages/, no import circles (pyproject.toml).
.venv/bin/lint-imports
# pytest-xdist: one worker per CPU, plus one: the tests in Chromium, which mostly wait for the
# app server and the browser, run in two lanes of one worker each (tests/conftest.py), and the
# rest share the workers left and join the lanes' once those are done (RECOVERY_TEST_WORKERS to
# choose). Screenshots and reports land in
# $RECOVERY_ARTIFACTS, by default a new folder under /tmp/recovery-artifacts (the run prints which).
exec .venv/bin/python -m pytest -n "${RECOVERY_TEST_WORKERS:-$(($(nproc) + 1))}" "$@"
