#!/usr/bin/env bash
# Backup and restore on PostgreSQL while instances run (docs/operations.md, "PostgreSQL"), the counterpart of
# scripts/backup-restore-test.sh (H2), on a throwaway PostgreSQL server (scripts/lib/throwaway-postgres.sh):
#   node A (profile postgres) runs on database policyflow; two target-record instances are started (one
#   finished); pg_dump -Fc takes the backup while A runs and clerks keep starting instances through it; a
#   further instance is started after the dump; A stops. pg_restore fills a fresh database, node B starts on
#   it: the instances of before the dump are there, the later one is not, every instance the dump caught has
#   its task (a consistent snapshot, nothing half-written), the open task's reminder timer fires when the
#   engine clock passes it (admin test clock of profile e2e), and the instance runs to its end.
# Free ports only; builds the jar. Last line: "backup-restore-pg test: N passed, M failed"; exit 1 on failure.
#
#   scripts/backup-restore-pg-test.sh   (as root, or as a user that may run sudo apt-get when needed)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { echo "[backup-restore-pg] $*"; }
. scripts/lib/throwaway-postgres.sh
. scripts/lib/backup-restore-checks.sh
pg_throwaway_init

RUN_DIR=$(mktemp -d /tmp/backup-restore-pg.XXXXXX)
APP_PID=
LOAD_PID=
passed=0
failed=0

stop_app() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2> /dev/null || true
    wait "$APP_PID" 2> /dev/null || true
    APP_PID=
  fi
}
finish() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2> /dev/null
  stop_app
  pg_throwaway_stop
  # Logs of PostgreSQL and both nodes stay in target/backup-restore-pg for a look after a failure.
  mkdir -p "$ROOT/target/backup-restore-pg"
  cp "$RUN_DIR"/*.log "$ROOT/target/backup-restore-pg/" 2> /dev/null || true
  rm -rf "$RUN_DIR"
  # An abort (set -e) before the checks ran counts as a failure.
  if [ "$rc" -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  echo "backup-restore-pg test: $passed passed, $failed failed"
  if [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; then exit 1; fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 20000))
    if ! pg_throwaway_port_in_use "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

pg_throwaway_start "$RUN_DIR"
pg_throwaway_psql "CREATE DATABASE policyflow OWNER policyflow ENCODING 'UTF8'" \
  "CREATE DATABASE policyflow_restored OWNER policyflow ENCODING 'UTF8'"
# The client tools as an operator runs them: the application's role, over TCP, with its password.
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=policyflow PGPASSWORD=$DB_PASSWORD

log "building the jar"
mvn -B -o -q -DskipTests package
JAR=$(ls "$ROOT"/target/policyflow-*.jar | grep -v -- '-plain' | head -n 1)
PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)

start_app() { # database, log name
  # The engine clock is moved by the test clock (profile e2e), which runs the due jobs itself: no job
  # executor, so nothing runs behind the test's back.
  POLICYFLOW_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$1" POLICYFLOW_DB_USER=policyflow \
    POLICYFLOW_DB_PASSWORD="$DB_PASSWORD" \
    java -Xmx384m -jar "$JAR" --spring.profiles.active=postgres,e2e --camunda.bpm.job-execution.enabled=false \
    --server.address=127.0.0.1 --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" \
    --policyflow.working-days.directory="$ROOT/src/test/resources/working-days-provisional" \
    > "$RUN_DIR/$2.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 1500); do
    if curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" > /dev/null; then return 0; fi
    if ! kill -0 "$APP_PID" 2> /dev/null; then tail -40 "$RUN_DIR/$2.log"; return 1; fi
    sleep 0.2
  done
  log "node $2 not ready after 5 minutes"; tail -40 "$RUN_DIR/$2.log"; return 1
}
count_of() { rest GET "$1" demo | number count; }

log "node A on database policyflow"
start_app policyflow node-a
running=$(start_target)
finished=$(start_target)
check "instances started on node A" test -n "$running" -a -n "$finished"
complete "$(task_of "$finished")"

# A clerk keeps working while the dump runs: instances are started one after the other until it is done.
( while :; do start_target > /dev/null; done ) &
LOAD_PID=$!
log "pg_dump while node A runs"
"$PG_BIN/pg_dump" -Fc -f "$RUN_DIR/policyflow.dump" policyflow
kill "$LOAD_PID"; wait "$LOAD_PID" 2> /dev/null || true
LOAD_PID=
check "pg_dump wrote the backup while node A ran" test -s "$RUN_DIR/policyflow.dump"
after=$(start_target)
check "an instance started after the backup" test -n "$after"
stop_app

log "pg_restore into the fresh database policyflow_restored"
check "pg_restore into a fresh database" \
  "$PG_BIN/pg_restore" --no-owner --exit-on-error --single-transaction -d policyflow_restored "$RUN_DIR/policyflow.dump"

log "node B on database policyflow_restored"
start_app policyflow_restored node-b
instances=$(count_of "/engine-rest/process-instance/count?processDefinitionKey=target-record")
tasks=$(count_of "/engine-rest/task/count?processDefinitionKey=target-record")
log "restored: $instances running target-record instances, $tasks open tasks"
check "every instance the dump caught has its task (consistent snapshot)" \
  test -n "$instances" -a "$instances" = "$tasks" -a "${instances:-0}" -ge 1
check_restored "$running" "$finished" "$after"
