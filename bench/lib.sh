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


# ---- ranking-service on its own (bench/ranking; the redis-wipe and redis-cluster-master drills of bench/drills) ----
# A stub article-service, devstack (a standalone Redis and the MongoDB-protocol server), devstack's Redis Cluster and
# ranking-service instances, on ports of their own: a developer's ./platform up (6379, 27017, 7070, 8080-8085) can
# keep running. The caller sets ROOT and WORK; every process started here is stopped by stop_started (by its pid).
RK_STUB_PORT=${BENCH_STUB_PORT:-18181}
RK_MONGO_PORT=${BENCH_MONGO_PORT:-27117}
RK_REDIS_PORT=${BENCH_REDIS_PORT:-16379}
RK_SMTP_PORT=${BENCH_SMTP_PORT:-13025}
RK_CONTROL_PORT=${BENCH_CONTROL_PORT:-17070}
# The cluster's six nodes take this port and the five after it (their cluster bus: the same + 10000).
RK_CLUSTER_PORT=${BENCH_CLUSTER_PORT:-17001}
RK_CLUSTER_CONTROL_PORT=${BENCH_CLUSTER_CONTROL_PORT:-17071}
RK_SHARDS=${RANKING_SHARDS:-16}
RK_RANKING_JAR="$ROOT/ranking-service/target/ranking-service.jar"
RK_DEVSTACK_JAR="$ROOT/devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar"
STARTED_PIDS=()

