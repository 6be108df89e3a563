#!/usr/bin/env bash
# Start-up of policyflow against a bare Camunda 7.24 Spring Boot application (issue #21, docs/benchmark.md).
#
#   flock /tmp/policyflow-heavy.lock scripts/measure-startup.sh [--pairs N] [--plain] [--restart]
#       [--properties FILE] [JVM options]
#
# Builds the bare application (scripts/bare-camunda-app: webapp + REST starters, H2, no processes) and, if
# missing, the policyflow jar; prepares policyflow's class-data archive (scripts/start.sh --prepare, timed
# and reported, not counted in any start); then starts the two in alternating order (bare first in odd
# pairs, policyflow first in even ones), each on a fresh H2 file database in a temporary folder, on port
# 18080 (PORT) and policyflow's management port 18081. The bare app starts the default way (java -jar, no
# options); policyflow the documented way (scripts/start.sh), or with --plain as plain java -jar. Extra
# arguments are JVM options for policyflow only.
#
# Per start: rest = JVM start until the REST API answers (GET /engine-rest/version); ready = until the
# readiness probe (/actuator/health/readiness on the management port) answers UP, i.e. the database, the
# engine and the job executor are up and the application accepts traffic (the bare app has no actuator: its
# ready is its rest); spring = Spring's own "Started … in" figure; rss = resident memory once Tasklist,
# Cockpit and a task query have each answered. Summary: median and spread (lowest–highest) of each, the
# ratio policyflow ÷ bare per pair, and PASS/MISS of the goal (median ratio of "rest" ≤ 0.8). The
# 1-minute load average before each start is printed beside it. Every start is a first start on an empty
# database, unless --restart: then each measured start runs on the database that one unmeasured start
# of the same variant has just left (schema, models, users in place), as after an ordinary restart.
#
# Runtimes: policyflow runs on JAVA_HOME's java (as scripts/start.sh does; default the java on the PATH), the
# bare application on BARE_JAVA (default the java on the PATH: its default start). Both versions are printed.
# With JAVA_HOME on a Java 25 JDK, scripts/start.sh uses that JDK's AOT cache instead of a class-data archive.
set -euo pipefail
cd "$(dirname "$0")/.."

pairs=3 plain=false restart=false properties=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --plain) plain=true; shift ;;
    --restart) restart=true; shift ;;
    --properties) properties=$2; shift 2 ;;
    *) break ;;
  esac
done
[ "$pairs" -ge 1 ] || { echo "--pairs must be at least 1" >&2; exit 2; }
goal=0.8
port=${PORT:-18080}
policyflow_java=${JAVA_HOME:+$JAVA_HOME/bin/}java
bare_java=${BARE_JAVA:-java}
. scripts/lib/java-runtime.sh
java_runtime "$bare_java"
bare_java_version=$java_vm_version
java_runtime "$policyflow_java"   # last: java_has_aot_cache below asks about policyflow's JDK
policyflow_java_version=$java_vm_version
management_port=$((port + 1))

