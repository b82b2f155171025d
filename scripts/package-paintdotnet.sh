#!/usr/bin/env bash
# Lays out the Paint.NET plugin the way Paint.NET 5.1 loads it: Effects/RetouchPlugins/ holding
# RetouchPlugins.PaintDotNet.dll, its .deps.json, the shared libraries, the Windows natives (ONNX Runtime with
# DirectML, DirectML.dll, libvips) and models/ with assets.json. Built for net9.0 (Paint.NET 5.1's runtime).
#   bash scripts/package-paintdotnet.sh [OUT]              against the reference surface (src/PaintDotNet.Reference)
#   PDN_ROOT="C:\Program Files\paint.net" bash ...         against a real Paint.NET install (Windows)
# The reference assemblies (PaintDotNet.*.dll) are never shipped: the script refuses to finish if one is in the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/paintdotnet}
folder="$out/Effects/RetouchPlugins"
args=(-c Release -r win-x64 --self-contained false -p:PdnPackage=true)
[ -n "${PDN_ROOT:-}" ] && args+=("-p:PdnRoot=$PDN_ROOT")
rm -rf "$folder.tmp"
dotnet publish src/Plugins.PaintDotNet "${args[@]}" -o "$folder.tmp" -v quiet -nologo
if compgen -G "$folder.tmp/PaintDotNet.*.dll" >/dev/null; then
  echo "error: Paint.NET's own assemblies ended up in the package: $(ls "$folder.tmp"/PaintDotNet.*.dll)" >&2
  exit 1
fi
for need in RetouchPlugins.PaintDotNet.dll RetouchPlugins.PaintDotNet.deps.json onnxruntime.dll DirectML.dll libvips-42.dll models/assets.json; do
  [ -e "$folder.tmp/$need" ] || { echo "error: $need is missing from the package" >&2; exit 1; }
done
rm -rf "$folder" && mv "$folder.tmp" "$folder"
echo "Paint.NET plugin folder: $folder ($(du -sh "$folder" | cut -f1)); copy it into Paint.NET's Effects folder (docs/paintdotnet.md)"
