#!/usr/bin/env bash
# The whole benchmark in one command: builds the bench, runs the synthetic-blemish quality run (six photos,
# every method, contact sheet), the per-spot check on held-out seeds (the pipeline alone, eight seeds), the oracle division on the same
# spots (the most a heal that takes a spot's strength from the photo can remove), the speed run
# (three sizes, each method in its own process) and writes bench/results/REPORT.md from those runs only. About 4-7
# minutes on 2 cores, plus the build.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
command -v gmic >/dev/null || { echo "G'MIC is needed (Debian: apt-get install gmic)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for peak memory (Debian: apt-get install time)" >&2; exit 1; }
# restore the whole solution first: the asset step builds tools/FaceMeshConverter, which a lone project build does not restore
dotnet restore RetouchPlugins.sln -v quiet
dotnet build bench/Plugins.Benchmarks -c Release -v quiet -nologo --no-restore
bench=bench/Plugins.Benchmarks/bin/Release/net10.0/Plugins.Benchmarks
mkdir -p "$results"
rm -f "$results/quality.json" "$results/speed.json" "$results/seeds.md" "$results/oracle.md"
start=$(date +%s)
"$bench" quality --out "$results"
"$bench" seeds --out "$results"
"$bench" oracle --out "$results"
"$bench" speed --out "$results"
# Whole commands time the build studios get: ready-to-run start-up assemblies, as the installer's publish.
rm -rf artifacts/bench-retouch  # a publish copies only over older files: no file of an earlier one may stay
bash scripts/publish-linux.sh artifacts/bench-retouch
"$bench" end-to-end --retouch artifacts/bench-retouch/retouch --out "$results"
"$bench" report --out "$results"
echo "benchmark done in $(( $(date +%s) - start )) s: $results/REPORT.md"
