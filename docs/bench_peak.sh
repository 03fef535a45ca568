#!/usr/bin/env bash
# Issue 14's share-of-peak targets: the 4096x4096 layer at batch 256 (1% on csr, dense on dense), each with the
# Vector API loops and fused dense step and without them (-Dmaskstudio.vector=off: the plain loops, ND4J's passes),
# between two SGEMMs [256,4096]x[4096,4096] (the peak), REPEATS times, one JSON object per line. Each layer line also
# carries share_of_gemm: the same SGEMM timed in the layer's own process just before and after its steps (--against-gemm).
#   docs/bench_peak.sh [REPEATS] > peak.jsonl; python3 docs/bench_peak_summary.py peak.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
[ -f target/bench.classpath ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/classes:$(cat target/bench.classpath)"
# the benchmarks' messages (and the JVM's incubator warning) go to a log, named when a step fails
ERRLOG=target/bench_peak.err
: > "$ERRLOG"
trap 'echo "$0: a benchmark failed in repetition ${rep:-?}; its messages are in $ERRLOG" >&2' ERR
ms() { local loops=$1; shift; java -Dmaskstudio.vector=$loops -cp "$CP" io.maskstudio.Launcher bench "$@" --json 2>>"$ERRLOG" \
  | sed "s/^{/{\"rep\":$rep,\"switch\":\"$loops\",/"; }
load() { echo "{\"rep\":$rep,\"uptime\":\"$(uptime | sed 's/.*load average: //')\"}"; }
for rep in $(seq 1 "$REPEATS"); do
  load
  ms on gemm
  ms on layer --density 0.01 --kernel csr --steps 60 --against-gemm
  ms off layer --density 0.01 --kernel csr --steps 60 --against-gemm
  ms on layer --density 1 --kernel dense --steps 10 --against-gemm
  ms off layer --density 1 --kernel dense --steps 10 --against-gemm
  ms on gemm
  load
done
