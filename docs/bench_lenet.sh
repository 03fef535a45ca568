#!/usr/bin/env bash
# Issue 14's targets, MaskStudio and PyTorch interleaved in one script, REPEATS times, one JSON object per line
# (docs/bench_lenet_summary.py prints the ratio table of docs/performance.md):
#   LeNet-300-100 (784-300-100-10, relu, Adam, batch 100) at 100/30/10/2% against the same masked network in
#   PyTorch (torch.nn.utils.prune.custom_from_mask, and F.linear(x, W*M)); the sample graphs' epochs against
#   PyTorch training the same shapes, densities and batch for the same number of steps.
#   docs/bench_lenet.sh [REPEATS] > lenet.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
PY=${PYTHON:-/usr/bin/python3}
[ -f target/bench.classpath ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/classes:$(cat target/bench.classpath)"
# the benchmarks' messages (and the JVM's incubator warning) go to a log, named when a step fails
ERRLOG=target/bench_lenet.err
: > "$ERRLOG"
trap 'echo "$0: a benchmark failed in repetition ${rep:-?}; its messages are in $ERRLOG" >&2' ERR
ms() { java -cp "$CP" io.maskstudio.Launcher bench "$@" --json 2>>"$ERRLOG" | sed "s/^{/{\"rep\":$rep,\"framework\":\"maskstudio\",/"; }
pt() { "$PY" docs/bench_torch.py "$@" 2>>"$ERRLOG" | sed "s/^{/{\"rep\": $rep, /"; }
load() { echo "{\"rep\":$rep,\"uptime\":\"$(uptime | sed 's/.*load average: //')\"}"; }

for rep in $(seq 1 "$REPEATS"); do
  for d in 1 0.3 0.1 0.02; do
    load
    ms mlp --layers 784,300,100,10 --density $d --batch 100 --steps 2000
    pt mlp --layers 784,300,100,10 --density $d --batch 100 --steps 200 --variant prune
    pt mlp --layers 784,300,100,10 --density $d --batch 100 --steps 200 --variant masked
  done
  load
  # sample graphs: one epoch on their datasets; PyTorch: the same shapes, densities, batch and steps per epoch
  ms net sample-graphs/digits-local.graph.json --epochs 5
  pt mlp --layers 64,36,10 --density 0.141,1 --batch 32 --steps 450 --variant prune
  ms net sample-graphs/mnist-local.graph.json --epochs 3
  pt mlp --layers 784,196,10 --density 0.029,1 --batch 64 --steps 250 --variant prune
  ms net sample-graphs/lenet-300-100.graph.json --epochs 2
  pt mlp --layers 784,300,100,10 --density 1 --batch 60 --steps 268 --variant prune
  load
done
