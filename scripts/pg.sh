#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, in .pgtest/ (gitignored).
#
#   scripts/pg.sh start    init (first time) and start on 127.0.0.1:$PGTEST_PORT; prints the URL
#   scripts/pg.sh stop     stop it (no-op when not running)
#   scripts/pg.sh status   exit 0 when running
#   scripts/pg.sh url      print the URL: postgres://postgres@127.0.0.1:54329/postgres
#   scripts/pg.sh destroy  stop and delete .pgtest/
#
# Installs Debian's `postgresql` package when no server binaries are found (needs root).
# Run as root, the server runs as the `postgres` system user (PostgreSQL refuses root);
# otherwise as the current user. Trust authentication, loopback only: never use this
# cluster for real data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The cluster runs as the `postgres` user, who must reach its folder: when a parent of the
# checkout is closed to others (a clone in a `mktemp -d` folder), use one under /tmp,
# named after the checkout so start, status and stop agree.
traversable() {
  local dir="$1"
  while [ "$dir" != / ] && [ -n "$dir" ]; do
    [ $(( 0$(stat -c %a "$dir") % 10 & 1 )) = 1 ] || return 1
    dir="$(dirname "$dir")"
  done
}
if [ -n "${PGTEST_DIR:-}" ]; then
  BASE="$PGTEST_DIR"
elif [ "$(id -u)" = 0 ] && ! traversable "$ROOT"; then
  BASE="/tmp/fulcrum-pgtest-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)"
else
  BASE="$ROOT/.pgtest"
fi
DATA="$BASE/data"
LOG="$BASE/server.log"
PORT="${PGTEST_PORT:-54329}"
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

log() { echo "pg.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

ensure_installed() {
  BIN="$(find_bindir)"
  [ -n "$BIN" ] && return
  [ "$(id -u)" = 0 ] || die "PostgreSQL server binaries not found; install them (Debian: sudo apt-get install -y postgresql)"
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL"
  log "installing PostgreSQL (apt-get install -y postgresql)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bindir)"
  [ -n "$BIN" ] || die "apt-get installed postgresql but no initdb/pg_ctl was found"
}

# Runs a server binary as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return
  mkdir -p "$BASE"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user to run the server as"
    chown postgres: "$BASE"
    runuser -u postgres -- test -w "$BASE" ||
      die "the postgres user cannot write $BASE (a parent directory is not traversable?); set PGTEST_DIR"
  fi
  log "creating a test cluster in $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$BASE/initdb.log" 2>&1 || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
  # Throwaway data: durability off, speed on. Loopback only; socket inside the data dir.
  as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# scripts/pg.sh (test cluster)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

start() {
  ensure_installed
  mkdir -p "$BASE"
  # Two test runs starting at once must not both initdb.
  exec 9>"$BASE/start.lock"
  flock 9
  if is_running; then
    log "already running on port $PORT (reusing it)"
  else
    init_cluster 9>&-
    # 9>&- : the server must not inherit (and hold forever) the start lock.
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 9>&- ||
      { tail -n 20 "$LOG" >&2 || true; die "the server did not start (is port $PORT taken?)"; }
    log "started on port $PORT"
  fi
  echo "$URL"
}

stop() {
  BIN="$(find_bindir)"
  [ -n "$BIN" ] || return 0
  if is_running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) BIN="$(find_bindir)"; [ -n "$BIN" ] && is_running ;;
  url) echo "$URL" ;;
  destroy) stop; rm -rf "$BASE" ;;
  *) echo "usage: scripts/pg.sh start|stop|status|url|destroy" >&2; exit 2 ;;
esac
