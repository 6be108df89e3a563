#!/usr/bin/env bash
# Browser test of Tasklist (e2e/tasklist): builds the jar, starts it on a free loopback port with a
# temporary H2 database and the "e2e" profile (test clock endpoint), runs the Playwright flows
# (tasklist-flow.mjs, form-refusal-flow.mjs, expert-scoring-flow.mjs, yc-argumentation-flow.mjs,
# tech-centre-flow.mjs) and then the page walker (page-walker.mjs: every page of every demo role in
# Chinese, no overlapping diagram labels) in headless Debian chromium, stops the application on exit.
# Prints "N passed, M failed" last.
# Needs Java 17 and Maven; on a Debian machine it installs what else is missing (chromium, a CJK font for
# readable screenshots, Node.js and npm: scripts/lib/browser-prerequisites.sh).
# Screenshots go to target/e2e-screenshots; UPDATE_DOC_IMAGES=1 also refreshes the ones docs/ shows
# (off by default, so that a test run leaves the working tree clean).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=lib/browser-prerequisites.sh
source scripts/lib/browser-prerequisites.sh
install_browser_prerequisites

if [ -z "${E2E_SKIP_BUILD:-}" ]; then
  mvn -B -q ${MAVEN_OFFLINE:+-o} package -DskipTests
fi
(cd e2e/tasklist && npm ci --no-audit --no-fund --silent)

WORK=$(mktemp -d /tmp/policyflow-e2e-tasklist-XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2> /dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2> /dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The job executor is off: the test clock (POST /api/test-clock) runs the due jobs itself, and two
# executors running the same job at once would make the test fail for a reason production never has.
java -Xmx384m -jar target/policyflow-0.1.0-SNAPSHOT.jar \
  --spring.profiles.active=e2e \
  --camunda.bpm.job-execution.enabled=false \
  --server.address=127.0.0.1 --server.port="$PORT" --management.server.port=0 \
  "--spring.datasource.url=jdbc:h2:file:$WORK/db;DB_CLOSE_ON_EXIT=FALSE" \
  > "$WORK/app.log" 2>&1 &
APP_PID=$!

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 180); do
  if curl -fs -o /dev/null "$BASE/camunda/app/tasklist/default/"; then
    break
  fi
  if ! kill -0 "$APP_PID" 2> /dev/null; then
    tail -50 "$WORK/app.log" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  sleep 1
done

mkdir -p target/e2e-screenshots
set +e
DOC_IMAGES=
[ "${UPDATE_DOC_IMAGES:-0}" = 1 ] && DOC_IMAGES="$ROOT/docs/images"
E2E_BASE="$BASE" E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots" E2E_DOC_IMAGES="$DOC_IMAGES" \
  node e2e/tasklist/tasklist-flow.mjs | tee "$WORK/flow.out"
STATUS=${PIPESTATUS[0]}
# Refusals of the start forms shown beside 发起 and on the field, the quota rows of a call (issue #17);
# after tasklist-flow.mjs, which takes the first call the engine lists.
E2E_BASE="$BASE" E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots" \
  node e2e/tasklist/form-refusal-flow.mjs | tee "$WORK/refusal.out"
REFUSAL_STATUS=${PIPESTATUS[0]}
[ $STATUS -eq 0 ] && STATUS=$REFUSAL_STATUS
# Third flow on the same application: an expert of a Beijing consortium's panel scores each criterion
# with the consortium's dossier in view. It sets the test clock back to 2026-06-01, where nothing of the
# first flow is due, and touches only the consortium it starts.
E2E_BASE="$BASE" E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots" \
  node e2e/tasklist/expert-scoring-flow.mjs | tee "$WORK/expert.out"
EXPERT_STATUS=${PIPESTATUS[0]}
[ $STATUS -eq 0 ] && STATUS=$EXPERT_STATUS
# One path of each further programme family (issue #19), each with its own consortium or centre: a
# Yongchuan consortium through an argumentation round (2026-06-02), a technology-centre licence
# (2026-06-03). Last, with every programme's cases and tasks in place, the page walker.
for flow in yc-argumentation-flow tech-centre-flow page-walker; do
  E2E_BASE="$BASE" E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots" \
    node "e2e/tasklist/$flow.mjs" | tee "$WORK/$flow.out"
  FLOW_STATUS=${PIPESTATUS[0]}
  [ $STATUS -eq 0 ] && STATUS=$FLOW_STATUS
done
set -e
total() {
  local n
  n=$(tail -1 "$WORK/$1" | sed -n "s/^\([0-9]*\) passed, \([0-9]*\) failed$/\\$2/p")
  echo "${n:-0}"
}
OUTPUTS="flow.out refusal.out expert.out yc-argumentation-flow.out tech-centre-flow.out page-walker.out"
PASSED=0
FAILED=0
for out in $OUTPUTS; do
  PASSED=$(( PASSED + $(total "$out" 1) ))
  FAILED=$(( FAILED + $(total "$out" 2) ))
done
echo "tasklist browser tests: $PASSED passed, $FAILED failed"
if [ $STATUS -ne 0 ]; then
  # Stack frames crowd out the cause: the log's message lines first, then its end.
  echo "--- application log: errors and warnings ---" >&2
  grep -E ' (ERROR|WARN) |^Caused by|Exception: ' "$WORK/app.log" | grep -v '^\s*at ' | tail -30 >&2
  echo "--- application log (tail) ---" >&2
  tail -20 "$WORK/app.log" >&2
fi
exit $STATUS
