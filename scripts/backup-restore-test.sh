#!/usr/bin/env bash
# Backup and restore of the H2 file database while instances run (docs/operations.md):
#   node A runs on a fresh H2 file; two target-record instances are started (one finished), the online backup
#   is taken (POST /actuator/backup on the management port), a third instance is started after it; A stops.
#   The backup is unpacked into a fresh directory and node B starts on it: the first two instances are there,
#   the third is not, the open task's reminder timer fires when the engine clock passes it (admin test clock
#   of profile e2e), and the instance runs to its end.
# Prints "backup-restore test: N passed, M failed"; exit status 1 on any failure. Uses fixed ports (PORT,
# MANAGEMENT_PORT): run under the shared lock on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/policyflow-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
PORT=${PORT:-18630}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18631}
WORK=$(mktemp -d)
APP_PID=
passed=0
failed=0

stop_app() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
  fi
}
finish() {
  rc=$?
  stop_app
  # An abort (set -e) before the checks ran counts as a failure.
  if [ $rc -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  echo "backup-restore test: $passed passed, $failed failed"
  if [ "$failed" -gt 0 ] || [ $rc -ne 0 ]; then
    echo "logs kept in $WORK"
    exit 1
  fi
  rm -rf "$WORK"
}
trap finish EXIT
. scripts/lib/backup-restore-checks.sh

start_app() { # database directory, log name
  java -Xmx384m -jar "$JAR" --spring.profiles.active=e2e --camunda.bpm.job-execution.enabled=false \
    --server.address=127.0.0.1 --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" \
    "--spring.datasource.url=jdbc:h2:file:$1/policyflow;DB_CLOSE_ON_EXIT=FALSE" \
    "--policyflow.backup.directory=$WORK/backup" \
    --policyflow.working-days.directory=src/test/resources/working-days-provisional \
    > "$WORK/$2.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 900); do
    if curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" > /dev/null; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then tail -40 "$WORK/$2.log"; return 1; fi
    sleep 0.2
  done
  echo "node $2 not ready"; return 1
}

echo "node A on $WORK/a"
start_app "$WORK/a" node-a
running=$(start_target)
finished=$(start_target)
check "instances started on node A" test -n "$running" -a -n "$finished"
complete "$(task_of "$finished")"
backup=$(curl -s -u demo:demo -X POST "http://127.0.0.1:$MANAGEMENT_PORT/actuator/backup")
echo "backup: $backup"
file=$(echo "$backup" | field file)
check "online backup written while node A runs" test -s "$file"
after=$(start_target)
stop_app

mkdir -p "$WORK/b"
(cd "$WORK/b" && jar xf "$file")
check "the backup holds the database file" test -s "$WORK/b/policyflow.mv.db"
echo "node B on the restored copy $WORK/b"
start_app "$WORK/b" node-b
check_restored "$running" "$finished" "$after"
