# Sourced by scripts/cluster-test.sh and scripts/backup-restore-pg-test.sh: a private PostgreSQL server for
# one test run, in a directory of the caller, on a free 127.0.0.1 port, with role "policyflow" and a random
# password. The caller defines log() and stops the server with pg_throwaway_stop in its exit trap.
#
#   pg_throwaway_init            finds the server binaries (installs Debian's postgresql package if missing)
#   pg_throwaway_start DIR       initdb in DIR/pgdata, start; sets PG_PORT, PG_SOCK, DB_PASSWORD
#                                (PG_THROWAWAY_CONF, if set: more postgresql.conf lines, e.g. shared_buffers)
#   pg_throwaway_psql SQL...     runs statements as superuser (over the private unix socket)
#   pg_throwaway_stop            immediate stop, if started

pg_throwaway_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
  done | sort -V | tail -n 1
}

pg_throwaway_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

pg_throwaway_init() {
  PG_BIN=$(pg_throwaway_bindir)
  if [ -z "$PG_BIN" ]; then
    log "PostgreSQL server not found: installing Debian's postgresql package"
    pg_throwaway_as_root apt-get update -q
    pg_throwaway_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    PG_BIN=$(pg_throwaway_bindir)
    [ -n "$PG_BIN" ] || { log "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"; return 1; }
  fi
  log "PostgreSQL binaries: $PG_BIN"
  # initdb and postgres refuse to run as root: as root, the server runs as the postgres user the Debian
  # package creates; otherwise as the current user.
  if [ "$(id -u)" = 0 ]; then
    id postgres > /dev/null 2>&1 || { log "user postgres missing (the postgresql package creates it)"; return 1; }
    PG_USER=postgres
  else
    PG_USER=$(id -un)
  fi
  PG_STARTED=
}

# Runs a command as the server's OS user (client tools too: the unix socket trusts that user).
as_pg() {
  if [ "$PG_USER" = postgres ] && [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_throwaway_port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

pg_throwaway_start() {
  local run_dir=$1 candidate
  PG_DATA="$run_dir/pgdata"
  PG_SOCK="$run_dir/pgsock"
  PG_LOG="$run_dir/postgresql.log"
  PG_PORT=
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 20000))
    if ! pg_throwaway_port_in_use "$candidate"; then PG_PORT=$candidate; break; fi
  done
  [ -n "$PG_PORT" ] || { log "no free port found"; return 1; }

  mkdir -p "$PG_DATA" "$PG_SOCK"
  chmod 700 "$run_dir" "$PG_DATA" "$PG_SOCK"
  if [ "$PG_USER" = postgres ]; then chown -R postgres: "$run_dir"; fi
  DB_PASSWORD="pf-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"

  log "initdb in $PG_DATA, port $PG_PORT on 127.0.0.1 only"
  # Local (unix socket, in the private run directory) connections trust the OS user; TCP needs a password.
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 > "$run_dir/initdb.log" 2>&1 || { cat "$run_dir/initdb.log"; return 1; }
  cat >> "$PG_DATA/postgresql.conf" << CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 100
fsync = off
# A backend notices within a second that its node was killed, even while it waits for a lock.
client_connection_check_interval = 1000
${PG_THROWAWAY_CONF:-}
CONF
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start > /dev/null
  PG_STARTED=1
  pg_throwaway_psql "CREATE ROLE policyflow LOGIN PASSWORD '$DB_PASSWORD'"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready"
}

pg_throwaway_psql() {
  local args=() statement
  for statement in "$@"; do args+=(-c "$statement"); done
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres "${args[@]}"
}

pg_throwaway_stop() {
  if [ -n "${PG_STARTED:-}" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop > /dev/null 2>&1 || true
    PG_STARTED=
  fi
}
