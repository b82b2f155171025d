#!/usr/bin/env python3
"""Writes the WiX v3 source of the MSI (the subset Debian's wixl 0.101 compiles) from two publish folders.

Usage: generate-wxs.py --version 1.2.3 --standalone DIR --plugin DIR --notices FILE --out FILE.wxs

Why generated: the publish output (the .NET runtime, 360+ files) changes with every package bump, and a
hand-kept list would drift. Each file gets its own component whose GUID is a name-based UUID (v5) of the
feature and the file's path inside it, so the same file keeps the same component GUID in every build: the
component rules of a major upgrade hold, and the MSI tables are stable between builds of the same tree.

What wixl cannot express (no Environment and no Condition table in 0.101) is added to the built MSI by
build-msi.sh from installer/tables/*.idt; the component and feature ids those rows name are fixed here
(PATH_COMPONENT, PDN_FEATURE).
"""
import argparse
import hashlib
import os
import re
import sys
import uuid
from xml.sax.saxutils import quoteattr

# Never change these two: the upgrade code ties every version together (major upgrade), and the
# namespace makes the component GUIDs; changing either orphans what older versions installed.
UPGRADE_CODE = "6F1C2A7E-3B4D-4C5E-9A8B-1D2E3F405162"
COMPONENT_NAMESPACE = uuid.UUID("0E7A3C52-8D14-4B6F-A1C9-5E2F7B8D9A03")

PRODUCT = "RetouchPlugins"
MANUFACTURER = "RetouchPlugins"
PATH_COMPONENT = "PathEntry"          # installer/tables/Environment.idt names it
PDN_FEATURE = "PaintDotNet"           # installer/tables/Condition.idt names it
REGISTRY_KEY = r"SOFTWARE\RetouchPlugins"
# Paint.NET's classic (MSI) install records its folder here, in the 64-bit registry view.
PDN_REGISTRY_KEY = r"SOFTWARE\paint.net"
PDN_REGISTRY_VALUE = "TARGETDIR"


def msi_id(prefix, text):
    """An MSI identifier (letters, digits, _ and ., at most 72) that is the same for the same path every build."""
    return f"{prefix}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:20]}"


def component_guid(feature, relpath):
    return str(uuid.uuid5(COMPONENT_NAMESPACE, f"{feature}/{relpath.lower()}")).upper()


def list_files(root):
    """Relative paths (forward slashes) of every file under root, sorted so the .wxs is deterministic."""
    found = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                raise SystemExit(f"error: {full}: not a plain file (links cannot go into an MSI)")
            found.append(os.path.relpath(full, root).replace(os.sep, "/"))
    if not found:
        raise SystemExit(f"error: {root}: the publish folder is empty")
    return sorted(found)


class Tree:
    """Directories and files of one feature, written as nested <Directory> elements."""

    def __init__(self, feature, root, files, base):
        # wixl finds a Source relative to its include folders (an absolute path fails), so paths are relative to base.
        self.feature, self.root, self.components = feature, os.path.relpath(root, base), []
        self.children = {}   # dir relpath -> {subdir names}
        self.files = {}      # dir relpath -> [file relpaths]
        for rel in files:
            parent = os.path.dirname(rel)
            self.files.setdefault(parent, []).append(rel)
            while parent:
                up = os.path.dirname(parent)
                self.children.setdefault(up, set()).add(parent)
                parent = up

    def write(self, out, rel, indent):
        pad = " " * indent
        for f in self.files.get(rel, []):
            cid = msi_id("c", f"{self.feature}/{f}")
            self.components.append(cid)
            source = os.path.join(self.root, f).replace(os.sep, "/")
            out.append(f'{pad}<Component Id="{cid}" Guid="{component_guid(self.feature, f)}" Win64="yes">')
            out.append(f'{pad}  <File Id="{msi_id("f", f"{self.feature}/{f}")}" Name={quoteattr(os.path.basename(f))} '
                       f'Source={quoteattr(source)} KeyPath="yes" />')
            out.append(f'{pad}</Component>')
        for sub in sorted(self.children.get(rel, [])):
            out.append(f'{pad}<Directory Id="{msi_id("d", f"{self.feature}/{sub}")}" Name={quoteattr(os.path.basename(sub))}>')
            self.write(out, sub, indent + 2)
            out.append(f'{pad}</Directory>')