die() { echo "bench: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

need_port_free() { ! port_in_use "$1" || die "port $1 is taken (BENCH_*_PORT variables choose others)"; }

wait_port() { # port, seconds
  for _ in $(seq 1 $(($2 * 5))); do port_in_use "$1" && return 0; sleep 0.2; done
  return 1
}

need_jars() {
  [ -f "$RK_RANKING_JAR" ] && [ -f "$RK_DEVSTACK_JAR" ] ||
    die "build first: ./mvnw -o -q package -DskipTests -pl devstack,ranking-service -am"
}

# Runs a command in the background with its output in $WORK/<name>.log; remembers its pid.
start_bg() { # name, command...
  local name=$1; shift
  nohup "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$WORK/$name.pid"
  STARTED_PIDS+=("$pid")
}

# Stops what start_bg started, newest first: SIGTERM (devstack's shutdown hooks stop their redis-server processes),
# SIGKILL after 30 s, and then any child process left behind (by its pid).
stop_started() {
  local i pid children
  for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${STARTED_PIDS[$i]}
    kill -0 "$pid" 2>/dev/null || continue
    children=$(pgrep -P "$pid" 2>/dev/null || true)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    for child in $children; do kill -0 "$child" 2>/dev/null && kill -9 "$child" 2>/dev/null || true; done
  done
  STARTED_PIDS=()
}

# Stops one process start_bg started, by its name (SIGTERM, SIGKILL after 30 s).
stop_one() { # name
  local pid i
  pid=$(cat "$WORK/$1.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  for i in "${!STARTED_PIDS[@]}"; do [ "${STARTED_PIDS[$i]}" = "$pid" ] && unset 'STARTED_PIDS[i]'; done
  STARTED_PIDS=("${STARTED_PIDS[@]}")
}

# A running JVM runs from its own copy of a jar (a rebuild meanwhile must not pull the jar from under it).
# Copied only when it changed: a JVM already running from the copy keeps an intact jar.
jar_copy() {
  local copy; copy="$WORK/jars/$(basename "$1")"
  mkdir -p "$WORK/jars"
  cmp -s "$1" "$copy" || cp "$1" "$copy"
  echo "$copy"
}

rk_redis() { "$JAVA" "$ROOT/bench/RankingRedis.java" "$@"; }

start_stub_article_service() {
  need_port_free "$RK_STUB_PORT"
  start_bg stub-article-service "$JAVA" "$ROOT/bench/StubArticleService.java" "$RK_STUB_PORT"
  wait_port "$RK_STUB_PORT" 60 || die "the stub article-service did not start: $WORK/stub-article-service.log"
}

# devstack's standalone Redis and MongoDB-protocol server, with their data under $1 (emptied first).
start_devstack() { # data directory
  local port
  for port in "$RK_MONGO_PORT" "$RK_REDIS_PORT" "$RK_SMTP_PORT" "$RK_CONTROL_PORT"; do need_port_free "$port"; done
  rm -rf "$1" && mkdir -p "$1"
  start_bg devstack env DEVSTACK_MONGO_PORT="$RK_MONGO_PORT" DEVSTACK_REDIS_PORT="$RK_REDIS_PORT" \
    DEVSTACK_SMTP_PORT="$RK_SMTP_PORT" DEVSTACK_CONTROL_PORT="$RK_CONTROL_PORT" DEVSTACK_DATA_DIR="$1" \
    "$JAVA" -jar "$(jar_copy "$RK_DEVSTACK_JAR")" run
  wait_port "$RK_REDIS_PORT" 60 && wait_port "$RK_MONGO_PORT" 60 && wait_port "$RK_CONTROL_PORT" 60 ||
    die "devstack did not start: $WORK/devstack.log"
  RK_REDIS="127.0.0.1:$RK_REDIS_PORT"
}

# Whether this devstack build has the Redis Cluster command (branch redis-cluster).
has_redis_cluster() { grep -qa 'com/accesspath/devstack/LocalRedisCluster' "$RK_DEVSTACK_JAR"; }

# devstack's Redis Cluster (3 masters, 3 replicas) with its data under $1 (emptied first); sets RK_CLUSTER_NODES to
# the masters.
start_redis_cluster() { # data directory
  local port
  for port in $(seq "$RK_CLUSTER_PORT" $((RK_CLUSTER_PORT + 5))) "$RK_CLUSTER_CONTROL_PORT"; do
    need_port_free "$port"; need_port_free $((port + 10000))
  done
  rm -rf "$1" && mkdir -p "$1"
  start_bg redis-cluster env DEVSTACK_REDIS_CLUSTER_PORT="$RK_CLUSTER_PORT" \
    DEVSTACK_CLUSTER_CONTROL_PORT="$RK_CLUSTER_CONTROL_PORT" DEVSTACK_DATA_DIR="$1" \
    "$JAVA" -jar "$(jar_copy "$RK_DEVSTACK_JAR")" redis-cluster
  for _ in $(seq 1 600); do
    grep -q 'redis cluster ready' "$WORK/redis-cluster.log" && break
    kill -0 "$(cat "$WORK/redis-cluster.pid")" 2>/dev/null || break
    sleep 0.2
  done
  grep -q 'redis cluster ready' "$WORK/redis-cluster.log" || die "the Redis Cluster did not start: $WORK/redis-cluster.log"
  RK_CLUSTER_NODES=$(cluster_control nodes)
}

cluster_control() { curl -s --max-time 60 "http://127.0.0.1:$RK_CLUSTER_CONTROL_PORT/$1"; }

# ranking-service as ./platform starts it (its heap, the parallel collector; full JIT as bench/run; its GC pauses logged
# to $WORK/<name>-gc.log), on the stub and devstack's MongoDB; the rest of its environment from the arguments
# (REDIS_URL=... or REDIS_CLUSTER_NODES=...).
start_ranking() { # name, port, VARIABLE=value...
  local name=$1 port=$2; shift 2
  need_port_free "$port"
  start_bg "$name" env SPRING_PROFILES_ACTIVE=local PORT="$port" ARTICLE_SERVICE_URL="http://127.0.0.1:$RK_STUB_PORT" \
    MONGODB_URI="mongodb://127.0.0.1:$RK_MONGO_PORT/ranking" "$@" \
    "$JAVA" "-Xmx${PLATFORM_SERVICE_HEAP:-384m}" -XX:+UseParallelGC "-Xlog:gc:file=$WORK/$name-gc.log" \
    -jar "$(jar_copy "$RK_RANKING_JAR")" \
    --spring.profiles.active=local
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$WORK/$name.pid")" 2>/dev/null || break
    sleep 0.5
  done
  die "$name did not become healthy: $WORK/$name.log"
}

# "pauses max-ms total-ms" of a JVM's GC log (-Xlog:gc).
gc_pauses() {
  awk '/Pause/ { v = $NF; sub(/ms$/, "", v); n++; t += v; if (v > m) m = v } END { printf "%d %.1f %.0f\n", n, m, t }' "$1" 2>/dev/null || echo "0 0 0"
}
