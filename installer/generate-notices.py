#!/usr/bin/env python3
"""Writes THIRD-PARTY-NOTICES.txt for the installer: every third-party file or package it ships, with its licence.

Usage: generate-notices.py --repo ROOT --out FILE PUBLISH_DIR...

Sources: models/assets.json (natives and models, with package and licence; only the files that are in a publish
folder), installer/package-licences.json (NuGet packages and runtime packs listed by the publish's *.deps.json,
and the models our converters make). A shipped package or converted model without a known licence is an error,
so a new dependency cannot slip into the MSI without its notice.
"""
import argparse
import json
import os
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repo", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("publish", nargs="+")
    a = p.parse_args()
    assets = json.load(open(os.path.join(a.repo, "models/assets.json"), encoding="utf-8"))["files"]
    known = json.load(open(os.path.join(a.repo, "installer/package-licences.json"), encoding="utf-8"))

    shipped = set()      # paths relative to a publish folder
    packages = {}        # name -> version
    for root in a.publish:
        for dirpath, _, names in os.walk(root):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), root).replace(os.sep, "/")
                shipped.add(rel)
                if n.endswith(".deps.json"):
                    for key, lib in json.load(open(os.path.join(dirpath, n), encoding="utf-8"))["libraries"].items():
                        if lib["type"] in ("package", "runtimepack"):
                            name, version = key.split("/")
                            packages[name] = version

    rows, errors = [], []
    for f in assets:
        dest = f["dest"]
        rel = dest.split("/", 2)[2] if dest.startswith("native/") else dest
        if rel in shipped:
            rows.append((rel, f["package"], f["licence"]))
    for rel, licence in sorted(known["converted"].items()):
        if rel in shipped:
            rows.append((rel, "(converted here)", licence))
    for rel in sorted(shipped):
        if rel.startswith("models/") and rel.endswith(".onnx") and not any(r[0] == rel for r in rows):
            errors.append(f"{rel}: a shipped model with no licence in models/assets.json or installer/package-licences.json")
    pkg_rows = []
    for name, version in sorted(packages.items()):
        if name not in known["packages"]:
            errors.append(f"{name} {version}: a shipped package with no licence in installer/package-licences.json")
        else:
            pkg_rows.append((f"{name} {version}", known["packages"][name]))
    if errors:
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        return 1

    out = ["RetouchPlugins: third-party notices", "",
           "This product ships the following third-party files and packages under their own licences.",
           "The licence texts are at the addresses given or in the packages named.", "",
           "Native libraries and models (pinned in models/package-lock.json, sha256 in models/assets.json):", ""]
    for rel, pkg, lic in rows:
        out.append(f"  {rel}")
        out.append(f"      from {pkg}; licence: {lic}")
    out += ["", "libvips (libvips-42.dll) is LGPL-3.0-or-later: it is dynamically linked and may be replaced by the user",
            "with a compatible build of the same version; its source is at https://github.com/libvips/libvips.", "",
            ".NET packages (from the publish's .deps.json):", ""]
    for pkg, lic in pkg_rows:
        out.append(f"  {pkg}: {lic}")
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\r\n") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
