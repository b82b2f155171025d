#!/usr/bin/env bash
# Publishes the standalone `retouch` for Linux x64 into OUTDIR the way the installer publishes it for Windows
# (scripts/publish-windows.sh): the start-up assemblies ready-to-run, the pixel code (Plugins.Shared, Plugins.Shaders)
# left to the JIT; framework-dependent (the .NET 10 runtime installed). The benchmark's whole-command timings
# (`end-to-end`, bench/run.sh) run this build, the closest thing to what studios install that runs here.
# Intermediate files go to artifacts/publish-build/linux-x64, apart from the normal build's obj/ folders.
# Usage: scripts/publish-linux.sh OUTDIR
set -euo pipefail
out=${1:?usage: scripts/publish-linux.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."
# One publish at a time into the shared intermediate folder: the test run publishes from two places at once (the
# Windows publish tests and the installer's build-msi.sh), and two compiles of the same project there collide.
# flock -o: the compiler and MSBuild servers the publish starts (they outlive it) must not inherit the lock.
mkdir -p artifacts/publish-build
flock -o artifacts/publish-build/linux-x64.lock dotnet publish src/Plugins.Standalone -c Release -r linux-x64 --self-contained false \
  --artifacts-path artifacts/publish-build/linux-x64 -o "$out" -nologo -v:q -p:GenerateDocumentationFile=false \
  -p:RetouchReadyToRun=true
