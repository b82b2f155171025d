#!/usr/bin/env bash
# Publishes the standalone `retouch` for Windows x64, self-contained, into OUTDIR: what the installer ships. The
# start-up assemblies are ready-to-run; Plugins.Shared and Plugins.Shaders, the pixel code, stay with the JIT
# (RetouchReadyToRun in src/Plugins.Standalone/Plugins.Standalone.csproj says why).
# Works on Linux (no Windows needed). Intermediate files go to artifacts/publish-build/win-x64, apart from the
# normal build's obj/ folders, so publishing does not make the next `dotnet build` or test run rebuild everything.
# Usage: scripts/publish-windows.sh OUTDIR
set -euo pipefail
out=${1:?usage: scripts/publish-windows.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."
dotnet publish src/Plugins.Standalone -c Release -r win-x64 --self-contained \
  --artifacts-path artifacts/publish-build/win-x64 -o "$out" -nologo -v:q -p:GenerateDocumentationFile=false \
  -p:RetouchReadyToRun=true
