#!/usr/bin/env bash
# Runs RecoStreams on the embedded default: librdkafka's in-process mock cluster, RocksDB state
# under ./data, the query API on 127.0.0.1. Extra arguments go to the `run` verb
# (e.g. --bootstrap-servers host:9092 for a real cluster, --port 8080).
# Needs only the .NET SDK: librdkafka and librocksdb come with their NuGet packages, so no apt
# package and no root. Builds, then execs the built service so signals (Ctrl-C, kill) reach it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

echo "building RecoStreams (Release; the first build restores packages and takes a minute or two)..." >&2
dotnet build src/QueryApi -c Release --nologo -v q -clp:ErrorsOnly
bin="$root/src/QueryApi/bin/Release/net10.0"
echo "starting $bin/RecoStreams.QueryApi" >&2
if [[ -x "$bin/RecoStreams.QueryApi" ]]; then
  exec "$bin/RecoStreams.QueryApi" run --data-dir "$root/data" "$@"
fi
exec dotnet "$bin/RecoStreams.QueryApi.dll" run --data-dir "$root/data" "$@"
