#!/usr/bin/env bash
# Lays out the Paint.NET plugin folder, ready to copy into Paint.NET's Effects folder:
#
#   bash scripts/package-paintdotnet.sh OUTDIR [--pdn-root DIR]
#
#   OUTDIR           where to write; the result is OUTDIR/Effects/RetouchPlugins/ (replaced if it exists, atomically)
#   --pdn-root DIR   compile against the Paint.NET 5.1 install in DIR (Windows: the classic install or an unpacked
#                    portable zip; it must hold PaintDotNet.Effects.Core.dll). Without it the plugin is compiled against
#                    src/PaintDotNet.Reference, Paint.NET 5.1.9's published API (see BUILD.txt in the output).
#
# Exit status 0 and the last line "Paint.NET plugin folder: PATH" on success; 1 with "error: ..." on standard error.
# Needs the .NET 10 SDK and Node.js (the first build fetches the pinned assets); runs on Linux and Windows (Git Bash).
#
# The folder is what Paint.NET 5.1's loader takes for a plugin with dependencies: its own subfolder of Effects holding
# the plugin DLL and its .deps.json under the folder's name (RetouchPlugins.dll, RetouchPlugins.deps.json), the
# libraries, the Windows x64 natives (onnxruntime.dll built with DirectML, DirectML.dll, libvips-42.dll) and models/.
# Everything is built for net9.0, the runtime Paint.NET 5.1 runs on, framework-dependent, win-x64. Paint.NET's own
# assemblies are never part of it (checked below).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash scripts/package-paintdotnet.sh OUTDIR [--pdn-root DIR]" >&2; exit 1; }
out=""; pdn_root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pdn-root) [ $# -ge 2 ] || usage; pdn_root=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "error: unknown option $1" >&2; usage ;;
    *) [ -z "$out" ] || usage; out=$1; shift ;;
  esac
done
[ -n "$out" ] || usage
if [ -n "$pdn_root" ] && [ ! -f "$pdn_root/PaintDotNet.Effects.Core.dll" ]; then
  echo "error: $pdn_root: no PaintDotNet.Effects.Core.dll there; give the folder of a Paint.NET 5.1 install or unpacked portable zip" >&2
  exit 1
fi

effects="$out/Effects"
folder="$effects/RetouchPlugins"
staging="$effects/.RetouchPlugins.$$"
mkdir -p "$effects"
trap 'rm -rf "$staging"' EXIT

# AssetsRid: the natives staged for Windows x64 (build/Assets.targets); the libraries themselves are built RID-agnostic.
args=(-c Release -r win-x64 --self-contained false -p:LibraryTargetFramework=net9.0 -p:AssetsRid=win-x64 -nodeReuse:false -v quiet -nologo)
if [ -n "$pdn_root" ]; then
  args+=("-p:PdnRoot=$pdn_root")
  built_against="Paint.NET's own assemblies in $pdn_root (net9.0-windows)"
else
  built_against="src/PaintDotNet.Reference, the reference surface of Paint.NET 5.1.9's published API (net9.0). Its member references are checked against that API (tests/Plugins.Tests/PaintDotNet/MemberReferenceTests.cs); loading and running inside a real Paint.NET is not verified by this build."
fi
if ! dotnet publish src/Plugins.PaintDotNet "${args[@]}" -o "$staging"; then
  echo "error: src/Plugins.PaintDotNet: dotnet publish failed (output above)" >&2
  exit 1
fi

# Paint.NET's assemblies come from Paint.NET: a copy in the folder would shadow them (or be the reference surface).
shipped_pdn=$(cd "$staging" && ls PaintDotNet.*.dll 2>/dev/null || true)
[ -z "$shipped_pdn" ] || { echo "error: Paint.NET's own assemblies ended up in the package: $shipped_pdn" >&2; exit 1; }
for need in RetouchPlugins.dll RetouchPlugins.deps.json Plugins.Shared.dll Plugins.Shaders.dll \
            onnxruntime.dll DirectML.dll libvips-42.dll models/assets.json; do
  [ -f "$staging/$need" ] || { echo "error: $need is missing from the package ($staging)" >&2; exit 1; }
done
# Build leftovers Paint.NET does not need.
rm -f "$staging"/*.pdb

version=$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
cat > "$staging/BUILD.txt" <<EOF
RetouchPlugins $version (commit $commit), Paint.NET effects under Effects > Portrait.
Built for win-x64, net9.0 (Paint.NET 5.1's runtime), framework-dependent, against $built_against
Install: close Paint.NET, copy this whole folder into Paint.NET's Effects folder (docs/paintdotnet.md), start Paint.NET.
EOF

rm -rf "$folder"
mv "$staging" "$folder"
trap - EXIT
echo "Paint.NET plugin folder: $folder"