jar=$(ls target/policyflow-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -q package -DskipTests
  jar=$(ls target/policyflow-*.jar | grep -v original | head -n 1)
fi
mvn -B -q -f scripts/bare-camunda-app/pom.xml package > target/bare-camunda-app-build.log \
  || { cat target/bare-camunda-app-build.log; exit 1; }
bare_jar=$(ls scripts/bare-camunda-app/target/bare-camunda-app-*.jar | grep -v original | head -n 1)

if ! $plain; then
  rm -rf target/cds   # trained afresh in every measurement, so the figure includes what training costs
  training_start=$(date +%s.%N)
  JAVA_OPTS="$*" POLICYFLOW_JAR="$PWD/$jar" scripts/start.sh --prepare
  training_seconds=$(awk -v s="$training_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "archive training (extract + one start, once per build and JDK): ${training_seconds} s"
fi

workdir="" pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$workdir" ]; then rm -rf "$workdir"; fi
  pid="" workdir=""
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

# launch VARIANT DATABASE_URL [JVM options]: starts it in the background; sets pid.
launch() {
  local variant=$1 url=$2
  shift 2
  if [ "$variant" = bare ]; then
    "$bare_java" -jar "$bare_jar" --server.port="$port" --spring.datasource.url="$url" > "$workdir/app.log" 2>&1 &
  elif $plain; then
    "$policyflow_java" "$@" -jar "$jar" --server.port="$port" --management.server.port="$management_port" \
      --spring.datasource.url="$url" > "$workdir/app.log" 2>&1 &
  else
    JAVA_OPTS="$*" POLICYFLOW_JAR="$PWD/$jar" scripts/start.sh --server.port="$port" \
      --management.server.port="$management_port" --spring.datasource.url="$url" > "$workdir/app.log" 2>&1 &
  fi
  pid=$!
}

# run VARIANT: starts it, waits until it answers and is ready, prints "rest ready spring rss load".
run() {
  local variant=$1 load start rest_at="" ready_at="" url
  shift
  trap cleanup EXIT  # run is a subshell: the script's trap does not reach the application it started
  workdir=$(mktemp -d)
  load=$(cut -d' ' -f1 /proc/loadavg)
  url="jdbc:h2:file:$workdir/db;DB_CLOSE_ON_EXIT=FALSE"
  if $restart; then
    # The database of one earlier, unmeasured start of the same variant: schema, models and users exist.
    launch "$variant" "$url" "$@"
    until curl -sf -u demo:demo "http://localhost:$port/engine-rest/version" > /dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "$variant exited; log:" >&2; tail -50 "$workdir/app.log" >&2; exit 1; }
      sleep 0.2
    done
    kill "$pid"; wait "$pid" || true
  fi
  start=$(now)
  launch "$variant" "$url" "$@"
  until [ -n "$rest_at" ] && [ -n "$ready_at" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$variant exited; log:" >&2; tail -50 "$workdir/app.log" >&2; exit 1
    fi
    if [ -z "$rest_at" ] && curl -sf -u demo:demo "http://localhost:$port/engine-rest/version" > /dev/null; then
      rest_at=$(now)
    fi
    if [ -z "$ready_at" ]; then
      if [ "$variant" = bare ]; then
        ready_at=$rest_at
      elif curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" | grep -q '"UP"'; then
        ready_at=$(now)
      fi
    fi
    [ -n "$rest_at" ] && [ -n "$ready_at" ] || sleep 0.1
  done
  for path in /camunda/app/tasklist/default/ /camunda/app/cockpit/default/ "/engine-rest/task?maxResults=10"; do
    curl -sf -u demo:demo "http://localhost:$port$path" > /dev/null
  done
  sleep 2
  local rss_kib spring
  rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$workdir/app.log" | grep -o '[0-9.]* seconds' | grep -o '[0-9.]*' || echo 0)
  cleanup
  echo "$(elapsed "$start" "$rest_at") $(elapsed "$start" "$ready_at") $spring $((rss_kib / 1024)) $load"
}

# stats NUMBER…: prints "median lowest highest".
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}

declare -a b_rest b_ready b_spring b_rss b_load p_rest p_ready p_spring p_rss p_load ratio ratio_ready
printf '%-5s %-10s %8s %8s %8s %8s %6s\n' pair variant rest_s ready_s spring_s rss_mib load
for ((i = 1; i <= pairs; i++)); do
  if ((i % 2)); then order=(bare policyflow); else order=(policyflow bare); fi
  for variant in "${order[@]}"; do
    result=$(run "$variant" "$@")
    read -r rest ready spring rss load <<< "$result"
    printf '%-5s %-10s %8s %8s %8s %8s %6s\n' "$i" "$variant" "$rest" "$ready" "$spring" "$rss" "$load"
    if [ "$variant" = bare ]; then
      b_rest+=("$rest") b_ready+=("$ready") b_spring+=("$spring") b_rss+=("$rss") b_load+=("$load")
    else
      p_rest+=("$rest") p_ready+=("$ready") p_spring+=("$spring") p_rss+=("$rss") p_load+=("$load")
    fi
  done
  ratio+=("$(awk -v p="${p_rest[-1]}" -v b="${b_rest[-1]}" 'BEGIN { printf "%.3f", p / b }')")
  ratio_ready+=("$(awk -v p="${p_ready[-1]}" -v b="${b_ready[-1]}" 'BEGIN { printf "%.3f", p / b }')")
done

line() { # name unit values…
  local name=$1 unit=$2; shift 2
  read -r m lo hi < <(stats "$@")
  printf 'benchmark %s=%s %s (median of %d, spread %s–%s %s)' "$name" "$m" "$unit" $# "$lo" "$hi" "$unit"
}
if $plain; then
  mode="java -jar"
elif java_has_aot_cache; then
  mode="scripts/start.sh (AOT cache)"
else
  mode="scripts/start.sh (CDS)"
fi
database=$($restart && echo "restart on the database of an earlier start" || echo "first start, empty database")
echo
echo "$database; policyflow: $mode${*:+ $*} on Java $policyflow_java_version; bare: java -jar on Java $bare_java_version"
echo
line startup.bare.rest s "${b_rest[@]}"; echo " load ${b_load[*]}"
line startup.policyflow.rest s "${p_rest[@]}"; echo " load ${p_load[*]}"
line startup.policyflow.ready s "${p_ready[@]}"; echo " [readiness UP]"
line startup.bare.spring s "${b_spring[@]}"; echo
line startup.policyflow.spring s "${p_spring[@]}"; echo
line startup.bare.resident MiB "${b_rss[@]}"; echo
line startup.policyflow.resident MiB "${p_rss[@]}"; echo
read -r ratio_median _ _ < <(stats "${ratio[@]}")
verdict=$(awk -v r="$ratio_median" -v g="$goal" 'BEGIN { print (r <= g ? "PASS" : "MISS") }')
line startup.ratio × "${ratio[@]}"; echo " (goal ≤ $goal×) $verdict"
line startup.ratio.ready × "${ratio_ready[@]}"; echo " (policyflow ready ÷ bare REST answering)"

if [ -n "$properties" ]; then
  join() { local IFS=,; echo "$*"; }
  {
    echo "startup_seconds=$(join "${p_rest[@]}")"
    echo "ready_seconds=$(join "${p_ready[@]}")"
    echo "rss_mib=$(join "${p_rss[@]}")"
    echo "load_average=$(join "${p_load[@]}")"
    echo "bare_startup_seconds=$(join "${b_rest[@]}")"
    echo "bare_rss_mib=$(join "${b_rss[@]}")"
    echo "ratio=$(join "${ratio[@]}")"
    echo "ratio_verdict=$verdict"
    echo "policyflow_start=$mode"
    echo "policyflow_java=$policyflow_java_version"
    echo "bare_java=$bare_java_version"
    echo "database=$database"
    echo "cds_training_seconds=${training_seconds:-}"
  } > "$properties"
fi
