#!/usr/bin/env bash
# A real PostgreSQL on 127.0.0.1 for the team statistics store's tests.
#   scripts/postgres-test-server.sh start   install (Debian's postgresql) if needed, create a
#                                           cluster, serve, print `export FIXIT_POSTGRES_*=...`
#   scripts/postgres-test-server.sh stop    stop the server started by `start` (the cluster stays:
#                                           the next `start` serves it again in a second)
#   scripts/postgres-test-server.sh purge   stop and remove the cluster
# Needs root and apt (Debian bookworm) to install; initdb and the server run as the `postgres`
# user. A few seconds once installed. Loopback only, without TLS: the test URL says
# sslmode=disable explicitly (fixit verifies certificates unless the URL says otherwise).
set -euo pipefail

PORT="${FIXIT_POSTGRES_PORT:-55432}"
STATE="${FIXIT_POSTGRES_STATE:-/tmp/fixit-postgres}"
DATA="$STATE/data"
LOG="$STATE.log"
ENVFILE="$STATE.env"
RUNAS=postgres
WAIT=30
export DEBIAN_FRONTEND=noninteractive

say() { echo "postgres-test-server: $*" >&2; }

bindir() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$found" ]] && echo "$found"
}

as_owner() {
    if [[ "$(id -u)" = 0 ]]; then
        runuser -u "$RUNAS" -- "$@"
    else
        "$@"
    fi
}

install() {
    if [[ -n "$(bindir)" ]] && command -v psql >/dev/null; then
        return
    fi
    say "installing postgresql (apt)"
    apt-get update -q >&2
    # the server and client packages only (no metapackage, no extras); our cluster is our own
    apt-get install -y -q --no-install-recommends postgresql-15 postgresql-client-15 >&2
}

running() {
    [[ -s "$DATA/postmaster.pid" ]] && as_owner "$(bindir)/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

create() {
    local bin password
    bin="$(bindir)"
    [[ -s "$DATA/PG_VERSION" ]] && return
    say "creating a cluster in $DATA"
    rm -rf "$STATE"
    mkdir -p "$STATE"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    (umask 077 && echo "$password" >"$STATE.password")
    if [[ "$(id -u)" = 0 ]]; then
        chown "$RUNAS" "$STATE" "$STATE.password"
    fi
    # trust on the local socket (to create the role), passwords over TCP (what fixit uses)
    as_owner "$bin/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync >&2
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PORT"
        echo "unix_socket_directories = '$STATE'"
        echo "fsync = off" # a throwaway test cluster: speed over durability
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
    } >>"$DATA/postgresql.conf"
}

serve() {
    local bin
    bin="$(bindir)"
    say "serving on 127.0.0.1:$PORT (log $LOG)"
    touch "$LOG"
    if [[ "$(id -u)" = 0 ]]; then
        chown "$RUNAS" "$LOG"
    fi
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t "$WAIT" start >&2 || {
        say "the server did not start; the end of $LOG:"
        tail -n 30 "$LOG" >&2
        exit 1
    }
}

roles() {
    local bin password
    bin="$(bindir)"
    password="$(cat "$STATE.password")"
    as_owner "$bin/psql" -q -h "$STATE" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -v pw="$password" >&2 <<'SQL'
SELECT 'CREATE ROLE fixit LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fixit')
\gexec
ALTER ROLE fixit PASSWORD :'pw';
SELECT 'CREATE DATABASE fixit_test OWNER fixit'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'fixit_test')
\gexec
SQL
}

write_env() {
    {
        echo "export FIXIT_POSTGRES_URL='postgresql://fixit@127.0.0.1:$PORT/fixit_test?sslmode=disable'"
        echo "export FIXIT_POSTGRES_PASSWORD='$(cat "$STATE.password")'"
        echo "export FIXIT_POSTGRES_SCRIPT='$(cd "$(dirname "$0")" && pwd)/$(basename "$0")'"
    } >"$ENVFILE.tmp"
    chmod 600 "$ENVFILE.tmp"
    mv "$ENVFILE.tmp" "$ENVFILE"
}

start() {
    if running; then
        say "already running"
    else
        install
        create
        serve
    fi
    roles
    write_env
    cat "$ENVFILE"
}

stop() {
    local bin
    bin="$(bindir || true)"
    if [[ -n "$bin" ]] && running; then
        as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >&2
        say "stopped"
    else
        say "not running"
    fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
purge)
    stop
    rm -rf "$STATE" "$STATE.password" "$ENVFILE" "$LOG"
    ;;
*)
    echo "usage: $0 start|stop|purge" >&2
    exit 2
    ;;
esac
