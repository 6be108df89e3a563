#!/usr/bin/env bash
# Programme-scale benchmark (docs/benchmark.md). Usage: scripts/benchmark.sh [extra Maven arguments],
# e.g. -Dbenchmark.applications=200 for a quick run. Measures start-up with scripts/measure-startup.sh
# (packaged jar, every process deployed, against a bare Camunda application), then runs
# PartnerProgrammeBenchmark (mvn -Pbenchmark test).
# Prints one "benchmark name=value unit [(median of n, spread low–high)] (goal …) PASS|MISS [load …]" line per
# figure (a goal counts as met only on the median of repeated measurements) and writes
# target/benchmark/result.json. Not part of mvn test.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/benchmark
mkdir -p target/benchmark
mvn -B -q package -DskipTests "$@"
# Start-up: three alternating pairs against the bare Camunda application (median, spread, PASS/MISS of the
# ratio); the load average of each start goes next to it.
scripts/measure-startup.sh --properties target/benchmark/startup.properties | tee target/benchmark/startup.log \
  | grep -E '^benchmark'
set +e
mvn -B -Pbenchmark test "$@" > target/benchmark/maven.log 2>&1
status=$?
set -e
grep -E '^benchmark' target/benchmark/maven.log || true
if [ $status -ne 0 ]; then
  grep -E 'ERROR|FAIL|Tests run' target/benchmark/maven.log | head -40
  echo "benchmark failed; full log: target/benchmark/maven.log"
fi
exit $status
