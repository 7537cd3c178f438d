#!/usr/bin/env bash
# Sets up (first time) and starts the app on the embedded default store in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p data
# Says where the records are kept and, when there are none yet, how to load the fictional demo.
.venv/bin/python -m assessments status || true
exec .venv/bin/streamlit run app.py "$@"
