#!/usr/bin/env bash
# Runs MaskStudio's and PyTorch's benchmarks side by side, interleaved, REPEATS times, printing one
# JSON object per line (docs/bench_summary.py turns them into the ratio table of docs/performance.md).
#   docs/bench_compare.sh [REPEATS] > bench.jsonl
# Needs: a JDK 17, Debian's python3-torch (apt-get install python3-torch; run with /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
PY=${PYTHON:-/usr/bin/python3}
./mvnw -q -B compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/classes:$(cat target/bench.classpath)"
# the benchmarks' messages (and the JVM's incubator warning) go to a log, named when a step fails
ERRLOG=target/bench_compare.err
: > "$ERRLOG"
trap 'echo "$0: a benchmark failed in repetition ${rep:-?}; its messages are in $ERRLOG" >&2' ERR
ms() { java -cp "$CP" io.maskstudio.Launcher bench "$@" --json 2>>"$ERRLOG" | sed "s/^{/{\"rep\":$rep,\"framework\":\"maskstudio\",/"; }
pt() { "$PY" docs/bench_torch.py "$@" 2>>"$ERRLOG" | sed "s/^{/{\"rep\": $rep, /"; }
load() { echo "{\"rep\":$rep,\"uptime\":\"$(uptime | sed 's/.*load average: //')\"}"; }

for rep in $(seq 1 "$REPEATS"); do
  load
  # 4096 -> 4096 at 1%, batch 256: every PyTorch variant that can train it, 1 and 2 threads
  ms layer --batch 256 --in 4096 --out 4096 --density 0.01 --steps 60
  pt layer --batch 256 --in 4096 --out 4096 --density 0.01 --steps 5 --variants coo,csr,masked
  pt layer --batch 256 --in 4096 --out 4096 --density 0.01 --steps 5 --variants coo,csr --threads 2
  # fully dense 4096 -> 4096
  ms layer --batch 256 --in 4096 --out 4096 --density 1 --steps 10
  pt layer --batch 256 --in 4096 --out 4096 --density 1 --steps 10 --variants dense
  pt layer --batch 256 --in 4096 --out 4096 --density 1 --steps 10 --variants dense --threads 2
  # masked 64-32-10 MLP, batch 32, Adam
  ms mlp --layers 64,32,10 --density 0.5 --batch 32 --steps 20000
  pt mlp --layers 64,32,10 --density 0.5 --batch 32 --steps 5000
  pt mlp --layers 64,32,10 --density 0.5 --batch 32 --steps 5000 --threads 2
  load
done
