#!/usr/bin/env python3
"""Fails when the lock file of a crate that builds the library (python/, fuzz/) resolves a
crate to a version the root Cargo.lock does not have: the Python package and the fuzz targets
must build the library with the dependencies its tests ran with.

(That each lock file is in step with its own manifest is `cargo metadata --locked`'s check,
which .ci/run runs beside this one.)"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = re.compile(r'^\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"', re.M)


def versions(lock):
    found = {}
    for name, version in PACKAGE.findall(lock.read_text()):
        found.setdefault(name, set()).add(version)
    return found


root = versions(ROOT / "Cargo.lock")
failed = False
for crate in ("python", "fuzz"):
    theirs = versions(ROOT / crate / "Cargo.lock")
    apart = [
        f"{name} {v} (root Cargo.lock: {', '.join(sorted(root[name]))})"
        for name in sorted(theirs)
        if name in root
        for v in sorted(theirs[name] - root[name])
    ]
    if apart:
        failed = True
        print(f"{crate}/Cargo.lock resolves crates to other versions than Cargo.lock:", file=sys.stderr)
        for line in apart:
            print(f"  {line}", file=sys.stderr)
        print(f"align them with `cd {crate} && cargo update -p NAME --precise VERSION`", file=sys.stderr)
    else:
        print(f"lock files: {crate}/Cargo.lock shares the root's versions ({len(theirs)} crates)")
sys.exit(1 if failed else 0)
