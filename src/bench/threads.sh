#!/usr/bin/env bash
# One BLAS thread or two for the matrix multiplies (issue 18.3), measured on three shapes, idle and
# with four busy threads beside the benchmark, in one command:
#
#   src/bench/threads.sh [--quick] [--jar target/cae-workbench.jar] [--only mnist|genes|geo|loaded]
#
# Each shape runs `cae bench --thread-configs`: per round, alternating the order, the GEMM floor of one
# epoch and the median training epoch with 1 BLAS thread and the selector's helper (the default before
# issue 18), 2 BLAS threads and the helper, 2 without it, and the trainer's own run-time choice
# (core/BlasThreadPlan). The loaded case starts four `yes` processes (busy threads on the two cores),
# runs MNIST and the gene shape again, and ends them. --quick: fewer rounds and epochs (a smoke run).
# Figures and the rule they gave: docs/performance.md, "Both cores for the multiplies".
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=target/cae-workbench.jar
only=""
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "threads.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "threads.sh: $jar is missing; build it first: ./mvnw -q -o -DskipTests package" >&2; exit 2; }
if [ $quick = 1 ]; then r_small=2; r_big=1; r_geo=1; else r_small=5; r_big=3; r_geo=2; fi

bench() {   # label, options...
  local label=$1; shift
  echo "## $label ($(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx12g -jar "$jar" bench --thread-configs "$@" 2>&1 | grep --line-buffered -v -E '^(WARN|SLF4J)'
  echo
}

mnist() { bench "MNIST, k 50, hidden 75, batch 256 (the defaults)" --rounds $r_small --epochs 8 --warmup 2; }
genes() { bench "genes: n 2000, d 20000, k 500, hidden 750, batch 256" --n 2000 --d 20000 --k 500 --rounds $r_big --epochs 3 --warmup 1; }
geo() { bench "the GEO shape, rows scaled down: n 2560 (of 88,807), d 10463, k 943, linear decoder, batch 256" \
          --n 2560 --d 10463 --k 943 --hidden none --rounds $r_geo --epochs 3 --warmup 1; }
loaded() {
  local pids=()
  for i in 1 2 3 4; do yes > /dev/null & pids+=($!); done
  trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
  sleep 2
  bench "LOADED (4 busy threads): MNIST defaults" --rounds 2 --epochs 6 --warmup 2
  bench "LOADED (4 busy threads): genes" --n 2000 --d 20000 --k 500 --rounds 1 --epochs 3 --warmup 1
  kill "${pids[@]}" 2>/dev/null || true
  trap - EXIT
}

echo "# $(date -u +%FT%TZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
case "$only" in
  "") mnist; genes; geo; loaded ;;
  mnist) mnist ;;
  genes) genes ;;
  geo) geo ;;
  loaded) loaded ;;
  *) echo "threads.sh: --only takes mnist, genes, geo or loaded" >&2; exit 2 ;;
esac
