#!/usr/bin/env bash
# Sets up (first time) and starts the app on the embedded default store in ./data, or on
# RECOVERY_DATABASE_URL. Options go to `streamlit run`: bash scripts/run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")/.."
# The container image installs everything when it is built (Dockerfile), and skips this.
if [ "${RECOVERY_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh
fi
# A server other machines could reach (--server.address 0.0.0.0, say) where nobody signs in
# is not started: the check says why and what to do (README, "Who can reach the app").
.venv/bin/python -m assessments serve-check -- "$@"
mkdir -p data
# Says where the records are kept and, when there are none yet, how to load the fictional demo.
.venv/bin/python -m assessments status || true
# server.py: the app (app.py) through st.App, with the phones' vote page (/vote) beside it.
.venv/bin/streamlit run server.py "$@" &
server=$!
# Stopped (Ctrl-C, or `docker stop` where this script is the container's main process): the
# server stops too, and the script ends once it has.
trap 'kill "$server" 2>/dev/null; wait "$server"' INT TERM
# The server's first run is the app's own, before anyone's saved link (see the script).
.venv/bin/python scripts/first_request.py "$@" || { kill "$server"; exit 1; }
wait "$server"
