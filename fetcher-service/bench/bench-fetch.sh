#!/usr/bin/env bash
# End-to-end fetch bench on loopback (run from anywhere; no internet needed):
#   fetcher-service/bench/bench-fetch.sh                  # every workload
#   fetcher-service/bench/bench-fetch.sh huge 10k         # some: fanout tutorial 10k huge pod
#   fetcher-service/bench/bench-fetch.sh cpu              # not by default: CPU per URL of every fetcher, interleaved
#   fetcher-service/bench/bench-fetch.sh tracing          # not by default: the same, with a fetcher tracing too
#   REPEATS=5 fetcher-service/bench/bench-fetch.sh        # more runs per tool (median reported)
#   BASELINE=/tmp/old/fetcher-service/target/quarkus-app fetcher-service/bench/bench-fetch.sh
#                                                         # also an older build, in the same run
# Starts packaged fetchers: an origin (the built-in simulated origin, nothing else) and the fetcher
# under test (and the BASELINE build's beside it, same settings), then times the issue's workloads
# through the fetchers' gRPC API beside python3-aiohttp, curl --parallel and curl | openssl against
# the same origin, and prints ratios: of wall time, and of CPU per URL (each whole process's user +
# system time over the timed calls: the fetcher's beside curl's and aiohttp's own). "pod" runs a fetcher with the settings a pod gets (deploy/)
# and reports its peak RSS against the pod's memory limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. bin/java-env 2>/dev/null || export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
REPEATS=${REPEATS:-3}
WARMUPS=${WARMUPS:-2}
ORIGIN_PORT=${ORIGIN_PORT:-18090}
FETCHER_PORT=${FETCHER_PORT:-18092}
BASELINE_PORT=$((FETCHER_PORT + 1))
POD_PORT=$((FETCHER_PORT + 2))
APP=fetcher-service/target/quarkus-app
BASELINE=${BASELINE:-}
WORKLOADS=" ${*:-fanout tutorial 10k huge pod} "
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
wants() { [[ $WORKLOADS == *" $1 "* ]]; }

if [ ! -f "$APP/quarkus-run.jar" ]; then
  echo "building fetcher-service ..."
  ./mvnw -B -q -pl fetcher-service -am package -DskipTests
fi
if [ -n "$BASELINE" ] && [ ! -f "$BASELINE/quarkus-run.jar" ]; then
  echo "BASELINE=$BASELINE has no quarkus-run.jar (a fetcher-service/target/quarkus-app directory)"; exit 2
fi
# Debian's python3-aiohttp lives in the system interpreter, whatever python3 is first on PATH.
PYTHON=/usr/bin/python3
if wants fanout && ! "$PYTHON" -c 'import aiohttp' 2>/dev/null; then
  echo "installing python3-aiohttp ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiohttp >/dev/null
fi

STARTED_PID=
declare -A PID_OF # port -> the process serving it
start_service() { # name port app extra-args... (sets STARTED_PID)
  local name=$1 port=$2 app=$3; shift 3
  "$JAVA" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$app/quarkus-run.jar" \
    >"$WORK/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  PID_OF[$port]=$STARTED_PID
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "$name did not start:"; cat "$WORK/$name.log"; exit 1
}

# The origin gets room to serve 10 000 slow responses; the fetchers run with a 256 MB heap cap,
# so a body held in memory would fail the 1 GB case instead of passing it.
start_service origin "$ORIGIN_PORT" "$APP" -Xmx1g -Dfanout.fetcher.origin.enabled=true
ORIGIN_PID=$STARTED_PID
FETCHER_APP_SETTINGS=(-Dfanout.fetcher.allowed-networks=127.0.0.1/32
  -Dfanout.fetcher.max-connections-per-host=1000 -Dfanout.fetcher.max-body-size=2G)
