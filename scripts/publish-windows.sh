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
# One publish at a time into the shared intermediate folder: the test run publishes from two places at once (the
# Windows publish tests and the installer's build-msi.sh), and two compiles of the same project there collide.
# flock -o: the compiler and MSBuild servers the publish starts (they outlive it) must not inherit the lock.
mkdir -p artifacts/publish-build
flock -o artifacts/publish-build/win-x64.lock dotnet publish src/Plugins.Standalone -c Release -r win-x64 --self-contained \
  --artifacts-path artifacts/publish-build/win-x64 -o "$out" -nologo -v:q -p:GenerateDocumentationFile=false \
  -p:RetouchReadyToRun=true
