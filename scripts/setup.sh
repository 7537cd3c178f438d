#!/usr/bin/env bash
# Creates .venv with the pinned requirements. Safe to run again: it only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
# axe-core for the accessibility audit in Chromium, at the version tools/axe/package-lock.json
# pins, installed only when that is not the one there (the npm cache first: no network needed
# on a machine that has it).
pinned=$(node -p "require('./tools/axe/package-lock.json').packages['node_modules/axe-core'].version")
installed=$(node -p "require('./tools/axe/node_modules/axe-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$pinned" ]; then
  npm ci --prefix tools/axe --prefer-offline --no-audit --no-fund --loglevel=error
fi
