#!/usr/bin/env bash
# Time to quality of the workbench against a plain PyTorch CAE (src/bench/peer_cae.py) on the bundled
# MNIST (or Fashion-MNIST) 6000/4000 split, k = 50, the `cae train` defaults, in one invocation:
#
#   src/bench/peer.sh [--rounds 3] [--threads "1 2"] [--selector ip|plain] [--peer-selector ip|plain] [--dataset mnist|fashion]
#                     [--quality MSE] [--timeout 900] [--jar target/cae-workbench.jar] [--out DIR]
#
# --dataset fashion runs both sides on samples/fashion-mnist; --quality is the linear MSE a run must reach
# (with k distinct features) to count in the last column (default 0.0190, issue 18's bar on MNIST).
# --selector sets both sides (ip: the workbench's default); --peer-selector sets the peer's alone, e.g.
# --peer-selector plain: the peer as issue 18 describes it (the paper's plain logits) against the defaults.
#
# Each round runs, in turn, the workbench, the peer with the first thread count, the workbench again,
# the peer with the next thread count, and so on; odd rounds run that list backwards, so a slow spell of
# a shared machine does not always hit the same side. Every run is a fresh process (a JVM, a Python).
# Round r uses seed r on both sides. The workbench's seconds are the trainer's own (summary.json,
# training only), its MSE is `cae eval`'s linear_mse; the peer prints the same two figures itself.
# At the end: one line per run and a table per side (median seconds with the range, median MSE,
# distinct features, epochs), and the ratio of the peer's best median to the workbench's. A run still
# going after --timeout seconds (PyTorch with two threads on a busy machine can stall for many minutes)
# is stopped and counted with the timeout as its seconds and no MSE.
#
# Needs: the jar (./mvnw -q -o -DskipTests package) and Debian's python3-torch (apt-get install
# python3-torch; it runs with /usr/bin/python3, PYTHON=... to use another interpreter with torch).
# Not part of `./mvnw verify`. docs/performance.md has the figures and what they mean.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=3
threads="1 2"
selector=ip
peer_selector=""
jar=target/cae-workbench.jar
out=""
timeout_s=900
dataset=mnist
quality=0.0190
python=${PYTHON:-/usr/bin/python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --selector) selector=$2; shift 2 ;;
    --peer-selector) peer_selector=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --dataset) dataset=$2; shift 2 ;;
    --quality) quality=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "peer.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "peer.sh: $jar is missing; build it first: ./mvnw -q -o -DskipTests package" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || { echo "peer.sh: $python has no torch; install Debian's: apt-get install python3-torch" >&2; exit 2; }

case "$dataset" in
  mnist|fashion) folder=samples/${dataset/fashion/fashion-mnist} ;;
  *) echo "peer.sh: --dataset must be mnist or fashion (got '$dataset')" >&2; exit 2 ;;
esac
train=$folder/train6000-images-idx3-ubyte.gz
test=$folder/test4000-images-idx3-ubyte.gz
work=$(mktemp -d /tmp/cae-peer.XXXXXX)
trap 'rm -rf "$work"' EXIT
results=${out:-$work}/peer-results.jsonl
mkdir -p "$(dirname "$results")"
: > "$results"

workbench() {   # seed
  local run=$work/run-$1
  rm -rf "$run"
  java -jar "$jar" train --data "$train" --test "$test" --k 50 --seed "$1" --selector "$selector" --out "$run" > "$work/train.log" 2>&1 \
    || { cat "$work/train.log" >&2; exit 1; }
  java -jar "$jar" eval --run "$run" > "$work/eval.json" 2> "$work/eval.log" || { cat "$work/eval.log" >&2; exit 1; }
  "$python" - "$run/summary.json" "$work/eval.json" "$1" <<'EOF' | tee -a "$results"
import json, sys
s = json.load(open(sys.argv[1])); e = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
print(json.dumps({"impl": "workbench", "threads": "1+helper", "seed": int(sys.argv[3]), "train_seconds": round(s["seconds"], 3),
                  "tries": s["tries"], "epochs": s["epochs"], "mean_max": round(s["mean_max_probability"], 5),
                  "linear_mse": round(e["linear_mse"], 6), "distinct": s["distinct_features"], "k": s["k"]}))
EOF
}

peer() {   # threads seed
  if timeout "$timeout_s" "$python" src/bench/peer_cae.py --threads "$1" --seed "$2" --selector "${peer_selector:-$selector}" --data "$train" --test "$test" \
       > "$work/peer.json"; then
    "$python" -c 'import json, sys; r = json.loads(open(sys.argv[2]).read()); r.pop("selected"); r["seed"] = int(sys.argv[1]); print(json.dumps(r))' \
      "$2" "$work/peer.json" | tee -a "$results"
  else
    echo "{\"impl\": \"pytorch\", \"threads\": $1, \"seed\": $2, \"train_seconds\": $timeout_s, \"timed_out\": true, \"linear_mse\": null, \"distinct\": 0, \"k\": 50, \"epochs\": 0}" \
      | tee -a "$results"
  fi
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $dataset, rounds $rounds, peer threads $threads, selector $selector, peer selector ${peer_selector:-$selector}"
for r in $(seq 1 "$rounds"); do
  steps=()
  for t in $threads; do steps+=("workbench" "peer $t"); done
  if [ $((r % 2)) -eq 0 ]; then
    rev=(); for ((i=${#steps[@]}-1; i>=0; i--)); do rev+=("${steps[i]}"); done; steps=("${rev[@]}")
  fi
  for s in "${steps[@]}"; do
    case "$s" in
      workbench) workbench "$r" ;;
      peer*) peer "${s#peer }" "$r" ;;
    esac
  done
done

"$python" - "$results" "$quality" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
quality = float(sys.argv[2])
groups = {}
for r in rows:
    name = "workbench (1 BLAS thread + helper)" if r["impl"] == "workbench" else f"pytorch, {r['threads']} thread(s)"
    groups.setdefault(name, []).append(r)
print()
print(f"{'side':36} {'runs':>4} {'seconds median (min-max)':>26} {'linear MSE median':>18} {'distinct':>9} {'epochs':>9} {f'MSE<={quality} & k distinct':>26}")
medians = {}
for name, g in groups.items():
    sec = [x["train_seconds"] for x in g]
    mse = [x["linear_mse"] for x in g if x["linear_mse"] is not None] or [float("nan")]
    ok = sum(1 for x in g if x["linear_mse"] is not None and x["linear_mse"] <= quality and x["distinct"] == x["k"])
    medians[name] = statistics.median(sec)
    print(f"{name:36} {len(g):>4} {statistics.median(sec):>12.2f} ({min(sec):.2f}-{max(sec):.2f})"
          f" {statistics.median(mse):>18.5f} {min(x['distinct'] for x in g):>4}-{max(x['distinct'] for x in g):<4}"
          f" {min(x['epochs'] for x in g):>4}-{max(x['epochs'] for x in g):<4} {ok:>20} of {len(g)}"
          + (f"  ({sum(1 for x in g if x.get('timed_out'))} timed out)" if any(x.get("timed_out") for x in g) else ""))
wb = [v for n, v in medians.items() if n.startswith("workbench")]
peers = {n: v for n, v in medians.items() if n.startswith("pytorch")}
if wb and peers:
    best = min(peers, key=peers.get)
    print(f"\nbest peer: {best}, {peers[best]:.2f} s; workbench {wb[0]:.2f} s: the workbench is {peers[best] / wb[0]:.2f}x faster (median seconds to quality)")
EOF
