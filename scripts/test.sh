#!/usr/bin/env bash
# The README's test command. Builds (which fetches and verifies the pinned assets on a fresh
# clone), runs every test, and ends with one line "N passed, N failed, N skipped" from the TRX.
set -uo pipefail
cd "$(dirname "$0")/.."
results=artifacts/test-results
rm -rf "$results"
dotnet test RetouchPlugins.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then
  echo "no test results were written (build failed?)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
skipped=$(( total - executed ))
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
exit $status
