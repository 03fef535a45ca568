#!/usr/bin/env python3
"""Reads docs/bench_compare.sh's JSON lines and prints, per repetition, MaskStudio against PyTorch's
best run of the same workload in that repetition (best over variants and thread counts), then the
median ratio. Usage: python3 docs/bench_summary.py bench.jsonl"""
import json
import statistics
import sys
from collections import defaultdict


def key(r):
    if r["bench"] == "layer":
        return ("layer", r["in"], r["out"], r["batch"], r["density"])
    return ("mlp", r["layers"], r["batch"], density(r["density"]))


def density(d):
    """One spelling for both sides: MaskStudio writes 0.5, bench_torch.py "0.5"."""
    try:
        return float(d)
    except (TypeError, ValueError):
        return str(d)


def main(path):
    runs = defaultdict(lambda: defaultdict(list))
    loads = defaultdict(list)
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        if "uptime" in r:
            loads[r["rep"]].append(r["uptime"])
            continue
        if "error" in r:
            continue
        runs[key(r)][r["rep"]].append(r)
    for k, reps in runs.items():
        ratios = []
        print(k)
        for rep, rs in sorted(reps.items()):
            ours = [r for r in rs if r["framework"] == "maskstudio"]
            torch = [r for r in rs if r["framework"] == "pytorch"]
            if not ours or not torch:
                continue
            o = ours[0]
            if k[0] == "layer":
                best = min(torch, key=lambda r: r["ms_per_step"])
                ratio = best["ms_per_step"] / o["ms_per_step"]
                print(f"  rep {rep} (load {' -> '.join(loads[rep])}): maskstudio {o['ms_per_step']:.1f} ms ({o['kernel']}), "
                      f"pytorch best {best['ms_per_step']:.1f} ms ({best['variant']}, {best['threads']} thr): {ratio:.1f}x")
            else:
                best = max(torch, key=lambda r: r["steps_per_second"])
                ratio = o["steps_per_second"] / best["steps_per_second"]
                print(f"  rep {rep} (load {' -> '.join(loads[rep])}): maskstudio {o['steps_per_second']:.0f}/s ({o['kernel']}), "
                      f"pytorch best {best['steps_per_second']:.0f}/s ({best['threads']} thr): {ratio:.1f}x")
            ratios.append(ratio)
        if ratios:
            print(f"  median ratio {statistics.median(ratios):.1f}x over {len(ratios)} repetitions (min {min(ratios):.1f}x)")


if __name__ == "__main__":
    main(sys.argv[1])
