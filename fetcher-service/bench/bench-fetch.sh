#!/usr/bin/env bash
# End-to-end fetch bench on loopback (run from anywhere; no internet needed):
#   fetcher-service/bench/bench-fetch.sh            # every workload
#   REPEATS=5 fetcher-service/bench/bench-fetch.sh  # more runs per tool (median reported)
# Starts two packaged fetchers: an origin (the built-in simulated origin, nothing else) and the
# fetcher under test, then times the issue's workloads through the fetcher's gRPC API beside
# python3-aiohttp and curl --parallel against the same origin, and prints ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. bin/java-env 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
REPEATS=${REPEATS:-3}
WARMUPS=${WARMUPS:-2}
ORIGIN_PORT=${ORIGIN_PORT:-18090}
FETCHER_PORT=${FETCHER_PORT:-18092}
APP=fetcher-service/target/quarkus-app
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f "$APP/quarkus-run.jar" ]; then
  echo "building fetcher-service ..."
  ./mvnw -B -q -pl fetcher-service package -DskipTests
fi
# Debian's python3-aiohttp lives in the system interpreter, whatever python3 is first on PATH.
PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import aiohttp' 2>/dev/null; then
  echo "installing python3-aiohttp ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiohttp >/dev/null
fi

start_service() { # name port extra-args...
  local name=$1 port=$2; shift 2
  "$JAVA" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$APP/quarkus-run.jar" \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "$name did not start:"; cat "$WORK/$name.log"; exit 1
}

# The origin gets room to serve 10 000 slow responses; the fetcher runs with a 256 MB heap cap,
# so a body held in memory would fail the 1 GB case instead of passing it.
start_service origin "$ORIGIN_PORT" -Xmx1g -Dfanout.fetcher.origin.enabled=true
FETCHER_JVM=(-Xmx256m -XX:+UseSerialGC -Dfanout.fetcher.allowed-networks=127.0.0.1/32
  -Dfanout.fetcher.max-connections-per-host=1000 -Dfanout.fetcher.max-body-size=2G)
start_service fetcher "$FETCHER_PORT" "${FETCHER_JVM[@]}"
FETCHER_PID=${PIDS[1]}
ORIGIN=http://127.0.0.1:$ORIGIN_PORT/origin

