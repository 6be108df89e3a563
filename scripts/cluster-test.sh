#!/usr/bin/env bash
# Two policyflow nodes on one PostgreSQL server (docs/cluster.md): installs Debian's postgresql package
# when it is missing, starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port in a temporary
# directory, builds the jar and runs the *ClusterIT tests (mvn -Pcluster), which start two application
# processes and drive them over HTTP, then HistoryCleanupTest against a second database on the same server.
# Everything it started is stopped and removed on exit, also on
# failure, Ctrl-C or timeout. Last line: "cluster test: N passed, M failed".
#
#   scripts/cluster-test.sh            (as root, or as a user that may run sudo apt-get when needed)
#   CLUSTER_TEST_TIMEOUT=1200 scripts/cluster-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TIMEOUT=${CLUSTER_TEST_TIMEOUT:-1200}

log() { echo "[cluster-test] $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
  done | sort -V | tail -n 1
}

PG_BIN=$(pg_bindir)
if [ -z "$PG_BIN" ]; then
  log "PostgreSQL server not found: installing Debian's postgresql package"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  PG_BIN=$(pg_bindir)
  [ -n "$PG_BIN" ] || { log "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"; exit 1; }
fi
log "PostgreSQL binaries: $PG_BIN"

# initdb and postgres refuse to run as root: as root, the server runs as the postgres user the Debian
# package creates; otherwise as the current user.
if [ "$(id -u)" = 0 ]; then
  id postgres > /dev/null 2>&1 || { log "user postgres missing (the postgresql package creates it)"; exit 1; }
  PG_USER=postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  PG_USER=$(id -un)
  as_pg() { "$@"; }
fi

RUN_DIR=$(mktemp -d /tmp/cluster-test.XXXXXX)
PG_DATA="$RUN_DIR/pgdata"
PG_SOCK="$RUN_DIR/pgsock"
PG_STARTED=
# The closing line; until the tests ran, any exit is a failure before the first test.
SUMMARY="cluster test: 0 passed, 1 failed"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # The test JVM kills its nodes in finally blocks and a shutdown hook; the pid files are the last
  # resort when that JVM itself was killed (timeout).
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2> /dev/null; then
      log "stopping leftover node process $pid ($(basename "$pidfile" .pid))"
      kill -9 "$pid" 2> /dev/null || true
    fi
  done
  # Logs of PostgreSQL and both nodes stay in target/cluster-test for a look after a failure.
  mkdir -p "$ROOT/target/cluster-test"
  cp "$RUN_DIR"/*.log "$ROOT/target/cluster-test/" 2> /dev/null || true
  if [ -n "$PG_STARTED" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
  echo "$SUMMARY"
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
[ "$PG_USER" = postgres ] && chown -R postgres: "$RUN_DIR"
DB_PASSWORD="cluster-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"

log "initdb in $PG_DATA, port $PG_PORT on 127.0.0.1 only"
# Local (unix socket, in the private run directory) connections trust the OS user; TCP needs a password.
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 > "$RUN_DIR/initdb.log" 2>&1 || { cat "$RUN_DIR/initdb.log"; exit 1; }
cat >> "$PG_DATA/postgresql.conf" << EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 100
fsync = off
# A backend notices within a second that its node was killed, even while it waits for a lock.
client_connection_check_interval = 1000
EOF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$RUN_DIR/postgresql.log" -w -t 60 start > /dev/null
PG_STARTED=1
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
  -c "CREATE ROLE policyflow LOGIN PASSWORD '$DB_PASSWORD'" \
  -c "CREATE DATABASE policyflow OWNER policyflow ENCODING 'UTF8'" \
  -c "CREATE DATABASE policyflow_history OWNER policyflow ENCODING 'UTF8'"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready"

log "building the jar"
mvn -B -o -q -DskipTests package
JAR=$(ls "$ROOT"/target/policyflow-*.jar | grep -v -- '-plain' | head -n 1)

export POLICYFLOW_CLUSTER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/policyflow"
export POLICYFLOW_CLUSTER_DB_USER=policyflow
export POLICYFLOW_CLUSTER_DB_PASSWORD="$DB_PASSWORD"
export POLICYFLOW_CLUSTER_JAR="$JAR"
export POLICYFLOW_CLUSTER_RUN_DIR="$RUN_DIR"

log "running the cluster tests (timeout ${TIMEOUT}s)"
set +e
timeout --kill-after=30 "$TIMEOUT" mvn -B -o -Pcluster test 2>&1 | tee "$RUN_DIR/mvn.log"
MVN_RC=${PIPESTATUS[0]}
# History cleanup on PostgreSQL: the same test as in mvn test (H2), against a database of its own.
if [ "$MVN_RC" = 0 ]; then
  log "history cleanup on PostgreSQL (HistoryCleanupTest)"
  timeout --kill-after=30 600 mvn -B -o test -Dtest=HistoryCleanupTest -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/policyflow_history" \
    -Dspring.datasource.username=policyflow "-Dspring.datasource.password=$DB_PASSWORD" \
    -Dcamunda.bpm.database.type=postgres 2>&1 | tee -a "$RUN_DIR/mvn.log"
  MVN_RC=${PIPESTATUS[0]}
fi
set -e

# One totals line per Maven run (the cluster tests, then the history cleanup test): summed.
TOTALS=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' \
  "$RUN_DIR/mvn.log" | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/' || true)
if [ -n "$TOTALS" ]; then
  PASSED=$(awk '{p += $1 - $2 - $3 - $4} END {print p}' <<< "$TOTALS")
  FAILED=$(awk '{f += $2 + $3} END {print f}' <<< "$TOTALS")
else
  PASSED=0
  FAILED=1
fi
if [ "$MVN_RC" = 124 ] || [ "$MVN_RC" = 137 ]; then
  log "timed out after ${TIMEOUT}s"
fi
if [ "$MVN_RC" != 0 ] && [ "$FAILED" = 0 ]; then
  FAILED=1
fi
# Printed by cleanup, after everything started has been stopped, as the very last line.
SUMMARY="cluster test: $PASSED passed, $FAILED failed"
[ "$MVN_RC" = 0 ] && [ "$FAILED" = 0 ]
