#!/usr/bin/env bash
# Sets up (first time) and starts the app on the embedded default store in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p data
# Says where the records are kept and, when there are none yet, how to load the fictional demo.
.venv/bin/python -m assessments status || true
.venv/bin/streamlit run app.py "$@" &
server=$!
trap 'kill "$server" 2>/dev/null' INT TERM
# The server's first run is the app's own, before anyone's saved link (see the script).
.venv/bin/python scripts/first_request.py "$@" || { kill "$server"; exit 1; }
wait "$server"
