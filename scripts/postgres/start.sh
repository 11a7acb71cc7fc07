#!/usr/bin/env bash
# Starts a THROWAWAY PostgreSQL cluster for tests and benchmarks. It lives in its own temp directory,
# listens on 127.0.0.1 only, trusts local connections, and never touches the distribution's default
# cluster. Prints the connection string as RECOSTREAMS_TEST_POSTGRES=...; stop.sh removes the cluster.
#
# Usage: start.sh [--port N]        (default: $RECOSTREAMS_PG_PORT or 54329; the next free port is used
#                                    when that one is taken)
# State: the data directory and port are recorded in $RECOSTREAMS_PG_STATE (default
#        /tmp/recostreams-postgres.state) so stop.sh finds the cluster again.
set -euo pipefail

BIN=${RECOSTREAMS_PG_BIN:-/usr/lib/postgresql/15/bin}
STATE=${RECOSTREAMS_PG_STATE:-/tmp/recostreams-postgres.state}
PORT=${RECOSTREAMS_PG_PORT:-54329}
DATABASE=recommendation_db

while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "start.sh must run as root: the server runs as the 'postgres' user via runuser" >&2
  exit 1
fi
if [ -e "$STATE" ]; then
  echo "a throwaway cluster is already recorded in $STATE; run stop.sh first" >&2
  exit 1
fi
if [ ! -x "$BIN/initdb" ]; then
  echo "initdb not found in $BIN; installing postgresql with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 100); do
  port_in_use "$PORT" || break
  PORT=$((PORT + 1))
done
if port_in_use "$PORT"; then
  echo "no free port found near the requested one" >&2
  exit 1
fi

DIR=$(mktemp -d /tmp/recostreams-pg.XXXXXX)
chown postgres: "$DIR"
# Record the state before starting so stop.sh can clean up even if start fails half-way.
printf 'DIR=%q\nPORT=%q\n' "$DIR" "$PORT" > "$STATE"

runuser -u postgres -- "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >&2 \
  || { cat "$DIR/log" >&2; exit 1; }
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $DATABASE" >&2

echo "RECOSTREAMS_TEST_POSTGRES=Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DATABASE"
