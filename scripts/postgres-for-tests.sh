#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback and creates a throwaway test database, so the suite
# also runs against a real server. Prints only the URL to export as RECOVERY_TEST_POSTGRES_URL:
# whatever the PostgreSQL tools say (e.g. "Removed stale pid file.") goes to stderr.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster() { pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"'; }
start() {
  [ -n "$(cluster)" ] || pg_createcluster "$version" main
  cluster | grep -q online || pg_ctlcluster "$version" main start
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='recovery'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE recovery LOGIN SUPERUSER PASSWORD 'recovery'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='recovery_test'\"" \
    | grep -q 1 || su postgres -c "createdb -O recovery recovery_test"
}
start >&2
port=$(cluster | awk '{print $3}')
echo "postgresql+psycopg://recovery:recovery@127.0.0.1:${port}/recovery_test"
