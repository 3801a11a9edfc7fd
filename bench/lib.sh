# Shared by the benchmark scripts (bench/run, bench/site): tool checks, warm-up and wrk measurements.
# The caller sets DURATION, RUNS, CONNECTIONS, WARMUP_MIN and WARMUP_MAX.

# The services run on a JDK 21+ when one is installed (virtual threads); the launcher honours JAVA_HOME.
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && export JAVA_HOME=$candidate && break
  done
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Starts the platform the README's way, with full JIT (the launcher's default trades peak speed for start-up), no
# access log and the rate limits out of the load generator's way; stops it (and the bench's nginx) on exit.
start_platform() {
  echo "== starting the platform (rate limits raised for the load generator)"
  ./platform down >/dev/null 2>&1 || true
  export RATE_LIMIT_VIEWS_REPLENISH=1000000 RATE_LIMIT_VIEWS_BURST=2000000 GATEWAY_ACCESS_LOG=false PLATFORM_JAVA_OPTS=""
  ./platform up >"$WORK/platform-up.log" 2>&1 || { cat "$WORK/platform-up.log"; exit 1; }
  trap './platform down >/dev/null 2>&1 || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT
}

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is missing; install it (Debian: apt-get install $2)" >&2; exit 1; }; }

# Warms a target with the measurement's own load: 5 s runs, at least WARMUP_MIN s, until two consecutive runs differ
# by less than 10 % (or WARMUP_MAX s). Prints the seconds of warm-up and the last two rates.
warm_up() {
  local elapsed=0 previous=0 rate
  while :; do
    rate=$(wrk -t1 -c"$CONNECTIONS" -d5s "$@" 2>/dev/null | awk '/Requests\/sec/ {print $2}')
    rate=${rate:-0}
    elapsed=$((elapsed + 5))
    if [ "$elapsed" -ge "$WARMUP_MAX" ] || { [ "$elapsed" -ge "$WARMUP_MIN" ] &&
        awk -v a="$previous" -v b="$rate" 'BEGIN { if (a <= 0) exit 1; d = (b - a) / a; exit !(d < 0.10 && d > -0.10) }'; }; then
      break
    fi
    previous=$rate
  done
  echo "$elapsed $previous $rate"
}

# One measurement: warm-up, then RUNS runs; prints "name rps p50 p99 non2xx warmup-seconds" (medians of the runs).
measure() {
  local name=$1; shift
  local warm; warm=$(warm_up "$@")
  echo "   $name: warmed ${warm%% *} s (last two 5 s runs: ${warm#* } req/s)" >&2
  local results=()
  for _ in $(seq 1 "$RUNS"); do
    local out; out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    results+=("$rps $(to_ms "$p50") $(to_ms "$p99") ${non2xx:-0}")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v name="$name" -v n="$RUNS" -v warm="${warm%% *}" \
    'NR==int((n+1)/2) {print name, $1, $2, $3, $4, warm}'
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v+0 } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }

