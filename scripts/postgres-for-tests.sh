#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback and creates a throwaway test database, so the suite
# also runs against a real server. Prints the URL to export as RECOVERY_TEST_POSTGRES_URL.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster_started() { pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; }
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
cluster_started || pg_ctlcluster "$version" main start
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='recovery'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE recovery LOGIN SUPERUSER PASSWORD 'recovery'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='recovery_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O recovery recovery_test"
echo "postgresql+psycopg://recovery:recovery@127.0.0.1:5432/recovery_test"
