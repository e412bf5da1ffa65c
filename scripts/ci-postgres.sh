#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the store tests and export WIREWATCH_TEST_POSTGRES.
#
#   source scripts/ci-postgres.sh    # exports WIREWATCH_TEST_POSTGRES and defines wirewatch_stop_postgres
#   scripts/ci-postgres.sh           # prints the export line (the server keeps running)
#
# Installs Debian's postgresql with apt-get only when no server binaries exist. initdb refuses to run as
# root, so as root the cluster belongs to the postgres user.
_wirewatch_pg_main() {
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "ci-postgres: no PostgreSQL server found, installing Debian's postgresql" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    local run=()
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres || return 1
        run=(runuser -u postgres --)
    fi
    local datadir port
    datadir=$(mktemp -d /tmp/wirewatch-pg.XXXXXX) || return 1
    [ "$(id -u)" = 0 ] && chown postgres "$datadir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${run[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null || return 1
    "${run[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c fsync=off" start >/dev/null || {
        cat "$datadir/server.log" >&2; return 1; }
    "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres wirewatch_test || return 1
    export WIREWATCH_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/wirewatch_test"
    export WIREWATCH_PG_DATADIR="$datadir/data" WIREWATCH_PG_BINDIR="$bindir"
    echo "export WIREWATCH_TEST_POSTGRES=$WIREWATCH_TEST_POSTGRES"
}

# Stop the server started above and remove its files.
wirewatch_stop_postgres() {
    [ -n "${WIREWATCH_PG_DATADIR:-}" ] || return 0
    local run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$WIREWATCH_PG_BINDIR/pg_ctl" -D "$WIREWATCH_PG_DATADIR" -m fast stop >/dev/null 2>&1
    rm -rf "$(dirname "$WIREWATCH_PG_DATADIR")"
}

_wirewatch_pg_main || { echo "ci-postgres: could not start PostgreSQL" >&2; return 1 2>/dev/null || exit 1; }
