#!/usr/bin/env bash
# Installs the native dependencies RecoStreams needs on Debian 12: librdkafka (Kafka client and its
# in-process mock cluster), librocksdb (state stores) and PostgreSQL (the mirror's integration tests).
# Idempotent: skips apt entirely when everything is already there.
set -euo pipefail

packages=(librdkafka1 librdkafka-dev librocksdb7.8 librocksdb-dev postgresql prometheus)
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
