#!/usr/bin/env bash
# Starts the packaged jar with class-data sharing (AppCDS), the fast start of docs/benchmark.md (Start-up).
#
#   scripts/start.sh [application arguments]     e.g. --server.port=9090 --spring.profiles.active=production
#   scripts/start.sh --prepare                   only extract and train (e.g. in an image build), then exit
#
# Environment: POLICYFLOW_JAR (default target/policyflow-*.jar, built with Maven if missing),
# POLICYFLOW_CDS_DIR (default target/cds), JAVA_OPTS (extra JVM options, e.g. -Xmx1g), JAVA_HOME (the JDK
# to run on; default the java on the PATH).
#
# Why: much of a start is spent loading and verifying the classes of over a hundred nested jars. The JVM can
# map them from an archive instead. That needs the jar unpacked (the archive records a plain class path)
# and one training run that writes the archive. Both happen here the first time and again whenever the jar
# is newer than its unpacked copy, so after "mvn package" the next start trains once more (about as long as
# one ordinary start). The training run starts the application on a throwaway H2 database, so it touches no
# real database, answers a few requests on a free port of the loopback interface and stops. If the archive cannot be used
# (another JDK, a changed class path) the JVM says so and starts without it: nothing depends on it.
# On Java 17 (the project's runtime) the archive is a dynamic class-data archive (.jsa). On a Java 25 or later
# runtime it is the JDK's AOT cache (JEP 483, 515: classes loaded and linked, method profiles), which the
# training run writes the same way; docs/benchmark.md (Start-up) has what each gives. The archive is named
# after the exact JVM version, so a JDK update trains a new one instead of trying an archive it cannot map.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

jar=${POLICYFLOW_JAR:-$(ls "$root"/target/policyflow-*.jar 2>/dev/null | grep -v original | head -n 1 || true)}
if [ -z "$jar" ]; then
  (cd "$root" && mvn -B -q package -DskipTests)
  jar=$(ls "$root"/target/policyflow-*.jar | grep -v original | head -n 1)
fi
cds=${POLICYFLOW_CDS_DIR:-$root/target/cds}
app="$cds/app/$(basename "$jar")"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
. "$root/scripts/lib/java-runtime.sh"
java_runtime "$java"
archive_name="policyflow-$(tr -c 'A-Za-z0-9.\n-' '_' <<< "$java_vm_version")"
if java_has_aot_cache; then
  archive="$cds/$archive_name.aot"
  write_archive=-XX:AOTCacheOutput
  use_archive=-XX:AOTCache
else
  archive="$cds/$archive_name.jsa"
  write_archive=-XX:ArchiveClassesAtExit
  use_archive=-XX:SharedArchiveFile
fi
# Word splitting of JAVA_OPTS is wanted: it holds several options.
# shellcheck disable=SC2206
java_opts=(${JAVA_OPTS:-})

prepare() {
  if [ ! -f "$app" ] || [ "$jar" -nt "$app" ]; then
    rm -rf "$cds"
    mkdir -p "$cds"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$cds/app" > /dev/null
  fi

  if [ ! -f "$archive" ] || [ "$app" -nt "$archive" ]; then
    echo "scripts/start.sh: training run for the start-up archive (once per build and JDK; log $cds/training.log)" >&2
    scratch=$(mktemp -d)
    # The demo profile on a scratch database and free ports whatever this start is configured for: the archive
    # only has to know the classes, and production credentials or a shared database are none of its business.
    # The run goes as far as a real start goes before it serves (web servers, management port, job executor)
    # and answers one request each of the REST API, Tasklist and Cockpit, so that the classes of those
    # first requests are archived too; then it is stopped, and the JVM writes the archive as it exits.
    env -u SPRING_PROFILES_ACTIVE "$java" "${java_opts[@]}" "$write_archive=$archive.new" -jar "$app" \
      --server.port=0 --management.server.port=0 --server.address=127.0.0.1 \
      --spring.datasource.url="jdbc:h2:file:$scratch/training;DB_CLOSE_ON_EXIT=FALSE" \
      > "$cds/training.log" 2>&1 &
    training=$!
    deadline=$((SECONDS + 900))
    until grep -q 'Started PolicyflowApplication' "$cds/training.log" || ! kill -0 "$training" 2>/dev/null \
        || [ "$SECONDS" -ge "$deadline" ]; do
      sleep 0.5
    done
    port=$(grep -o 'Tomcat started on port [0-9]*' "$cds/training.log" | head -n 1 | grep -o '[0-9]*$' || true)
    if [ -n "$port" ]; then
      for path in /engine-rest/version "/engine-rest/task?maxResults=10" /camunda/app/tasklist/default/ \
          /camunda/app/cockpit/default/; do
        curl -s -o /dev/null -u demo:demo "http://127.0.0.1:$port$path" || true
      done
    fi
    kill "$training" 2>/dev/null || true
    wait "$training" || true
    if [ -s "$archive.new" ]; then
      mv "$archive.new" "$archive"
    else
      rm -f "$archive.new"
      echo "scripts/start.sh: training failed (see $cds/training.log); starting without the archive" >&2
    fi
    rm -rf "$scratch"
  fi
}

# Two starts at once (two nodes on one host) must not unpack or train over each other; the lock is
# released before the application starts.
mkdir -p "$(dirname "$cds")"
(
  flock 9
  prepare
) 9> "$cds.lock"

if [ "${1:-}" = "--prepare" ]; then
  [ -f "$archive" ]
  exit
fi
if [ -f "$archive" ]; then
  java_opts+=("$use_archive=$archive")
fi
exec "$java" "${java_opts[@]}" -jar "$app" "$@"
