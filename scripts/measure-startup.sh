#!/usr/bin/env bash
# Measures start-up time and resident memory of the demo run from the packaged jar, on a fresh
# H2 database in a temporary folder. Usage: scripts/measure-startup.sh [extra JVM options]
# Prints: startup_seconds=… (JVM start until the REST API answers) and rss_mib=… (after start-up,
# once Tasklist, Cockpit and the REST API have each answered a request).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/policyflow-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -q package -DskipTests
  jar=$(ls target/policyflow-*.jar | grep -v original | head -n 1)
fi
workdir=$(mktemp -d)
port=${PORT:-18080}
start=$(date +%s.%N)
java "$@" -jar "$jar" --server.port="$port" --management.server.port=0 \
  --spring.datasource.url="jdbc:h2:file:$workdir/policyflow;DB_CLOSE_ON_EXIT=FALSE" > "$workdir/app.log" 2>&1 &
pid=$!
stop() { rc=$?; kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$workdir"; exit $rc; }
trap stop EXIT
until curl -sf -u demo:demo "http://localhost:$port/engine-rest/version" > /dev/null; do
  if ! kill -0 $pid 2>/dev/null; then echo "application exited; log:"; tail -50 "$workdir/app.log"; exit 1; fi
  sleep 0.2
done
end=$(date +%s.%N)
for path in /camunda/app/tasklist/default/ /camunda/app/cockpit/default/ "/engine-rest/task?maxResults=10"; do
  curl -sf -u demo:demo "http://localhost:$port$path" > /dev/null
done
sleep 2
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
awk -v s="$start" -v e="$end" 'BEGIN { printf "startup_seconds=%.1f\n", e - s }'
printf 'rss_mib=%d\n' $((rss_kib / 1024))
printf 'spring_reported=%s\n' "$(grep -o 'Started PolicyflowApplication in [0-9.]* seconds' "$workdir/app.log" | grep -o '[0-9.]* seconds')"
