#!/usr/bin/env bash
# The history benchmark (HistoryBenchmark, docs/history.md) on PostgreSQL: starts a throwaway PostgreSQL
# server on a free 127.0.0.1 port in a temporary directory (as scripts/cluster-test.sh does), runs
# `mvn -Pbenchmark test -Dbenchmark.only=history` against a fresh database there, and stops and removes
# the server on exit, also on failure, Ctrl-C or timeout. Extra arguments go to Maven, e.g.
#
#   flock /tmp/policyflow-heavy.lock scripts/history-benchmark-postgres.sh
#   scripts/history-benchmark-postgres.sh -Dbenchmark.historyInstances=5000
#
# Result file: target/benchmark/history/result.json (the same as the H2 run's: copy it away first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TIMEOUT=${HISTORY_BENCHMARK_TIMEOUT:-3600}

log() { echo "[history-benchmark-postgres] $*"; }

PG_BIN=
for dir in /usr/lib/postgresql/*/bin /usr/local/bin; do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then PG_BIN=$dir; break; fi
done
[ -n "$PG_BIN" ] || { log "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found"; exit 1; }

# initdb and postgres refuse to run as root: as root, the server runs as the postgres user.
if [ "$(id -u)" = 0 ]; then
  id postgres > /dev/null 2>&1 || { log "user postgres missing"; exit 1; }
  as_pg() { runuser -u postgres -- "$@"; }
  PG_OWNER=postgres
else
  as_pg() { "$@"; }
  PG_OWNER=
fi

RUN_DIR=$(mktemp -d /tmp/history-benchmark-pg.XXXXXX)
PG_DATA="$RUN_DIR/pgdata"
PG_SOCK="$RUN_DIR/pgsock"
PG_STARTED=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  mkdir -p "$ROOT/target/benchmark/history"
  cp "$RUN_DIR/postgresql.log" "$ROOT/target/benchmark/history/postgresql.log" 2> /dev/null || true
  if [ -n "$PG_STARTED" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
PG_PORT=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! port_in_use "$candidate"; then PG_PORT=$candidate; break; fi
done
[ -n "$PG_PORT" ] || { log "no free port found"; exit 1; }

mkdir -p "$PG_DATA" "$PG_SOCK"
chmod 700 "$RUN_DIR" "$PG_DATA" "$PG_SOCK"
[ -n "$PG_OWNER" ] && chown -R "$PG_OWNER": "$RUN_DIR"
DB_PASSWORD="history-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"

log "initdb in $PG_DATA, port $PG_PORT on 127.0.0.1 only"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 > "$RUN_DIR/initdb.log" 2>&1 || { cat "$RUN_DIR/initdb.log"; exit 1; }
# PostgreSQL's defaults apart from the throwaway server's own (no fsync: the data are thrown away);
# shared_buffers a quarter of what a small dedicated server would give it.
cat >> "$PG_DATA/postgresql.conf" << EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
fsync = off
shared_buffers = 256MB
EOF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$RUN_DIR/postgresql.log" -w -t 60 start > /dev/null
PG_STARTED=1
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
  -c "CREATE ROLE policyflow LOGIN PASSWORD '$DB_PASSWORD'" \
  -c "CREATE DATABASE policyflow OWNER policyflow ENCODING 'UTF8'"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready"

# reWriteBatchedInserts: the driver sends a JDBC batch as multi-row INSERTs (the generator's batches).
timeout --kill-after=30 "$TIMEOUT" mvn -B -o -Pbenchmark test -Dbenchmark.only=history \
  "-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/policyflow?reWriteBatchedInserts=true" \
  -Dspring.datasource.username=policyflow "-Dspring.datasource.password=$DB_PASSWORD" \
  -Dcamunda.bpm.database.type=postgres "$@"
