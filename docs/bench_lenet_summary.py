#!/usr/bin/env python3
"""Reads docs/bench_lenet.sh's JSON lines and prints, per repetition, MaskStudio against PyTorch on the same
workload in that repetition (LeNet-300-100 per density: steps/s; sample graphs: s per epoch), then the median
ratio (> 1: MaskStudio faster). Usage: python3 docs/bench_lenet_summary.py lenet.jsonl"""
import json
import statistics
import sys
from collections import defaultdict


def main(path):
    rows = [json.loads(l) for l in open(path) if l.strip().startswith("{")]
    ratios = defaultdict(list)
    detail = defaultdict(list)
    loads = defaultdict(list)
    for r in rows:
        if "uptime" in r:
            loads[r["rep"]].append(r["uptime"].split(",")[0].strip())
    by_rep = defaultdict(list)
    for r in rows:
        if "bench" in r:
            by_rep[r["rep"]].append(r)
    graph_shapes = {"digits-local.graph.json": "64,36,10", "mnist-local.graph.json": "784,196,10",
                    "lenet-300-100.graph.json": "784,300,100,10"}
    for rep, rs in sorted(by_rep.items()):
        for i, r in enumerate(rs):
            if r.get("framework") != "maskstudio":
                continue
            if r["bench"] == "mlp":
                pts = [q for q in rs[i + 1:i + 3] if q.get("framework") == "pytorch" and q["bench"] == "mlp"]
                if not pts:
                    continue
                best = max(q["steps_per_second"] for q in pts)
                key = f"LeNet-300-100 at {float(r['density']) * 100:g}%"
                ratios[key].append(r["steps_per_second"] / best)
                detail[key].append(f"rep {rep}: {r['steps_per_second']:.0f} vs {best:.0f} steps/s ({r['kernel']}; layer ms {r.get('layer_ms')})")
            elif r["bench"] == "net":
                q = rs[i + 1] if i + 1 < len(rs) else None
                if not q or q.get("framework") != "pytorch":
                    continue
                torch_epoch = r["steps_per_epoch"] / q["steps_per_second"]
                key = f"{r['graph']} epoch"
                ratios[key].append(torch_epoch / r["s_per_epoch"])
                detail[key].append(f"rep {rep}: {r['s_per_epoch']:.3f} s vs {torch_epoch:.3f} s ({r['kernel']})")
    for rep in sorted(loads):
        print(f"rep {rep} load (1 min): {', '.join(loads[rep])}")
    for key in ratios:
        print(f"{key}: median ratio {statistics.median(ratios[key]):.2f}x (min {min(ratios[key]):.2f}x)")
        for d in detail[key]:
            print("   ", d)


if __name__ == "__main__":
    main(sys.argv[1])
