#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Installs PostgreSQL (install-deps.sh),
# starts a throwaway PostgreSQL for the mirror's integration tests, and ends with the plain
# "N passed, N failed, N skipped" line taken from the TRX results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps.sh

if [[ -z "${RECOSTREAMS_TEST_POSTGRES:-}" && $(id -u) -eq 0 ]]; then
  pg_env="$(mktemp)"
  scripts/postgres/start.sh > "$pg_env"
  # shellcheck disable=SC1090
  export "$(grep '^RECOSTREAMS_TEST_POSTGRES=' "$pg_env")"
  trap 'scripts/postgres/stop.sh >/dev/null 2>&1 || true; rm -f "$pg_env"' EXIT
fi

results="$root/TestResults"
rm -rf "$results"
status=0
# --blame keeps a sequence file per test process, so a crash can name the tests that were running when it came.
dotnet test RecoStreams.sln -c Release --blame --logger "trx" --results-directory "$results" "$@" || status=$?

# Count per test result: the TRX <Counters> element leaves skipped tests out of every count.
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  outcomes=$(grep -o '<UnitTestResult [^>]*>' "$trx" | grep -o 'outcome="[A-Za-z]*"' || true)
  count() { echo "$outcomes" | grep -c "\"$1\"" || true; }
  passed=$((passed + $(count Passed)))
  failed=$((failed + $(count Failed) + $(count Error) + $(count Timeout) + $(count Aborted)))
  skipped=$((skipped + $(count NotExecuted)))
  # A test process that crashes (a native abort) leaves its remaining tests without any result: count the
  # crash as a failure and say which assembly it was, so the closing line never reads "0 failed" over it.
  if grep -q 'Test process crashed' "$trx"; then
    failed=$((failed + 1))
    assembly=$(grep -o 'storage="[^"]*"' "$trx" | head -1 | sed 's/storage="//; s/"$//')
    echo "crashed: ${assembly:-$trx}: $(grep -o 'Test process crashed[^<]*' "$trx" | head -1)" >&2
    status=1
  fi
done
# Blame's sequence files (one per crashed test process) name the tests that had started and not finished.
for sequence in "$results"/*/Sequence_*.xml; do
  grep -o '<Test Name="[^"]*"[^>]*Completed="False"' "$sequence" | sed 's/<Test Name="\([^"]*\)".*/running when a test process crashed: \1/' >&2 || true
done
if ((skipped > 0)); then
  scripts/trx-skips.sh "$results"/*.trx
fi
if ((passed + failed == 0)); then
  echo "no test results found in $results" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
