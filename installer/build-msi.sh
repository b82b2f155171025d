#!/usr/bin/env bash
# Builds RetouchPlugins-<version>-x64.msi with Debian's wixl (msitools) from the win-x64 publish output.
#
#   installer/build-msi.sh [OUTDIR]            publish both parts, then build OUTDIR/RetouchPlugins-<version>-x64.msi
#
# Inputs, all overridable from the environment:
#   STANDALONE_DIR  the win-x64 self-contained publish of src/Plugins.Standalone (retouch.exe, natives, models);
#                   when unset, publish_standalone makes it under $WORK
#   PLUGIN_DIR      the Paint.NET plugin folder (what goes into Effects/RetouchPlugins); when unset, publish_plugin makes it
#   VERSION         the product version (major.minor.build); default: <Version> of src/Plugins.Standalone
#   WORK            scratch folder (default: artifacts/installer/work)
# OUTDIR defaults to artifacts/installer. Needs: dotnet, python3, wixl and msibuild (apt-get install wixl msitools).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
outdir=$(mkdir -p "${1:-artifacts/installer}" && cd "${1:-artifacts/installer}" && pwd)
work=${WORK:-$repo/artifacts/installer/work}
mkdir -p "$work"

for tool in wixl msibuild python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (apt-get install -y wixl msitools; .ci/run does this)" >&2; exit 1; }
done

# The shared publish scripts: the standalone host as tested by WindowsPublishTests, the plugin folder as laid out
# for Paint.NET (scripts/package-paintdotnet.sh; compiled against the reference surface, see docs/paintdotnet.md).
publish_standalone() {  # DIR
  rm -rf "$1"
  bash scripts/publish-windows.sh "$1"
}
publish_plugin() {  # DIR: the contents of Effects/RetouchPlugins
  local staging="$1.package"
  rm -rf "$1" "$staging"
  bash scripts/package-paintdotnet.sh "$staging" >/dev/null
  mv "$staging/Effects/RetouchPlugins" "$1"
  rm -rf "$staging"
}

project_version() {
  sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' Directory.Build.props | head -n 1
}

version=${VERSION:-$(project_version)}
[ -n "$version" ] || { echo "error: Directory.Build.props: no <Version>" >&2; exit 1; }

[[ $version =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,5}$ ]] \
  || { echo "error: version '$version': an MSI ProductVersion is major.minor.build (at most 255.255.65535)" >&2; exit 1; }

if [ -z "${STANDALONE_DIR:-}" ]; then STANDALONE_DIR=$work/standalone; publish_standalone "$STANDALONE_DIR"; fi
if [ -z "${PLUGIN_DIR:-}" ]; then PLUGIN_DIR=$work/plugin; publish_plugin "$PLUGIN_DIR"; fi
[ -f "$STANDALONE_DIR/retouch.exe" ] \
  || { echo "error: $STANDALONE_DIR: no retouch.exe (STANDALONE_DIR must be a win-x64 publish of src/Plugins.Standalone)" >&2; exit 1; }
[ -f "$PLUGIN_DIR/RetouchPlugins.dll" ] \
  || { echo "error: $PLUGIN_DIR: no RetouchPlugins.dll (PLUGIN_DIR must be the plugin folder, the contents of Effects/RetouchPlugins)" >&2; exit 1; }

python3 installer/generate-notices.py --repo "$repo" --out "$work/THIRD-PARTY-NOTICES.txt" "$STANDALONE_DIR" "$PLUGIN_DIR"
python3 installer/generate-wxs.py --version "$version" --standalone "$STANDALONE_DIR" --plugin "$PLUGIN_DIR" \
  --notices "$work/THIRD-PARTY-NOTICES.txt" --out "$work/RetouchPlugins.wxs"

msi=$outdir/RetouchPlugins-$version-x64.msi
tmp=$msi.tmp
rm -f "$tmp"
# The .wxs names its sources relative to its own folder (wixl resolves them against -I).
wixl -a x64 -I "$work" -o "$tmp" "$work/RetouchPlugins.wxs"
# Tables wixl 0.101 cannot author: Environment (the AddToPath feature) and Condition (the Paint.NET feature
# is switched off when there is no Effects folder to put it in).
for table in installer/tables/*.idt; do msibuild "$tmp" -i "$table"; done
# Properties a silent per-machine install takes from the command line into the elevated part of the install.
msibuild "$tmp" -q "UPDATE \`Property\` SET \`Value\` = 'WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED;INSTALLDIR;PDNEFFECTSDIR' WHERE \`Property\` = 'SecureCustomProperties'"
mv -f "$tmp" "$msi"
echo "$msi"
