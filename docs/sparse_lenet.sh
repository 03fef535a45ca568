#!/bin/bash
# The runs behind docs/sparse-training.md's results: docs/sparse_lenet.sh [OUTDIR] (from the project root, after ./mvnw -DskipTests package);
# then python3 docs/sparse_summary.py OUTDIR. Finished runs are kept when run again.
# LeNet-300-100 on mnist-10k: static/set/rigl at 2/5/10%, gmp to 2/5/10%, dense; seeds 1-3; 20 epochs
OUT=${1:-lenet-runs}; JAR=${JAR:-target/maskstudio.jar}; G=$(pwd)/sample-graphs/lenet-300-100.graph.json; mkdir -p "$OUT"; JAR=$(realpath "$JAR"); cd "$OUT"

E=${EPOCHS:-20}
run() { # name args...
  local name=$1; shift
  [ -f "$name/run.json" ] && grep -q '"status" : "finished"' "$name/run.json" && return
  rm -rf "$name"
  java -jar "$JAR" train $G --epochs $E --no-progress --out "$name" "$@" > "$name.log" 2>&1
}
for s in 1 2 3; do
  for d in 0.02 0.05 0.1; do
    for m in static set rigl; do run $m-d$d-s$s --method $m --density $d --seed $s; done
  done
done
for s in 1 2 3; do run dense-s$s --seed $s; done
for s in 1 2 3; do
  for d in 0.02 0.05 0.1; do run gmp-d$d-s$s --method gmp --target-density $d --seed $s; done
done
echo ALLDONE
