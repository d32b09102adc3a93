#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a local port, trusting local connections, with
# durability turned off (nothing in it outlives the run). Used by .ci/run and by the unit tests'
# set-up (tests/postgres-setup.ts) when no TEST_DATABASE_URL is given.
#   scripts/throwaway-postgres.sh bindir           prints the folder with initdb and pg_ctl, or fails
#   scripts/throwaway-postgres.sh start DIR PORT   creates and starts a cluster in DIR (made if missing; as
#                                                   root its parent must be open to other users, like /tmp),
#                                                   prints its URL: postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/throwaway-postgres.sh stop DIR         stops it and removes DIR
# PostgreSQL refuses to run as root, so as root it runs as the postgres user (which the Debian
# package creates).
set -euo pipefail

bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  bindir)
    bindir
    ;;
  start)
    dir=$2 port=$3
    bin=$(bindir) || { echo "No PostgreSQL binaries (initdb, pg_ctl) found" >&2; exit 3; }
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=$2
    if bin=$(bindir) && [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "Usage: $0 bindir | start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
