#!/usr/bin/env bash
# Builds the Paint.NET plugin folder: <out>/Effects/RetouchPlugins.PaintDotNet/ holding the plugin DLL,
# its managed dependencies, the Windows native libraries (onnxruntime.dll, DirectML.dll, libvips-42.dll)
# and models/. Copy that Effects folder's content into Paint.NET's Effects folder (docs/paintdotnet.md).
#
#   scripts/package-paintdotnet.sh --pdn-root "C:/Program Files/paint.net" [--out DIR]
#       the real plugin, compiled against the Paint.NET assemblies in that folder (Windows)
#   scripts/package-paintdotnet.sh --stand-in [--out DIR]
#       the same layout compiled against the compile-time stand-in (Linux, CI): for checking the
#       layout only; Paint.NET cannot load that DLL, and the folder says so in NOT-FOR-PAINT.NET.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

pdn_root=""; stand_in=0; out=artifacts/paintdotnet
while [ $# -gt 0 ]; do
  case "$1" in
    --pdn-root) pdn_root="$2"; shift 2 ;;
    --stand-in) stand_in=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown argument '$1' (expected --pdn-root DIR, --stand-in, --out DIR)" >&2; exit 2 ;;
  esac
done
if [ -z "$pdn_root" ] && [ "$stand_in" = 0 ]; then
  echo "give --pdn-root <Paint.NET 5 folder> for a real plugin, or --stand-in to check the layout" >&2; exit 2
fi

name=RetouchPlugins.PaintDotNet
publish="$out/publish"
plugin="$out/Effects/$name"
rm -rf "$publish" "$plugin"
mkdir -p "$plugin"

# AssetsRid (build/Assets.targets) picks the staged native libraries; as a global property it reaches
# Plugins.Shared too, which the RuntimeIdentifier does not (the SDK drops it for project references).
args=(publish src/Plugins.PaintDotNet/Plugins.PaintDotNet.csproj -c Release -r win-x64 --self-contained false
      -p:AssetsRid=win-x64 -o "$publish")
[ -n "$pdn_root" ] && args+=("-p:PdnRoot=$pdn_root")
dotnet "${args[@]}"

# Managed code, minus Paint.NET's own assemblies (real ones are never copied; the stand-in must never ship).
for f in "$publish"/*.dll "$publish"/*.pdb "$publish/$name.deps.json"; do
  base=$(basename "$f")
  case "$base" in PaintDotNet.*) continue ;; esac
  cp "$f" "$plugin/"
done
cp -r "$publish/models" "$plugin/models"

for native in onnxruntime.dll DirectML.dll libvips-42.dll; do
  [ -f "$plugin/$native" ] || { echo "missing native library $native in $publish (expected from artifacts/assets/native/win-x64)" >&2; exit 1; }
done
for model in retinaface_mnet025_v2.onnx u2netp.onnx face_landmark.tflite assets.json; do
  [ -f "$plugin/models/$model" ] || { echo "missing models/$model in $publish" >&2; exit 1; }
done
if [ "$stand_in" = 1 ]; then
  printf '%s\n' "Built against the compile-time stand-in of the Paint.NET API (src/Plugins.PaintDotNet.StandIn)," \
    "not against Paint.NET. Paint.NET cannot load this $name.dll. Rebuild with --pdn-root on Windows." \
    > "$plugin/NOT-FOR-PAINT.NET.txt"
fi
rm -rf "$publish"
echo "plugin folder: $plugin"
(cd "$out/Effects" && find "$name" -type f | sort)
