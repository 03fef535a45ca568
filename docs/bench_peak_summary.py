#!/usr/bin/env python3
"""Reads docs/bench_peak.sh's JSON lines; per repetition, the layer's useful work (3 products of 2 flops per
connection and sample) per second as a share of the SGEMM GFLOP/s measured around it (the faster of the two).
Usage: python3 docs/bench_peak_summary.py peak.jsonl"""
import json
import statistics
import sys
from collections import defaultdict


def main(path):
    reps = defaultdict(list)
    loads = defaultdict(list)
    for line in open(path):
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        (loads if "uptime" in r else reps)[r["rep"]].append(r["uptime"] if "uptime" in r else r)
    shares = defaultdict(list)
    near = defaultdict(list)
    for rep, rs in sorted(reps.items()):
        peak = max(r["gflops"] for r in rs if r["bench"] == "gemm")
        print(f"rep {rep} (load {' -> '.join(loads[rep])}): SGEMM peak {peak:.1f} GFLOP/s")
        for r in rs:
            if r["bench"] != "layer":
                continue
            gflops = 6 * r["connections"] * r["batch"] / (r["ms_per_step"] * 1e6)
            name = f"{r['kernel']} {r['density']} vector={r['switch']}"
            shares[name].append(gflops / peak)
            around = ""
            if "share_of_gemm" in r:
                near[name].append(r["share_of_gemm"])
                around = f"; {100 * r['share_of_gemm']:.0f}% of the SGEMM timed around it ({r['gemm_gflops']:.1f} GFLOP/s)"
            print(f"  {name}: {r['ms_per_step']:.1f} ms (min {r['min_ms']:.1f}), {gflops:.1f} GFLOP/s = {100 * gflops / peak:.0f}% of peak{around}")
    for name, s in shares.items():
        print(f"{name}: median {100 * statistics.median(s):.0f}% of the SGEMM peak over {len(s)} (min {100 * min(s):.0f}%)")
        if near[name]:
            n = near[name]
            print(f"{name}: median {100 * statistics.median(n):.0f}% of the SGEMM timed around it over {len(n)} (min {100 * min(n):.0f}%)")


if __name__ == "__main__":
    main(sys.argv[1])
