#!/usr/bin/env bash
# Checks the documented fast start, scripts/start.sh (README, docs/benchmark.md "Start-up"): on each JDK of
# this machine it trains its archive, the application starts with that archive mapped and answers the REST
# API. The java on the PATH always (Java 17, the project's runtime: a class-data archive); in addition the
# first JDK under /usr/lib/jvm of Java 25 or later, if there is one (its AOT cache). Part of .ci/run.
#
# Each check uses its own archive folder and H2 database in a temporary folder and loopback ports 18280/18281.
set -euo pipefail
cd "$(dirname "$0")/.."

port=18280
jar=$(ls target/policyflow-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -q package -DskipTests
  jar=$(ls target/policyflow-*.jar | grep -v original | head -n 1)
fi

. scripts/lib/java-runtime.sh

work="" pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  pid=""
  [ -z "$work" ] || rm -rf "$work"
  work=""
}
trap cleanup EXIT

# check JAVA_HOME_OR_EMPTY: trains, starts with the archive required (the JVM refuses to start if it cannot
# map it: -Xshare:on, or -XX:AOTMode=on for an AOT cache), waits for the REST API, counts the classes loaded
# from the archive.
check() {
  local home=$1 java deadline shared kind require
  java=${home:+$home/bin/}java
  work=$(mktemp -d)
  java_runtime "$java"
  if java_has_aot_cache; then require=-XX:AOTMode=on; else require=-Xshare:on; fi
  echo "start-test: Java $java_vm_version ($java)"
  JAVA_HOME=$home POLICYFLOW_JAR="$PWD/$jar" POLICYFLOW_CDS_DIR="$work/cds" scripts/start.sh --prepare
  kind=$(cd "$work/cds" && ls policyflow-*.jsa policyflow-*.aot 2>/dev/null || true)
  [ -n "$kind" ] || { echo "start-test: FAILED, no archive written"; cat "$work/cds/training.log"; exit 1; }
  echo "start-test: archive $kind"
  JAVA_HOME=$home POLICYFLOW_JAR="$PWD/$jar" POLICYFLOW_CDS_DIR="$work/cds" \
    JAVA_OPTS="$require -Xlog:class+load:file=$work/classes.txt" \
    scripts/start.sh --server.port=$port --management.server.port=$((port + 1)) --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:h2:file:$work/db;DB_CLOSE_ON_EXIT=FALSE" > "$work/app.log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 300))
  until curl -sf -u demo:demo "http://127.0.0.1:$port/engine-rest/version" > /dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "start-test: FAILED, the application did not answer; log:"; tail -40 "$work/app.log"; exit 1
    fi
    sleep 0.5
  done
  shared=$(grep -c 'shared objects file' "$work/classes.txt" || true)
  if [ "$shared" -lt 5000 ]; then
    echo "start-test: FAILED, only $shared classes came from the archive"; exit 1
  fi
  echo "start-test: PASSED, REST answers, $shared classes from the archive"
  cleanup
}

check "${JAVA_HOME:-}"
newer=""
for candidate in /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  java_runtime "$candidate"
  if java_has_aot_cache; then newer=$(dirname "$(dirname "$candidate")"); break; fi
done
if [ -n "$newer" ]; then
  check "$newer"
else
  echo "start-test: no JDK of Java 25 or later under /usr/lib/jvm; the AOT cache path is not checked"
fi
