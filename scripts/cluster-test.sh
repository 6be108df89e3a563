#!/usr/bin/env bash
# Two policyflow nodes on one PostgreSQL server (docs/cluster.md): installs Debian's postgresql package
# when it is missing, starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port in a temporary
# directory, builds the jar and runs the *ClusterIT tests (mvn -Pcluster), which start two application
# processes and drive them over HTTP, then the history cleanup, index and audit tests against a second
# database on the same server.
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
. scripts/lib/throwaway-postgres.sh
pg_throwaway_init

RUN_DIR=$(mktemp -d /tmp/cluster-test.XXXXXX)
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
  pg_throwaway_stop
  rm -rf "$RUN_DIR"
  echo "$SUMMARY"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_throwaway_start "$RUN_DIR"
pg_throwaway_psql "CREATE DATABASE policyflow OWNER policyflow ENCODING 'UTF8'" \
  "CREATE DATABASE policyflow_history OWNER policyflow ENCODING 'UTF8'"

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
# History cleanup, the application's indexes and the audit search's own SQL on PostgreSQL: the same tests as in
# mvn test (H2), against a database of their own.
if [ "$MVN_RC" = 0 ]; then
  log "history cleanup, indexes and audit search on PostgreSQL"
  timeout --kill-after=30 600 mvn -B -o test -Dtest=HistoryCleanupTest,HistoryIndexesTest,DueDateJobAcquisitionTest,AuditApiTest,InstanceSearchLikeTest,AuditorReadOnlyTest -Dsurefire.failIfNoSpecifiedTests=false \
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
