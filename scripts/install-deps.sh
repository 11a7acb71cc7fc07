#!/usr/bin/env bash
# Installs what the TESTS need beyond the .NET SDK on Debian 12: PostgreSQL for the mirror's
# integration tests. Running the service needs nothing from apt: librdkafka and librocksdb come with
# the Confluent.Kafka/librdkafka.redist and RocksDB NuGet packages. Idempotent: skips apt entirely
# when everything is already there.
set -euo pipefail

packages=(postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
