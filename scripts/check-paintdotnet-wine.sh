#!/usr/bin/env bash
# A Windows check of the packaged Paint.NET plugin without Paint.NET: packages the plugin (scripts/package-paintdotnet.sh),
# then tests/PaintDotNet.LoadCheck, a self-contained win-x64 program run under Wine, loads Effects/RetouchPlugins/ the
# way Paint.NET documents it (an isolated load context resolving through RetouchPlugins.deps.json, Paint.NET's assemblies
# shared from the host: here the reference surface plays them), builds every menu effect with its icon, reads the
# support information, and renders effects on a crop of sample1.jpg with the Windows natives in the folder (ONNX Runtime
# with DirectML on the CPU: Wine has no D3D12). The same program on Linux, with the Linux natives in a copy of the
# folder, renders the same effects; the outputs must be identical byte for byte.
#
#   bash scripts/check-paintdotnet-wine.sh [WORKDIR]     default WORKDIR: artifacts/paintdotnet-check
#
# Needs Debian's wine (8.0: /usr/lib/wine/wine64) and ImageMagick. Not part of the test suite (CI has no Wine).
# Wine workarounds, not product settings: the prefix reports Windows 10 (.NET 10 needs it) and the runtime's W^X
# double mapping is off (DOTNET_EnableWriteXorExecute=0; with it .NET 10 stops with an internal CLR error under Wine 8).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mkdir -p "${1:-artifacts/paintdotnet-check}" && cd "${1:-artifacts/paintdotnet-check}" && pwd)
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || { echo "error: $wine: Wine is not installed (apt-get install wine)" >&2; exit 1; }
effects=("Portrait Retouch" "Skin Retouch" "Whitening")

bash scripts/package-paintdotnet.sh "$work/windows" | tail -n 1
dotnet publish tests/PaintDotNet.LoadCheck -c Release -r win-x64 --self-contained -o "$work/host-win" -nodeReuse:false -v quiet -nologo
dotnet publish tests/PaintDotNet.LoadCheck -c Release -o "$work/host-linux" -nodeReuse:false -v quiet -nologo

# The same folder with the Linux natives instead of the Windows ones.
rm -rf "$work/linux" && mkdir -p "$work/linux"
cp -r "$work/windows/Effects/RetouchPlugins" "$work/linux/"
rm "$work/linux/RetouchPlugins/"{onnxruntime,DirectML,libvips-42}.dll
cp artifacts/assets/native/linux-x64/* "$work/linux/RetouchPlugins/"

convert artifacts/assets/photos/sample1.jpg -crop 500x500+300+250 +repage -depth 8 "bgra:$work/face.bgra"
export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all
if [ ! -d "$WINEPREFIX" ]; then
  timeout 300 "$wine" reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1
fi

status=0
for effect in "${effects[@]}"; do
  slug=$(echo "$effect" | tr 'A-Z ' 'a-z-')
  echo "== $effect: Windows (Wine)"
  DOTNET_EnableWriteXorExecute=0 timeout 900 "$wine" "$work/host-win/PaintDotNet.LoadCheck.exe" \
    "$work/windows/Effects/RetouchPlugins" "$work/face.bgra" 500 500 "$work/$slug-windows.bgra" "$effect" || status=1
  echo "== $effect: Linux"
  dotnet "$work/host-linux/PaintDotNet.LoadCheck.dll" "$work/linux/RetouchPlugins" "$work/face.bgra" 500 500 "$work/$slug-linux.bgra" "$effect" \
    | grep -av '^menu: ' || status=1
  if cmp -s "$work/$slug-windows.bgra" "$work/$slug-linux.bgra"; then echo "== $effect: Windows and Linux outputs are identical"
  else echo "error: $effect: the Windows and Linux outputs differ ($work/$slug-*.bgra)" >&2; status=1; fi
  convert -size 500x500 -depth 8 "bgra:$work/face.bgra" "bgra:$work/$slug-windows.bgra" +append "$work/$slug.png"
done
exit $status
