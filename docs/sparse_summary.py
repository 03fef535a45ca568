#!/usr/bin/env python3
"""Summarizes docs/sparse_lenet.sh's run folders: final val accuracy per method and density, mean (min-max) over seeds.

Usage: python3 docs/sparse_summary.py OUTDIR   (folders named METHOD-dDENSITY-sSEED, or dense-sSEED)
"""
import json
import os
import re
import sys
from collections import defaultdict

out = sys.argv[1] if len(sys.argv) > 1 else "lenet-runs"
cells = defaultdict(list)
seconds = defaultdict(list)
for name in sorted(os.listdir(out)):
    m = re.fullmatch(r"(?:(\w+)-d([0-9.]+)|dense)-s(\d+)", name)
    run = os.path.join(out, name, "run.json")
    if not m or not os.path.isfile(run):
        continue
    with open(run) as f:
        r = json.load(f)
    if r.get("status") != "finished":
        continue
    method, density = (m.group(1), float(m.group(2))) if m.group(1) else ("dense", 1.0)
    cells[(method, density)].append(100 * r["final"]["val_accuracy"])
print("| method | density | seeds | val accuracy %: mean (min-max) |")
print("|---|---|---|---|")
order = {"dense": 0, "static": 1, "set": 2, "rigl": 3, "gmp": 4}
for (method, density), accs in sorted(cells.items(), key=lambda kv: (-kv[0][1], order.get(kv[0][0], 9))):
    print(f"| {method} | {density:g} | {len(accs)} | {sum(accs) / len(accs):.2f} ({min(accs):.2f}-{max(accs):.2f}) |")
