#!/usr/bin/env bash
# compute-service benchmarks, each measured against its baseline in the same run:
#   kernel   JMH, one thread over [0,1e8) and [0,1e9), beside the C reference (gcc -O3 -march=native)
#   cores    CORES vs SINGLE over [0,1e9) on one service using every core
#   pods     PODS over [0,1e10): 2 workers each pinned to one core (taskset) vs 1 such worker, and the
#            fan-out's overhead (PODS with 1 worker vs that worker's own CORES call)
#   latency  p50/p99 of a tiny unary call on loopback (HdrHistogram)
# Usage: compute-service/bench/run-benchmarks.sh [kernel|cores|pods|latency|all]   (default all)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE="$(dirname "$HERE")"
ROOT="$(dirname "$MODULE")"
cd "$ROOT"
. bin/java-env
WHAT="${1:-all}"
OUT="$MODULE/target/bench"
mkdir -p "$OUT"
VECTOR=--add-modules=jdk.incubator.vector
PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "building compute-service and its benchmarks (-Pbench)..."
./mvnw -B -q -pl compute-service -Pbench package -DskipTests
./mvnw -B -q -pl compute-service -Pbench dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$OUT/classpath.txt")"
JAR="$MODULE/target/quarkus-app/quarkus-run.jar"

bench() { java -cp "$CP" dev.fanout.compute.bench.ComputeBench "$@"; }

# start_service NAME HOST PORT [taskset cpus] [extra -D...]: runs the packaged service, waits for its port.
start_service() {
  local name=$1 host=$2 port=$3 cpus=$4; shift 4
  local pin=()
  [ "$cpus" != "-" ] && pin=(taskset -c "$cpus")
  "${pin[@]}" java $VECTOR -Dquarkus.http.host="$host" -Dquarkus.http.port="$port" "$@" -jar "$JAR" \
    >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$name did not start; see $OUT/$name.log" >&2
  exit 1
}
stop_services() { cleanup; PIDS=(); sleep 1; }

if [ "$WHAT" = kernel ] || [ "$WHAT" = all ]; then
  echo "== kernel: JMH (one thread) beside the C reference, same run"
  gcc -O3 -march=native -o "$OUT/sum_squares" "$MODULE/src/bench/c/sum_squares.c"
  C8=$("$OUT/sum_squares" 100000000 10); echo "$C8"
  C9=$("$OUT/sum_squares" 1000000000 5); echo "$C9"
  java $VECTOR -cp "$CP" org.openjdk.jmh.Main KernelBenchmark -rf json -rff "$OUT/kernel.json" | grep -E "^(Benchmark|KernelBenchmark)"
  C8=$("$OUT/sum_squares" 100000000 10); echo "$C8 (again, after JMH)"
  C9=$("$OUT/sum_squares" 1000000000 5); echo "$C9 (again, after JMH)"
  python3 - "$OUT/kernel.json" "$(echo "$C8" | awk '{print $6}')" "$(echo "$C9" | awk '{print $6}')" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
c = {"100000000": float(sys.argv[2]), "1000000000": float(sys.argv[3])}
for r in results:
    end, loop = r["params"]["end"], r["params"]["loop"]
    ms = r["primaryMetric"]["score"]
    print(f"kernel {loop:6} [0,{end}): {ms:8.2f} ms  C {c[end]:8.2f} ms  ratio {ms / c[end]:.2f}x")
PY
fi

if [ "$WHAT" = cores ] || [ "$WHAT" = all ]; then
  echo "== CORES vs SINGLE over [0,1e9), one service on all $(nproc) cores"
  start_service cores 127.0.0.1 18181 -
  S=$(bench call 127.0.0.1:18181 single 0 1000000000 5); echo "$S"
  C=$(bench call 127.0.0.1:18181 cores 0 1000000000 5); echo "$C"
  python3 -c "import sys; s=float(sys.argv[1]); c=float(sys.argv[2]); print(f'CORES speed-up over SINGLE: {s/c:.2f}x')" \
    "$(echo "$S" | sed 's/.*median service \([0-9.]*\) ms.*/\1/')" "$(echo "$C" | sed 's/.*median service \([0-9.]*\) ms.*/\1/')"
  stop_services
fi

if [ "$WHAT" = pods ] || [ "$WHAT" = all ]; then
  echo "== PODS over [0,1e10): workers pinned to one core each (taskset), found by one name (hosts file)"
  HOSTS="$OUT/workers.hosts"
  printf '127.0.0.1 localhost\n127.0.43.1 compute-workers\n127.0.43.2 compute-workers\n127.0.44.1 one-worker\n' >"$HOSTS"
  start_service worker-1 127.0.43.1 18281 0
  start_service worker-2 127.0.43.2 18281 1
  start_service coordinator-2 127.0.0.1 18280 - -Djdk.net.hosts.file="$HOSTS" -Dfanout.compute.workers=dns:///compute-workers:18281
  start_service worker-solo 127.0.44.1 18281 0
  start_service coordinator-1 127.0.0.1 18290 - -Djdk.net.hosts.file="$HOSTS" -Dfanout.compute.workers=dns:///one-worker:18281
  DIRECT=$(bench call 127.0.44.1:18281 cores 0 10000000000 3); echo "worker alone, direct: $DIRECT"
  ONE=$(bench call 127.0.0.1:18290 pods 0 10000000000 3); echo "1 worker:  $ONE"
  TWO=$(bench call 127.0.0.1:18280 pods 0 10000000000 3); echo "2 workers: $TWO"
  ms() { echo "$1" | sed 's/.*median service \([0-9.]*\) ms.*/\1/'; }
  python3 -c "import sys; d,o,t=map(float,sys.argv[1:]); print(f'PODS 2 workers vs 1: {o/t:.2f}x; fan-out overhead (PODS 1 worker vs that worker direct): {100*(o-d)/d:.1f}%')" \
    "$(ms "$DIRECT")" "$(ms "$ONE")" "$(ms "$TWO")"
  stop_services
fi

if [ "$WHAT" = latency ] || [ "$WHAT" = all ]; then
  echo "== latency of a tiny unary call on loopback"
  start_service latency 127.0.0.1 18381 -
  bench latency 127.0.0.1:18381 20000
  stop_services
fi
