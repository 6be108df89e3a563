# Sourced by scripts/backup-restore-test.sh (H2) and scripts/backup-restore-pg-test.sh (PostgreSQL): the
# instances started before and after the backup, and the checks on the node that runs on the restored copy.
# The caller sets PORT (public port of the node that is up) and counts with passed/failed.

check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}

rest() { # method, path, user, [json body]
  curl -s -u "$3:demo" -X "$1" -H 'Content-Type: application/json' ${4:+--data "$4"} "http://127.0.0.1:$PORT$2"
}
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
number() { grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
start_target() {
  rest POST /engine-rest/process-definition/key/target-record/start wanglixin \
    '{"variables":{"targetKey":{"value":"canal-talents"},"targetValue":{"value":120},
      "asOfDate":{"value":"2026-06-30"},"source":{"value":"区统计局季度报表"}}}' | field id
}
task_of() { rest GET "/engine-rest/task?processInstanceId=$1" wanglixin | field id; }
# Verified by a colleague of the reporter (four-eyes rule of target-record).
complete() {
  rest POST "/engine-rest/task/$1/submit-form" chenxiaoyan '{"variables":{"verification":{"value":"confirmed"}}}' > /dev/null
}
status_of() { curl -s -o /dev/null -w '%{http_code}' -u demo:demo "http://127.0.0.1:$PORT$1"; }
history_state() { rest GET "/engine-rest/history/process-instance/$1" demo | field state; }

# On the node started on the restored copy: $1 running at the backup, $2 finished before it, $3 started after it.
check_restored() {
  local running=$1 finished=$2 after=$3 task due now clock
  check "running instance restored" test "$(status_of "/engine-rest/process-instance/$running")" = 200
  check "finished instance's history restored" test "$(history_state "$finished")" = COMPLETED
  check "instance started after the backup is absent" test "$(status_of "/engine-rest/process-instance/$after")" = 404

  task=$(task_of "$running")
  due=$(rest GET "/engine-rest/task/$task" wanglixin | field due)
  # One hour after the "due soon" reminder falls due (due date - 1 day): the restored timer must fire.
  now=$(date -d "$(echo "$due" | sed -E 's/\.[0-9]+//; s/([+-][0-9]{2})([0-9]{2})$/\1:\2/') - 23 hours" +%Y-%m-%dT%H:%M:%S%:z)
  clock=$(curl -s -u demo:demo -X POST "http://127.0.0.1:$PORT/api/test-clock?now=$(echo "$now" | sed 's/+/%2B/')")
  echo "test clock: $clock"
  check "restored reminder timer fired" \
    bash -c "curl -s -u wanglixin:demo 'http://127.0.0.1:$PORT/engine-rest/task/$task/comment' | grep -q '即将到期提醒'"
  complete "$task"
  check "restored instance runs to its end" test "$(history_state "$running")" = COMPLETED
  check "no incident on the restored node" test "$(rest GET /engine-rest/incident/count demo | number count)" = 0
}
