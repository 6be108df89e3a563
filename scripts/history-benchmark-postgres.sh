#!/usr/bin/env bash
# The history benchmark (HistoryBenchmark, docs/history.md) on PostgreSQL: a throwaway PostgreSQL server
# (scripts/lib/throwaway-postgres.sh) in a temporary directory, `mvn -Pbenchmark test
# -Dbenchmark.only=history` against a fresh database there, and the server stopped and removed on exit,
# also on failure, Ctrl-C or timeout. Extra arguments go to Maven, e.g.
#
#   flock /tmp/policyflow-heavy.lock scripts/history-benchmark-postgres.sh
#   scripts/history-benchmark-postgres.sh -Dbenchmark.historyInstances=5000
#
# HISTORY_BENCHMARK_PSQL=file.sql runs that file against the filled database after the benchmark (e.g. the
# EXPLAIN ANALYZE of the search statements, scripts/history-explain.sql); its output goes to
# target/benchmark/history/psql.out.
#
# Result file: target/benchmark/history/result.json (the same as the H2 run's: copy it away first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TIMEOUT=${HISTORY_BENCHMARK_TIMEOUT:-3600}

log() { echo "[history-benchmark-postgres] $*"; }
. scripts/lib/throwaway-postgres.sh

RUN_DIR=$(mktemp -d /tmp/history-benchmark-pg.XXXXXX)
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  mkdir -p "$ROOT/target/benchmark/history"
  cp "$RUN_DIR/postgresql.log" "$ROOT/target/benchmark/history/postgresql.log" 2> /dev/null || true
  pg_throwaway_stop
  rm -rf "$RUN_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_throwaway_init
# No fsync (the library's: the data are thrown away); shared_buffers a quarter of what a small dedicated
# server would give it.
PG_THROWAWAY_CONF="shared_buffers = 256MB"
pg_throwaway_start "$RUN_DIR"
pg_throwaway_psql "CREATE DATABASE policyflow OWNER policyflow ENCODING 'UTF8'"

# reWriteBatchedInserts: the driver sends a JDBC batch as multi-row INSERTs (the generator's batches).
timeout --kill-after=30 "$TIMEOUT" mvn -B -o -Pbenchmark test -Dbenchmark.only=history \
  "-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/policyflow?reWriteBatchedInserts=true" \
  -Dspring.datasource.username=policyflow "-Dspring.datasource.password=$DB_PASSWORD" \
  -Dcamunda.bpm.database.type=postgres "$@"

if [ -n "${HISTORY_BENCHMARK_PSQL:-}" ]; then
  mkdir -p "$ROOT/target/benchmark/history"
  as_pg "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d policyflow \
    < "$HISTORY_BENCHMARK_PSQL" > "$ROOT/target/benchmark/history/psql.out" 2>&1
  log "psql output in target/benchmark/history/psql.out"
fi
