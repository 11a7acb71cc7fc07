#!/usr/bin/env bash
# Stops the throwaway cluster started by start.sh and deletes its directory. Safe to run twice.
set -euo pipefail

BIN=${RECOSTREAMS_PG_BIN:-/usr/lib/postgresql/15/bin}
STATE=${RECOSTREAMS_PG_STATE:-/tmp/recostreams-postgres.state}

if [ ! -e "$STATE" ]; then
  echo "no throwaway cluster recorded in $STATE; nothing to stop" >&2
  exit 0
fi
# shellcheck disable=SC1090
. "$STATE"

# Guard against a corrupted state file pointing rm at something that is not ours.
case "$DIR" in
  /tmp/recostreams-pg.*) ;;
  *) echo "refusing to remove unexpected directory '$DIR' from $STATE" >&2; exit 1 ;;
esac

if [ -f "$DIR/data/postmaster.pid" ]; then
  runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
fi
rm -rf -- "$DIR"
rm -f -- "$STATE"
echo "stopped and removed the throwaway cluster on port $PORT" >&2
