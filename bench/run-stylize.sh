#!/usr/bin/env bash
# Exemplar stylize benchmark: speed per face at 0.25 / 1 / 4 MP beside a brute-force patch search, and a
# contact sheet of 3 styles x 4 faces. Writes bench/results/stylize.md and bench/results/stylize-contact-sheet.png.
# A few minutes on 2 cores plus the build. Needs G'MIC (the sheet's labels). Options pass through:
# --part speed (the speed tables only, no sheet), --sizes 0.25,1,4 (head regions in MP).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v gmic >/dev/null || { echo "G'MIC is needed (Debian: apt-get install gmic)" >&2; exit 1; }
dotnet build bench/Plugins.Benchmarks -c Release -v quiet -nologo
bench/Plugins.Benchmarks/bin/Release/net10.0/Plugins.Benchmarks stylize --out bench/results "$@"
