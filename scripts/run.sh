#!/usr/bin/env bash
# Sets up (first time) and starts the app on the embedded default store in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p data
exec .venv/bin/streamlit run app.py "$@"
