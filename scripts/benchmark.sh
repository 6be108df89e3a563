#!/usr/bin/env bash
# Programme-scale benchmark (docs/benchmark.md). Usage: scripts/benchmark.sh [extra Maven arguments],
# e.g. -Dbenchmark.applications=200 for a quick run. Measures start-up with scripts/measure-startup.sh
# (packaged jar, every process deployed), then runs PartnerProgrammeBenchmark (mvn -Pbenchmark test).
# Prints one "benchmark name=value unit (goal …) PASS|MISS [load …]" line per figure and writes
# target/benchmark/result.json. Not part of mvn test.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/benchmark
mkdir -p target/benchmark
mvn -B -q package -DskipTests "$@"
# The load average at the moment of the measurement goes next to the figure.
startup=$(scripts/measure-startup.sh)
{
  echo "$startup"
  echo "load_average=$(cut -d' ' -f1 /proc/loadavg)"
} > target/benchmark/startup.properties
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