FETCHER_JVM=(-Xmx256m -XX:+UseSerialGC -Xlog:gc "${FETCHER_APP_SETTINGS[@]}")
start_service fetcher "$FETCHER_PORT" "$APP" "${FETCHER_JVM[@]}"
FETCHER_PID=$STARTED_PID
# Fetchers to time, as "port:label"; the baseline's rows follow the fetcher's, each run right after it.
TARGETS=("$FETCHER_PORT:")
if [ -n "$BASELINE" ]; then
  start_service baseline "$BASELINE_PORT" "$BASELINE" "${FETCHER_JVM[@]}"
  BASELINE_PID=$STARTED_PID
  TARGETS+=("$BASELINE_PORT: (baseline)")
fi
TRACED_PORT=$((FETCHER_PORT + 4))
if wants tracing; then
  # A fetcher with tracing on, its spans sent over OTLP/HTTP to a sink on loopback that drops them;
  # started here, so the warm-up below warms it as much as the others.
  SINK_PORT=$((FETCHER_PORT + 3))
  "$PYTHON" -c '
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()' "$SINK_PORT" &
  PIDS+=("$!")
  OTEL_SDK_DISABLED=false OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$SINK_PORT \
    start_service traced "$TRACED_PORT" "$APP" "${FETCHER_JVM[@]}"
  TRACED_PID=$STARTED_PID
  TARGETS+=("$TRACED_PORT: (tracing on)")
fi
ORIGIN=http://127.0.0.1:$ORIGIN_PORT/origin

