#!/usr/bin/env bash
# The sweeps behind docs/performance.md: kernel crossover over density, step time against nnz,
# SGEMM with OpenBLAS's autodetected core and with OPENBLAS_CORETYPE=Haswell, and the 100k x 100k
# layer in a 1 GB heap (resident memory from /usr/bin/time -v). One JSON object per line.
#   docs/bench_sweep.sh > sweep.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
./mvnw -q -B compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/classes:$(cat target/bench.classpath)"
ms() { java -cp "$CP" "${JOPTS[@]}" io.maskstudio.Launcher bench "$@" --json 2>/dev/null; }
JOPTS=()
echo "{\"uptime\":\"$(uptime | sed 's/.*load average: //')\"}"
# SGEMM [256,4096]x[4096,4096] (the dense kernel's products), autodetected core vs Haswell, alternating
for r in 1 2 3; do
  env -u OPENBLAS_CORETYPE java -cp "$CP" io.maskstudio.Launcher bench gemm --steps 10 --json 2>/dev/null
  OPENBLAS_CORETYPE=Haswell java -cp "$CP" io.maskstudio.Launcher bench gemm --steps 10 --json 2>/dev/null
done
# crossover: 4096 -> 4096, batch 256, each kernel over density
for d in 0.005 0.01 0.02 0.05 0.1 0.2 0.3 0.5; do
  for k in csr dense; do ms layer --density "$d" --kernel "$k" --steps 10; done
done
# step time against nnz: CSR, 1 and 2 threads, 4096 -> 4096 and 100k -> 100k, batch 64
for d in 0.001 0.003 0.01 0.03 0.1; do
  for t in 1 2; do JOPTS=(-Dmaskstudio.threads=$t); ms layer --batch 64 --density "$d" --kernel csr --steps 20; done
done
JOPTS=()
for d in 0.00003 0.0001 0.0003; do ms layer --batch 64 --in 100000 --out 100000 --density "$d" --kernel csr --steps 5; done
# small layers: small vs csr vs dense kernels, batch 32
for n in 64 128 256 512; do for k in small csr dense; do ms layer --batch 32 --in "$n" --out "$n" --density 1 --kernel "$k" --steps 50; done; done
# 100k x 100k at 0.01% in a 1 GB heap, 3 steps, batch 64 and 256, with resident memory
for b in 64 256; do
  /usr/bin/time -v java -Xmx1g -cp "$CP" io.maskstudio.Launcher bench layer --batch "$b" --in 100000 --out 100000 --density 0.0001 --steps 3 --json \
    2> target/time.txt | grep '^{'
  echo "{\"rss_kb\":$(grep 'Maximum resident' target/time.txt | awk '{print $NF}'),\"batch\":$b,\"xmx\":\"1g\"}"
  "$PY" docs/bench_torch.py layer --batch "$b" --in 100000 --out 100000 --density 0.0001 --steps 3 --variants csr,coo 2>/dev/null
done
echo "{\"uptime\":\"$(uptime | sed 's/.*load average: //')\"}"
