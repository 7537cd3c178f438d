#!/usr/bin/env bash
# Runs the whole suite: lint, unit, AppTest and end-to-end tests in Debian's Chromium.
# On a fresh Debian machine it first installs the system packages the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