urls() { # count path -> file
  local file="$WORK/urls-$1-${2//\//_}.txt"
  for i in $(seq 1 "$1"); do echo "$ORIGIN$2"; done >"$file"
  echo "$file"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p'; }

client() { # mode concurrency urlfile calls
  "$JAVA" -cp "$APP/app/*:$APP/lib/main/*" fetcher-service/bench/FetchBenchClient.java \
    "127.0.0.1:$FETCHER_PORT" "$@" 2>/dev/null
}
fanout() { # mode concurrency urlfile -> median seconds (after WARMUPS calls that let the JIT settle)
  client "$1" "$2" "$3" $((REPEATS + WARMUPS)) >"$WORK/last.txt"
  if grep -v ' failed=0 ' "$WORK/last.txt" >&2; then echo "fanout $1: failed URLs above" >&2; fi
  tail -n +$((WARMUPS + 1)) "$WORK/last.txt" | seconds_of | median
}
aiohttp() { # concurrency urlfile
  "$PYTHON" fetcher-service/bench/aiohttp_fetch.py "$2" "$1" $((REPEATS + 1)) | tail -n +2 | seconds_of | median
}
curl_parallel() { # concurrency urlfile
  local config="$WORK/curl.cfg"
  sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$2" >"$config"
  for _ in $(seq 0 "$REPEATS"); do
    local t0 t1
    t0=$(date +%s%N)
    curl --parallel --parallel-max "$1" --parallel-immediate -s -K "$config" 2>/dev/null
    t1=$(date +%s%N)
    echo "seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
  done | tail -n +2 | seconds_of | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$FETCHER_PID/status"; }
heap_mb() { curl -s "http://127.0.0.1:$FETCHER_PORT/q/metrics" \
  | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {sum += $NF} END {printf "%d", sum / 1048576}'; }

A=$(urls 1000 /delay/100/bytes/10000)
B=$(urls 50 /delay/100/bytes/10000)
C=$(urls 10000 /delay/20/bytes/1000)
D=$WORK/huge.txt
echo "$ORIGIN/delay/0/bytes/1073741824" >"$D"
W=$WORK/warm.txt
echo "$ORIGIN/delay/0/bytes/67108864" >"$W"

# A long-running service is measured warm. Without this, whichever mode runs first also pays for
# the JIT compiling the shared gRPC, HTTP and origin paths (seen: reactive 1.20x ideal measured
# first on a fresh fetcher, 1.05x once warm), and the modes after it look better than they are.
echo "warming the fetcher and the origin: $WARMUPS calls of every mode on every workload ..."
for mode in REACTIVE VIRTUAL_THREADS THREADS; do client "$mode" 100 "$A" "$WARMUPS" >/dev/null; done
client REACTIVE 500 "$C" "$WARMUPS" >/dev/null
for mode in REACTIVE VIRTUAL_THREADS THREADS SEQUENTIAL; do client "$mode" 1 "$W" "$WARMUPS" >/dev/null; done

echo "fetch bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $REPEATS runs after $WARMUPS warm-up calls"
echo
echo "== 1000 URLs x 100 ms x 10 kB, concurrency 100 (ideal 1.00 s)"
reactive=$(fanout REACTIVE 100 "$A")
virtual=$(fanout VIRTUAL_THREADS 100 "$A")
threads=$(fanout THREADS 100 "$A")
py=$(aiohttp 100 "$A")
cu=$(curl_parallel 100 "$A")
printf '%-28s %7s s  %5sx ideal  %5sx aiohttp  %5sx curl\n' \
  "fanout reactive" "$reactive" "$(ratio "$reactive" 1)" "$(ratio "$reactive" "$py")" "$(ratio "$reactive" "$cu")" \
  "fanout virtual-threads" "$virtual" "$(ratio "$virtual" 1)" "$(ratio "$virtual" "$py")" "$(ratio "$virtual" "$cu")" \
  "fanout threads" "$threads" "$(ratio "$threads" 1)" "$(ratio "$threads" "$py")" "$(ratio "$threads" "$cu")" \
  "python3-aiohttp (sem 100)" "$py" "$(ratio "$py" 1)" "1.00" "$(ratio "$py" "$cu")" \
  "curl --parallel-max 100" "$cu" "$(ratio "$cu" 1)" "$(ratio "$cu" "$py")" "1.00"

echo
echo "== the tutorial's shape: 50 URLs x 100 ms x 10 kB (sum of latencies 5.0 s)"
sequential=$(fanout SEQUENTIAL 1 "$B")
five=$(fanout THREADS 5 "$B")
printf '%-28s %7s s\n%-28s %7s s  (%sx faster than sequential)\n' \
  "fanout sequential" "$sequential" "fanout threads, 5" "$five" "$(ratio "$sequential" "$five")"

echo
echo "== 10 000 URLs x 20 ms x 1 kB, concurrency 500 (ideal 0.40 s)"
( while kill -0 "$FETCHER_PID" 2>/dev/null; do rss_mb; echo; sleep 0.1; done ) >"$WORK/rss.txt" &
SAMPLER=$!
reactive10k=$(fanout REACTIVE 500 "$C")
kill "$SAMPLER" 2>/dev/null || true
peak=$(sort -n "$WORK/rss.txt" | tail -1)
cu10k=$(curl_parallel 500 "$C")
printf '%-28s %7s s  %5sx curl   fetcher peak RSS %s MB\n%-28s %7s s\n' \
  "fanout reactive" "$reactive10k" "$(ratio "$reactive10k" "$cu10k")" "$peak" "curl --parallel-max 500" "$cu10k"

echo
echo "== one 1 GiB body, digested while streaming (fetcher heap capped at 256 MB), median of $REPEATS"
expected=$("$PYTHON" -c '
import hashlib
block = bytes(ord("a") + i % 26 for i in range(26 * 2048))
h = hashlib.sha256()
left = 1 << 30
while left > 0:
    h.update(block[:min(left, len(block))]); left -= len(block)
print(h.hexdigest())')
HUGE=$(cat "$D")
timed() { # command... -> seconds=S (its output kept in $WORK/timed.txt)
  local t0 t1
  t0=$(date +%s%N)
  "$@" >"$WORK/timed.txt"
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "seconds=%.3f\n", (b - a) / 1e9}'
}
curl_dgst() { curl -s "$HUGE" | openssl dgst -sha256 | sed 's/.*= */sha256=/'; }
curl_only() { curl -s -o /dev/null "$HUGE"; }
dgst=$(for _ in $(seq 1 "$REPEATS"); do timed curl_dgst; done | seconds_of | median)
dgst_digest=$(sed -n 's/sha256=//p' "$WORK/timed.txt")
alone=$(for _ in $(seq 1 "$REPEATS"); do timed curl_only; done | seconds_of | median)
printf '%-28s %7s s  1.00x curl|openssl  digest %s\n' "curl | openssl dgst -sha256" "$dgst" \
  "$([ "$dgst_digest" = "$expected" ] && echo matches || echo "MISMATCH ($dgst_digest)")"
printf '%-28s %7s s  %sx curl|openssl  (the origin alone, nothing digested)\n' "curl -o /dev/null" "$alone" "$(ratio "$alone" "$dgst")"
for mode in REACTIVE VIRTUAL_THREADS THREADS SEQUENTIAL; do
  ( while kill -0 "$FETCHER_PID" 2>/dev/null; do heap_mb; echo; sleep 0.2; done ) >"$WORK/heap.txt" &
  SAMPLER=$!
  client "$mode" 1 "$D" "$REPEATS" >"$WORK/huge-out.txt"
  kill "$SAMPLER" 2>/dev/null || true
  seconds=$(seconds_of <"$WORK/huge-out.txt" | median)
  digests=$(sed -n 's/.*sha256=\([0-9a-f]*\).*/\1/p' "$WORK/huge-out.txt" | sort -u)
  printf '%-28s %7s s  %sx curl|openssl  bytes %s  digest %s  heap used max %s MB, RSS now %s MB\n' "fanout $mode" \
    "$seconds" "$(ratio "$seconds" "$dgst")" "$(sed -n 's/.* bytes=\([0-9]*\).*/\1/p' "$WORK/huge-out.txt" | sort -u | tr '\n' ' ')" \
    "$([ "$digests" = "$expected" ] && echo matches || echo "MISMATCH ($digests)")" "$(sort -n "$WORK/heap.txt" | tail -1)" "$(rss_mb)"
done
