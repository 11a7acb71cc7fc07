#!/usr/bin/env bash
# Runs RecoStreams on the embedded default: librdkafka's in-process mock cluster, RocksDB state
# under ./data, the query API on 127.0.0.1. Extra arguments go to the `run` verb
# (e.g. --bootstrap-servers host:9092 for a real cluster, --urls http://127.0.0.1:9090).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
exec dotnet run -c Release --project src/QueryApi -- run --data-dir "$root/data" "$@"