def registry_keypath(pad, name):
    """A per-machine registry value as the key path of a component that has no file of its own."""
    return (f'{pad}<RegistryValue Root="HKLM" Key="{REGISTRY_KEY}" Name="{name}" Type="integer" Value="1" '
            f'KeyPath="yes" />')


def generate(version, standalone, plugin, notices, base):
    if not re.fullmatch(r"\d{1,3}\.\d{1,3}\.\d{1,5}", version):
        raise SystemExit(f"error: version '{version}': an MSI ProductVersion is major.minor.build (at most 255.255.65535)")
    app_files = list_files(standalone)
    if "retouch.exe" not in app_files:
        raise SystemExit(f"error: {standalone}: no retouch.exe (is this a win-x64 publish of src/Plugins.Standalone?)")
    if "THIRD-PARTY-NOTICES.txt" in app_files:
        raise SystemExit(f"error: {standalone}: already has THIRD-PARTY-NOTICES.txt; the installer adds its own")
    plugin_files = list_files(plugin)
    app, pdn = Tree("Application", standalone, app_files, base), Tree(PDN_FEATURE, plugin, plugin_files, base)

    x = []
    x.append('<?xml version="1.0" encoding="utf-8"?>')
    x.append('<!-- Generated by installer/generate-wxs.py from the publish output; do not edit. -->')
    x.append('<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">')
    x.append(f'  <Product Id="*" Name="{PRODUCT}" Language="1033" Version="{version}" Manufacturer="{MANUFACTURER}" '
             f'UpgradeCode="{UPGRADE_CODE}">')
    x.append(f'    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine" '
             f'Description="{PRODUCT} {version}: portrait retouching (standalone host and Paint.NET effects)" '
             f'Manufacturer="{MANUFACTURER}" />')
    x.append(f'    <MajorUpgrade DowngradeErrorMessage="A newer version of {PRODUCT} is already installed." />')
    x.append('    <MediaTemplate EmbedCab="yes" />')
    x.append('    <Property Id="ARPNOMODIFY" Value="1" />')
    # Paint.NET's folder from its classic install; PDNEFFECTSDIR given on the command line wins.
    x.append('    <Property Id="PDNINSTALLDIR">')
    x.append(f'      <RegistrySearch Id="PaintDotNetTargetDir" Root="HKLM" Key="{PDN_REGISTRY_KEY}" '
             f'Name="{PDN_REGISTRY_VALUE}" Type="raw" Win64="yes" />')
    x.append('    </Property>')
    # Where the application went at install time: a maintenance run, an upgrade or an uninstall without INSTALLDIR on
    # its command line must use the same folder (the formatted PATH entry, [INSTALLDIR], is compared on removal).
    x.append('    <Property Id="INSTALLDIRREMEMBERED">')
    x.append(f'      <RegistrySearch Id="RememberedInstallDir" Root="HKLM" Key="{REGISTRY_KEY}" Name="InstallDir" Type="raw" Win64="yes" />')
    x.append('    </Property>')
    x.append('    <CustomAction Id="InstallDirRemembered" Property="INSTALLDIR" Value="[INSTALLDIRREMEMBERED]" />')
    # Where the plugin went at install time, so that repair, upgrade and uninstall find it again.
    x.append('    <Property Id="PDNREMEMBERED">')
    x.append(f'      <RegistrySearch Id="RememberedPdnEffectsDir" Root="HKLM" Key="{REGISTRY_KEY}" '
             f'Name="PdnEffectsDir" Type="raw" Win64="yes" />')
    x.append('    </Property>')
    # Type 51 (set property) actions. The registry value may or may not end in a backslash (>> is "ends with").
    x.append('    <CustomAction Id="PdnEffectsDirRemembered" Property="PDNEFFECTSDIR" Value="[PDNREMEMBERED]" />')
    x.append('    <CustomAction Id="PdnEffectsDirFromRegistry" Property="PDNEFFECTSDIR" Value="[PDNINSTALLDIR]Effects\\" />')
    x.append('    <CustomAction Id="PdnEffectsDirFromRegistryNoSlash" Property="PDNEFFECTSDIR" Value="[PDNINSTALLDIR]\\Effects\\" />')
    # The feature condition (installer/tables/Condition.idt) tests PDNFOUND, not PDNEFFECTSDIR: costing gives every
    # directory property a value (Wine does it before it evaluates feature conditions), so only this flag, set
    # before costing, says whether a folder was really given or found.
    x.append('    <CustomAction Id="PdnEffectsDirKnown" Property="PDNFOUND" Value="1" />')
    # The skip reason is a property so that it shows in the install log (msiexec /l*v: "PROPERTY CHANGE").
    x.append('    <CustomAction Id="PdnSkippedReason" Property="PDNSKIPPED" '
             'Value="Paint.NET feature skipped: no Paint.NET classic install (HKLM\\SOFTWARE\\paint.net TARGETDIR) was found '
             'and no PDNEFFECTSDIR was given" />')
    for seq in ("InstallUISequence", "InstallExecuteSequence"):
        x.append(f'    <{seq}>')
        # Precedence for both folders: the command line, then the folder an earlier install used (then Paint.NET's own).
        x.append('      <Custom Action="InstallDirRemembered" After="AppSearch">INSTALLDIRREMEMBERED AND NOT INSTALLDIR</Custom>')
        x.append('      <Custom Action="PdnEffectsDirRemembered" After="InstallDirRemembered">PDNREMEMBERED AND NOT PDNEFFECTSDIR</Custom>')
        x.append('      <Custom Action="PdnEffectsDirFromRegistry" After="PdnEffectsDirRemembered">'
                 'PDNINSTALLDIR AND NOT PDNEFFECTSDIR AND (PDNINSTALLDIR &gt;&gt; "\\")</Custom>')
        x.append('      <Custom Action="PdnEffectsDirFromRegistryNoSlash" After="PdnEffectsDirFromRegistry">'
                 'PDNINSTALLDIR AND NOT PDNEFFECTSDIR AND NOT (PDNINSTALLDIR &gt;&gt; "\\")</Custom>')
        x.append('      <Custom Action="PdnEffectsDirKnown" After="PdnEffectsDirFromRegistryNoSlash">PDNEFFECTSDIR</Custom>')
        x.append('      <Custom Action="PdnSkippedReason" After="PdnEffectsDirKnown">'
                 'NOT PDNEFFECTSDIR AND NOT Installed</Custom>')
        x.append(f'    </{seq}>')
    # The Environment table (PATH) is added after wixl; its actions must be sequenced.
    x.append('    <InstallExecuteSequence>')
    x.append('      <WriteEnvironmentStrings />')
    x.append('      <RemoveEnvironmentStrings />')
    x.append('    </InstallExecuteSequence>')

    x.append('    <Directory Id="TARGETDIR" Name="SourceDir">')
    x.append('      <Directory Id="ProgramFiles64Folder">')
    x.append(f'        <Directory Id="INSTALLDIR" Name="{PRODUCT}">')
    app.write(x, "", 10)
    x.append(f'          <Component Id="Notices" Guid="{component_guid("Application", "THIRD-PARTY-NOTICES.txt")}" Win64="yes">')
    x.append(f'            <File Id="ThirdPartyNotices" Name="THIRD-PARTY-NOTICES.txt" Source={quoteattr(os.path.relpath(notices, base))} KeyPath="yes" />')
    x.append('          </Component>')
    x.append(f'          <Component Id="InstallDirRecord" Guid="{component_guid("Application", "remembered-folder")}" Win64="yes">')
    x.append(f'            <RegistryValue Root="HKLM" Key="{REGISTRY_KEY}" Name="InstallDir" Type="string" Value="[INSTALLDIR]" KeyPath="yes" />')
    x.append('          </Component>')
    x.append(f'          <Component Id="{PATH_COMPONENT}" Guid="{component_guid("Path", "path-entry")}" Win64="yes">')
    x.append(registry_keypath("            ", "PathEntry"))
    x.append('          </Component>')
    x.append('        </Directory>')
    x.append('      </Directory>')
    x.append('      <Directory Id="ProgramMenuFolder">')
    x.append(f'        <Directory Id="ProgramMenuDir" Name="{PRODUCT}">')
    x.append(f'          <Component Id="StartMenuShortcut" Guid="{component_guid("Application", "start-menu-shortcut")}" Win64="yes">')
    x.append(f'            <Shortcut Id="RetouchServeShortcut" Name="{PRODUCT}" Description="Open the RetouchPlugins local web app (retouch serve)" '
             f'Target="[INSTALLDIR]retouch.exe" Arguments="serve" WorkingDirectory="INSTALLDIR" Advertise="no" />')
    x.append('            <RemoveFolder Id="RemoveProgramMenuDir" On="uninstall" />')
    x.append(registry_keypath("            ", "StartMenuShortcut"))
    x.append('          </Component>')
    x.append('        </Directory>')
    x.append('      </Directory>')
    # The directory takes the value of the PDNEFFECTSDIR property (command line or registry) before costing;
    # when there is none, the feature is off (Condition table) and nothing is installed under it.
    x.append('      <Directory Id="PDNEFFECTSDIR" Name="PaintDotNetEffects">')
    x.append(f'        <Directory Id="PDNPLUGINDIR" Name="{PRODUCT}">')
    pdn.write(x, "", 10)
    x.append(f'          <Component Id="PdnEffectsDirRecord" Guid="{component_guid(PDN_FEATURE, "remembered-folder")}" Win64="yes">')
    x.append(f'            <RegistryValue Root="HKLM" Key="{REGISTRY_KEY}" Name="PdnEffectsDir" Type="string" Value="[PDNEFFECTSDIR]" KeyPath="yes" />')
    x.append('          </Component>')
    x.append('        </Directory>')
    x.append('      </Directory>')
    x.append('    </Directory>')

    x.append(f'    <Feature Id="Application" Title="{PRODUCT}" Level="1" '
             f'Description="The retouch command, its local web app (Start menu) and the models" ConfigurableDirectory="INSTALLDIR">')
    for cid in app.components + ["Notices", "StartMenuShortcut", "InstallDirRecord"]:
        x.append(f'      <ComponentRef Id="{cid}" />')
    x.append('    </Feature>')
    x.append(f'    <Feature Id="AddToPath" Title="Add retouch to PATH" Level="1000" '
             f'Description="Puts the install folder on the system PATH (off unless selected: ADDLOCAL=...,AddToPath)">')
    x.append(f'      <ComponentRef Id="{PATH_COMPONENT}" />')
    x.append('    </Feature>')
    x.append(f'    <Feature Id="{PDN_FEATURE}" Title="Paint.NET effects" Level="1" '
             f'Description="Effects &gt; Portrait in Paint.NET: the plugin folder in Paint.NET\'s Effects folder">')
    for cid in pdn.components + ["PdnEffectsDirRecord"]:
        x.append(f'      <ComponentRef Id="{cid}" />')
    x.append('    </Feature>')
    x.append('  </Product>')
    x.append('</Wix>')
    return "\n".join(x) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--version", required=True)
    p.add_argument("--standalone", required=True, help="win-x64 self-contained publish of src/Plugins.Standalone")
    p.add_argument("--plugin", required=True, help="the Paint.NET plugin folder (Effects/RetouchPlugins)")
    p.add_argument("--notices", required=True, help="the third-party notices file to install")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    text = generate(a.version, a.standalone, a.plugin, a.notices, os.path.dirname(os.path.abspath(a.out)))
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    sys.exit(main())