urls() { # count path -> file
  local file="$WORK/urls-$1-${2//\//_}.txt"
  for i in $(seq 1 "$1"); do echo "$ORIGIN$2"; done >"$file"
  echo "$file"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p'; }

client() { # port mode concurrency urlfile calls (each call's line also has the fetcher's and the origin's CPU over it)
  "$JAVA" -cp "$APP/app/*:$APP/lib/main/*" fetcher-service/bench/FetchBenchClient.java \
    "127.0.0.1:$1" "${@:2}" "${PID_OF[$1]}" "$ORIGIN_PID" 2>/dev/null
}
# port mode concurrency urlfile -> median seconds of REPEATS calls (lines in $WORK/last.txt), made once the
# client's own JIT has settled on the call (FetchBenchClient's warm+): a fresh client's compiling took CPU
# from the two cores the fetcher and the origin share, during the timed calls.
fanout() {
  client "$1" "$2" "$3" "$4" "warm+$REPEATS" >"$WORK/last.txt"
  if grep -v ' failed=0 ' "$WORK/last.txt" >&2; then echo "fanout $2: failed URLs above" >&2; fi
  seconds_of <"$WORK/last.txt" | median
}
# The mean of the $2 values (cpu, service_cpu, origin_cpu: seconds) of the calls whose lines are in $1
# (key=value pairs), without the highest and the lowest from five calls on. A mean, as the fetcher's
# CPU is read in clock ticks (10 ms, an eighth of a warm call) and a mean's error shrinks with the
# calls; trimmed, as a neighbour on a shared machine can double one call.
cpu_mean() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$1" | sort -n | awk '{v[NR] = $1}
  END {lo = NR >= 5 ? 2 : 1; hi = NR >= 5 ? NR - 1 : NR; for (i = lo; i <= hi; i++) s += v[i];
    printf "%.6f", s / (hi - lo + 1)}'; }
# CPU per URL in microseconds: cpu_mean of $1's $2 over $3 URLs a call.
cpu_per_url() { awk -v s="$(cpu_mean "$1" "$2")" -v n="$3" 'BEGIN {printf "%.0f", s / n * 1e6}'; }
aiohttp() { # concurrency urlfile -> median seconds (lines in $WORK/aiohttp.txt)
  "$PYTHON" fetcher-service/bench/aiohttp_fetch.py "$2" "$1" $((REPEATS + 1)) | tail -n +2 >"$WORK/aiohttp.txt"
  seconds_of <"$WORK/aiohttp.txt" | median
}
curl_once() { # concurrency urlfile -> "seconds=S cpu=USER SYSTEM" of one curl --parallel over the URLs
  local config="$WORK/curl.cfg" TIMEFORMAT='seconds=%R cpu=%U %S'
  sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$2" >"$config"
  { time curl --parallel --parallel-max "$1" --parallel-immediate -s -K "$config" >/dev/null 2>&1; } 2>&1
}
curl_parallel() { # concurrency urlfile -> median seconds (lines in $WORK/curl.txt, with curl's own CPU)
  for _ in $(seq 0 "$REPEATS"); do curl_once "$1" "$2"; done | tail -n +2 | awk '{split($0, a, "cpu="); split(a[2], t, " "); printf "%s cpu=%.3f\n", $1, t[1] + t[2]}' >"$WORK/curl.txt"
  seconds_of <"$WORK/curl.txt" | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
# The heap over the collections that log $1 has after its line $2 (-Xlog:gc): the most in use when
# one started, and the most left after one, in MiB. Sampling from outside misses the peaks (jstat
# sees eden only at collections), and /q/metrics five times a second cost the fetcher a fifth of
# its speed on a 1 GiB body.
heap_of() { tail -n +"$(($2 + 1))" "$1" | sed -n 's/.*Pause.* \([0-9]*\)M->\([0-9]*\)M(.*/\1 \2/p' \
  | awk '{if ($1 > peak) peak = $1; if ($2 > left) left = $2}
      END {if (NR) printf "heap peak %d MiB, %d MiB after GC", peak, left; else printf "no GC"}'; }
heap_in_use() { "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | sed -n 's/.* total [0-9]*K, used \([0-9]*\)K.*/\1/p' \
  | awk '{used += $1} END {printf "%d MiB in use at the end", used / 1024}'; }
pid_of() { echo "${PID_OF[$1]}"; }
log_of() { case $1 in "$FETCHER_PORT") echo "$WORK/fetcher.log" ;; "$TRACED_PORT") echo "$WORK/traced.log" ;; *) echo "$WORK/baseline.log" ;; esac; }
sample() { # command pid... : prints one value per 0.1 s while the first pid lives (run in the background)
  local what=$1 pid=$2
  while kill -0 "$pid" 2>/dev/null; do "$what" "$pid"; echo; sleep 0.1; done
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

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
# The JIT's CPU is no small part of a fresh fetcher's: seen, REACTIVE's first call of 1000 URLs took
# 2.8 s of CPU, its tenth 0.2 s, and only after about twenty did its calls settle at 0.07 s. So each
# mode is called until its CPU per call stops falling, and that one-off cost is shown apart.
# Twice round every workload: each one's profile makes the JIT throw away and recompile code that the
# others had settled (seen: REACTIVE at 159 us of CPU per URL on its first call after the 64 MiB
# bodies, against 55-75 us before them), and a service that runs for days has settled on all of them.
echo "warming the fetchers and the origin, twice round: every mode until its CPU per call settles, $WARMUPS calls of every other workload ..."
for target in "${TARGETS[@]}"; do
  port=${target%%:*}
  for round in 1 2; do
    for mode in REACTIVE VIRTUAL_THREADS THREADS; do
      client "$port" "$mode" 100 "$A" settle | sed -n "s/settled after \([0-9]*\) calls: service_cpu_total=\(.*\)/  $(tr 'A-Z_' 'a-z-' <<<"$mode")${target#*:}, round $round: settled after \1 calls of 1000 URLs, \2 s of the fetcher's CPU/p"
    done
    client "$port" REACTIVE 500 "$C" "$WARMUPS" >/dev/null
    for mode in REACTIVE VIRTUAL_THREADS THREADS SEQUENTIAL; do client "$port" "$mode" 1 "$W" "$WARMUPS" >/dev/null; done
  done
done

echo "fetch bench: $(nproc) cores, load $(load), median of $REPEATS runs, each client warmed first (its JIT settled)"

if wants fanout; then
  echo
  echo "== 1000 URLs x 100 ms x 10 kB, concurrency 100 (ideal 1.00 s); CPU per URL: each whole process's"
  py=$(aiohttp 100 "$A")
  py_cpu=$(cpu_per_url "$WORK/aiohttp.txt" cpu 1000)
  cu=$(curl_parallel 100 "$A")
  cu_cpu=$(cpu_per_url "$WORK/curl.txt" cpu 1000)
  row() { printf '%-28s %7s s  %5sx ideal  %5sx aiohttp  %5sx curl  %5s us CPU/URL  %5sx curl\n' \
    "$1" "$2" "$(ratio "$2" 1)" "$(ratio "$2" "$py")" "$(ratio "$2" "$cu")" "$3" "$(ratio "$3" "$cu_cpu")"; }
  for mode in REACTIVE VIRTUAL_THREADS THREADS; do
    label=$(tr 'A-Z_' 'a-z-' <<<"$mode")
    for target in "${TARGETS[@]}"; do
      s=$(fanout "${target%%:*}" "$mode" 100 "$A")
      row "fanout $label${target#*:}" "$s" "$(cpu_per_url "$WORK/last.txt" service_cpu 1000)"
    done
  done
  row "python3-aiohttp (sem 100)" "$py" "$py_cpu"
  row "curl --parallel-max 100" "$cu" "$cu_cpu"
fi

if wants tutorial; then
  echo
  echo "== the tutorial's shape: 50 URLs x 100 ms x 10 kB (sum of latencies 5.0 s); CPU per URL: each whole process's"
  one=$(curl_parallel 1 "$B")
  one_cpu=$(cpu_per_url "$WORK/curl.txt" cpu 50)
  for target in "${TARGETS[@]}"; do
    sequential=$(fanout "${target%%:*}" SEQUENTIAL 1 "$B")
    sequential_cpu=$(cpu_per_url "$WORK/last.txt" service_cpu 50)
    five=$(fanout "${target%%:*}" THREADS 5 "$B")
    printf '%-28s %7s s  %5s us CPU/URL  %5sx curl\n%-28s %7s s  (%sx faster than sequential)\n' \
      "fanout sequential${target#*:}" "$sequential" "$sequential_cpu" "$(ratio "$sequential_cpu" "$one_cpu")" \
      "fanout threads, 5${target#*:}" "$five" "$(ratio "$sequential" "$five")"
  done
  printf '%-28s %7s s  %5s us CPU/URL  %5sx curl\n' "curl, one URL at a time" "$one" "$one_cpu" "1.00"
fi

if wants 10k; then
  echo
  echo "== 10 000 URLs x 20 ms x 1 kB, concurrency 500 (ideal 0.40 s)"
  cu10k=$(curl_parallel 500 "$C")
  for target in "${TARGETS[@]}"; do
    port=${target%%:*}
    pid=$(pid_of "$port")
    sample rss_mb "$pid" >"$WORK/rss.txt" &
    sampler=$!
    s=$(fanout "$port" REACTIVE 500 "$C")
    kill "$sampler" 2>/dev/null || true
    # CPU seconds per call over the timed calls: the fetcher's, the client's own and the origin's.
    fcpu=$(cpu_mean "$WORK/last.txt" service_cpu) ccpu=$(cpu_mean "$WORK/last.txt" cpu) ocpu=$(cpu_mean "$WORK/last.txt" origin_cpu)
    printf '%-28s %7s s  %5sx curl   fetcher peak RSS %s MiB\n' "fanout reactive${target#*:}" "$s" "$(ratio "$s" "$cu10k")" \
      "$(sort -n "$WORK/rss.txt" | tail -1)"
    awk -v f="$fcpu" -v c="$ccpu" -v o="$ocpu" -v n="$(nproc)" 'BEGIN {t = f + c + o;
      printf "  CPU per call: fetcher %.2f s (%d%%), gRPC client %.2f s (%d%%), origin %.2f s (%d%%); over %d cores >= %.2f s\n",
        f, 100 * f / t, c, 100 * c / t, o, 100 * o / t, n, t / n}'
  done
  printf '%-28s %7s s\n' "curl --parallel-max 500" "$cu10k"
  # fanout itself, the packaged CLI printing its table (to /dev/null): its CPU per result is the CPU of a
  # call on 10 000 URLs less that of a call on 10, over the 9 990 results between (its start-up cancels
  # out), beside the fetcher's CPU per URL over the same calls.
  cli_cpu() { # urlfile -> "CLI-CPU FETCHER-CPU" in seconds, of one `fanout fetch` on it
    local TIMEFORMAT='%U %S' before after
    before=$(cpu_ticks "$FETCHER_PID")
    { time bin/fanout fetch --fetcher "127.0.0.1:$FETCHER_PORT" --mode reactive --concurrency 500 --urls-file "$1" \
        >/dev/null 2>&1 || true; } 2>"$WORK/cli-time.txt"
    after=$(cpu_ticks "$FETCHER_PID")
    awk -v a="$before" -v b="$after" -v hz="$(getconf CLK_TCK)" '{printf "%.3f %.3f\n", $1 + $2, (b - a) / hz}' "$WORK/cli-time.txt"
  }
  TEN=$(urls 10 /delay/20/bytes/1000)
  for _ in $(seq 1 "$WARMUPS"); do cli_cpu "$C" >/dev/null; done
  for _ in $(seq 1 "$REPEATS"); do
    few=$(cli_cpu "$TEN")
    echo "$few $(cli_cpu "$C")"
  done >"$WORK/cli.txt"
  # columns: CLI on 10, fetcher on 10, CLI on 10 000, fetcher on 10 000
  awk '{cli += $3 - $1; fetcher += $4 - $2; n++} END {c = cli / n / 9990 * 1e6; f = fetcher / n / 9990 * 1e6;
    printf "%-28s %7.0f us CPU/result  %.2fx the fetcher'"'"'s CPU/URL (%.0f us) in the same calls\n", "fanout fetch (the CLI)", c, c / f, f}' "$WORK/cli.txt"
fi

if wants huge; then
  echo
  echo "== one 1 GiB body, digested while streaming (fetcher heap capped at 256 MB), median of $REPEATS, each client warmed first"
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
    for target in "${TARGETS[@]}"; do
      port=${target%%:*}
      log=$(log_of "$port")
      logged=$(wc -l <"$log")
      client "$port" "$mode" 1 "$D" "warm+$REPEATS" >"$WORK/huge-out.txt" # warmed as in fanout()
      seconds=$(seconds_of <"$WORK/huge-out.txt" | median)
      digests=$(sed -n 's/.*sha256=\([0-9a-f]*\).*/\1/p' "$WORK/huge-out.txt" | sort -u)
      printf '%-28s %7s s  %sx curl|openssl  bytes %s  digest %s  %s\n' "fanout $mode${target#*:}" \
        "$seconds" "$(ratio "$seconds" "$dgst")" "$(sed -n 's/.* bytes=\([0-9]*\).*/\1/p' "$WORK/huge-out.txt" | sort -u | tr '\n' ' ')" \
        "$([ "$digests" = "$expected" ] && echo matches || echo "MISMATCH ($digests)")" "$(heap_of "$log" "$logged"), $(heap_in_use "$(pid_of "$port")")"
    done
  done
fi

if wants pod; then
  # What a pod's fetcher runs with: the image's run-java.sh options (ubi9/openjdk-25-runtime: heap
  # from JAVA_MAX_MEM_RATIO, ParallelGC sized to give memory back), deploy/'s environment for it,
  # and the container's limits, which the JVM would read from its cgroup (-XX:MaxRAM and
  # -XX:ActiveProcessorCount stand in for them here).
  limit_mi=$(sed -n 's/.*limits: {cpu: "\([0-9]*\)", memory: \([0-9]*\)Mi}.*/\2/p' deploy/base/fetcher.yaml)
  cpus=$(sed -n 's/.*limits: {cpu: "\([0-9]*\)", memory: \([0-9]*\)Mi}.*/\1/p' deploy/base/fetcher.yaml)
  env_of() { sed -n "s/^$1=//p" deploy/base/config/fetcher.env; }
  ratio_pct=$(env_of JAVA_MAX_MEM_RATIO)
  read -r -a jdk_options <<<"$(env_of JDK_JAVA_OPTIONS)"
  POD_JVM=(-XX:MaxRAM="${limit_mi}m" -XX:ActiveProcessorCount="$cpus" -XX:MaxRAMPercentage="${ratio_pct:-80}"
    -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4
    -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError "${jdk_options[@]}")
  echo
  echo "== a pod's fetcher (deploy/: ${limit_mi} MiB limit, ${cpus} CPU, ${POD_JVM[*]:2})"
  start_service pod "$POD_PORT" "$APP" "${POD_JVM[@]}" "${FETCHER_APP_SETTINGS[@]}"
  pod_pid=$STARTED_PID
  sample rss_mb "$pod_pid" >"$WORK/pod-rss.txt" &
  sampler=$!
  s=$(fanout "$POD_PORT" REACTIVE 500 "$C")
  after10k=$(sort -n "$WORK/pod-rss.txt" | tail -1)
  for mode in REACTIVE VIRTUAL_THREADS THREADS; do fanout "$POD_PORT" "$mode" 100 "$A" >/dev/null; done
  for mode in REACTIVE VIRTUAL_THREADS THREADS SEQUENTIAL; do client "$POD_PORT" "$mode" 1 "$D" 1 >/dev/null; done
  s2=$(fanout "$POD_PORT" REACTIVE 500 "$C")
  kill "$sampler" 2>/dev/null || true
  peak=$(sort -n "$WORK/pod-rss.txt" | tail -1)
  headroom=$((limit_mi * 70 / 100))
  printf '10 000 x 20 ms, c 500 (%d calls after the client warmed): %s s, peak RSS %s MiB\n' "$REPEATS" "$s" "$after10k"
  printf 'then 1000 x 100 ms in every mode, 1 GiB in every mode, 10 000 x 20 ms again (%s s): peak RSS %s MiB\n' "$s2" "$peak"
  printf 'peak RSS %s MiB of the %s MiB limit (%s%%); 30%% headroom allows %s MiB: %s\n' "$peak" "$limit_mi" \
    "$((peak * 100 / limit_mi))" "$headroom" "$([ "$peak" -le "$headroom" ] && echo within || echo OVER)"
fi
if wants tracing || wants cpu; then
  # Each fetcher's CPU per URL over the same calls, interleaved between the fetchers and a curl
  # --parallel-max 100 on the same URLs so the machine's drifting load falls on each alike, against the
  # first fetcher (this build's; with "tracing", tracing on is a fetcher of its own, the default being
  # off: no overlay but components/tracing turns it on) and against curl. Summed over all the calls, the
  # clock ticks' rounding is one tick over them all.
  echo
  echo "== each fetcher's CPU per URL over $REPEATS interleaved calls of 1000 URLs x 100 ms x 10 kB, concurrency 100, each round with a curl --parallel-max 100"
  for mode in REACTIVE VIRTUAL_THREADS THREADS; do
    before=()
    for target in "${TARGETS[@]}"; do before+=("$(cpu_ticks "$(pid_of "${target%%:*}")")"); done
    for _ in $(seq 1 "$REPEATS"); do
      for target in "${TARGETS[@]}"; do client "${target%%:*}" "$mode" 100 "$A" 1 | grep -v ' failed=0 ' >&2 || true; done
      curl_once 100 "$A"
    done >"$WORK/curl-turns.txt"
    curl_us=$(awk -v n=$((REPEATS * 1000)) '{split($0, a, "cpu="); split(a[2], t, " "); s += t[1] + t[2]}
      END {printf "%.1f", s / n * 1e6}' "$WORK/curl-turns.txt")
    first=
    for i in "${!TARGETS[@]}"; do
      target=${TARGETS[$i]}
      us=$(awk -v a="${before[$i]}" -v b="$(cpu_ticks "$(pid_of "${target%%:*}")")" -v hz="$(getconf CLK_TCK)" \
        -v n=$((REPEATS * 1000)) 'BEGIN {printf "%.1f", (b - a) / hz / n * 1e6}')
      first=${first:-$us}
      printf '%-40s %6s us CPU/URL  %sx the first  %sx curl\n' "fanout $(tr 'A-Z_' 'a-z-' <<<"$mode")${target#*:}" "$us" \
        "$(ratio "$us" "$first")" "$(ratio "$us" "$curl_us")"
    done
    printf '%-40s %6s us CPU/URL\n' "curl --parallel-max 100, in turn" "$curl_us"
  done
fi
echo
echo "load at the end: $(load)"
