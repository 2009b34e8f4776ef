#!/usr/bin/env bash
# The floor under the service's CPU per search: the service and PassThrough (a bare Vert.x server that hands each search
# of the mix to Elasticsearch as the service's own _msearch and answers Elasticsearch's bytes as they came) take turns
# under the same wrk load on the index the last bench/run.sh left (its Elasticsearch data is kept after it stops).
#   bench/pass-through.sh [--seconds=20] [--rounds=4] [--concurrency=1,8,32] [--own-core]
# Prints, per concurrency, each one's searches/s and CPU per search (its process's CPU time over the run / requests),
# and Elasticsearch's CPU per search during that run.
# --own-core: then the same again, each run once with the cores shared as before and once with Elasticsearch on the
# last core alone and the service, the floor and wrk on the others (taking turns, the order swapped every round): what
# a search costs a service that does not wake on the core Elasticsearch has just used. Not how bench/run.sh runs (on
# 2 cores it leaves Elasticsearch one); what a deployment with Elasticsearch on cores or nodes of its own comes close to.
# Needs wrk (apt install wrk) and a bench/run.sh before it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN=20
ROUNDS=4
CONCURRENCY=1,8,32
OWN_CORE=false
for arg in "$@"; do
  case "$arg" in
    --seconds=*) SECONDS_PER_RUN="${arg#--seconds=}" ;;
    --rounds=*) ROUNDS="${arg#--rounds=}" ;;
    --concurrency=*) CONCURRENCY="${arg#--concurrency=}" ;;
    --own-core) OWN_CORE=true ;;
    *) echo "usage: bench/pass-through.sh [--seconds=S] [--rounds=N] [--concurrency=1,8,32] [--own-core]" >&2; exit 2 ;;
  esac
done
log() { echo "[bench/pass-through.sh] $*" >&2; }
command -v wrk > /dev/null || { log "wrk is missing: apt-get install wrk"; exit 1; }
LAST_CPU=$(($(nproc) - 1))
[[ "$OWN_CORE" == false || "$LAST_CPU" -ge 1 ]] || { log "--own-core needs two cores or more"; exit 1; }
[[ -f bench/target/bench.jar && -f target/quarkus-app/quarkus-run.jar ]] || { log "run bench/run.sh first"; exit 1; }

export ES_INSTANCE=bench ES_HTTP_PORT="${BENCH_ES_PORT:-19200}" ES_HEAP="${BENCH_ES_HEAP:-4g}"
SERVICE_PORT="${BENCH_SERVICE_PORT:-18080}"
FLOOR_PORT="${BENCH_FLOOR_PORT:-18090}"
FLOOR_PID=""
source scripts/lib/service.sh
source bench/floor.sh
cleanup() {
  trap - INT TERM EXIT
  [[ -n "$FLOOR_PID" ]] && kill "$FLOOR_PID" 2>/dev/null || true
  service_stop
  scripts/local-es.sh stop || true
}
trap cleanup INT TERM EXIT
scripts/local-es.sh start
export ARCHIVE_VECTORS_ENABLED=false ARCHIVE_WRITE_API_KEY=bench-key ARCHIVE_RATE_LIMIT_PER_SECOND=1000000 \
  ARCHIVE_RATE_LIMIT_BURST=1000000 ARCHIVE_ELASTICSEARCH_HOSTS="http://127.0.0.1:$ES_HTTP_PORT" ARCHIVE_INDEX_ALIAS=bench \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_LOG_CATEGORY__CN_CHANGJI_ARCHIVE__LEVEL=WARN
service_start "$SERVICE_PORT" target/bench-service.log -Xmx1g
service_wait_ready "$SERVICE_PORT"
log "the index: $(curl -fsS "http://127.0.0.1:$ES_HTTP_PORT/_cat/count/bench")"

# on the JVM flags service_start gives the service, so the floor runs on the same footing
floor_start "$FLOOR_PORT" "$SERVICE_PORT" "$ES_HTTP_PORT" target/bench-pass-through.log
cat target/bench-pass-through.log >&2

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
ES_PID=$(curl -fsS "http://127.0.0.1:$ES_HTTP_PORT/_nodes/_local/process?filter_path=nodes.*.process.id" | grep -o '"id":[0-9]*' | cut -d: -f2)
WRK_CPUS="0-$LAST_CPU"
# one wrk run against PORT (on the cores WRK_CPUS): "searches/s CPU-ms-per-search ES-CPU-ms-per-search", the CPU of
# PID's process and of Elasticsearch's (whose time on a search is what the service's wake-up after it pays for)
measure() {
  local port="$1" pid="$2" concurrency="$3" seconds="$4" before after es_before es_after out requests
  before=$(cpu_ticks "$pid")
  es_before=$(cpu_ticks "$ES_PID")
  out=$(taskset -c "$WRK_CPUS" wrk -t1 -c"$concurrency" -d"${seconds}s" -s target/bench/mix.lua "http://127.0.0.1:$port")
  after=$(cpu_ticks "$pid")
  es_after=$(cpu_ticks "$ES_PID")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  grep -q "Non-2xx" <<< "$out" && { log "errors from port $port: $out"; exit 1; }
  awk -v r="$requests" -v s="$seconds" -v t=$((after - before)) -v e=$((es_after - es_before)) \
    -v hz="$HZ" 'BEGIN {printf "%.1f %.3f %.2f\n", r / s, t * 1000 / hz / r, e * 1000 / hz / r}'
}

# the CPU of a process's JIT compiler threads (C1 and C2), in clock ticks; their names hold a space, so the fields are
# counted from the end of the name
compiler_ticks() {
  local task sum=0
  for task in /proc/"$1"/task/*; do
    grep -q '^C[12] CompilerThre' "$task/comm" 2> /dev/null || continue
    sum=$((sum + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')))
  done
  echo "$sum"
}

# Elasticsearch, just started, and both JVMs settle for minutes (their JIT; Elasticsearch's CPU per search falls by a
# fifth): measured before that, the service's CPU per search at concurrency 1 came out up to 0.2 ms higher; and on a
# million articles the service's compilers went on for minutes at concurrency 1 after 8 (bursts of 0.5 s of CPU four
# minutes in), so the rounds go on, as bench/run.sh's warm-up does, until both compilers have settled at every
# concurrency
WARM_UP_ROUNDS=3
WARM_UP_LIMIT=1200
SETTLED_MS_PER_S=5
log "warming up both and Elasticsearch: 90 s each at concurrency 8, then 30 s at each concurrency in turn, $WARM_UP_ROUNDS" \
  "times and on until both JIT compilers use at most $SETTLED_MS_PER_S ms of CPU per second at every concurrency" \
  "($WARM_UP_LIMIT s at most)"
measure "$SERVICE_PORT" "$SERVICE_PID" 8 90 > /dev/null
measure "$FLOOR_PORT" "$FLOOR_PID" 8 90 > /dev/null
warmed=180
round=0
while :; do
  worst=0
  for c in ${CONCURRENCY//,/ }; do
    for way in "$SERVICE_PORT $SERVICE_PID" "$FLOOR_PORT $FLOOR_PID"; do
      read -r port pid <<< "$way"
      before=$(compiler_ticks "$pid")
      measure "$port" "$pid" "$c" 30 > /dev/null
      worst=$(awk -v w="$worst" -v t=$(($(compiler_ticks "$pid") - before)) -v hz="$HZ" \
        'BEGIN {r = t * 1000 / hz / 30; printf "%.1f\n", (r > w ? r : w)}')
      warmed=$((warmed + 30))
    done
  done
  round=$((round + 1))
  log "warm-up: $warmed s, the JIT compilers at most $worst ms of CPU per second in the last round"
  (( round < WARM_UP_ROUNDS )) && continue
  awk -v w="$worst" -v s="$SETTLED_MS_PER_S" 'BEGIN {exit !(w <= s)}' && break
  (( warmed < WARM_UP_LIMIT )) || { log "the compilers had not settled when the warm-up's limit was reached"; break; }
done

HEADER="service searches/s | service CPU ms per search | its Elasticsearch CPU ms per search | pass-through searches/s | \
pass-through CPU ms per search | its Elasticsearch CPU ms per search"
echo "| concurrency | round | $HEADER |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for c in ${CONCURRENCY//,/ }; do
  for round in $(seq "$ROUNDS"); do
    read -r service_rate service_cpu service_es < <(measure "$SERVICE_PORT" "$SERVICE_PID" "$c" "$SECONDS_PER_RUN")
    read -r floor_rate floor_cpu floor_es < <(measure "$FLOOR_PORT" "$FLOOR_PID" "$c" "$SECONDS_PER_RUN")
    echo "| $c | $round | $service_rate | $service_cpu | $service_es | $floor_rate | $floor_cpu | $floor_es |"
  done
done

[[ "$OWN_CORE" == true ]] || exit 0
# shared: every process on every core, as above; own: Elasticsearch on the last core, the others for the rest
place() {
  local es_cpus="0-$LAST_CPU" pid
  WRK_CPUS="0-$LAST_CPU"
  [[ "$1" == own ]] && es_cpus="$LAST_CPU" WRK_CPUS="0-$((LAST_CPU - 1))"
  taskset -a -p -c "$es_cpus" "$ES_PID" > /dev/null
  for pid in "$SERVICE_PID" "$FLOOR_PID"; do
    taskset -a -p -c "$WRK_CPUS" "$pid" > /dev/null
  done
}
log "the same with Elasticsearch on core $LAST_CPU alone and the rest on the others, taking turns with the cores shared"
echo
echo "| concurrency | round | cores | $HEADER |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for c in ${CONCURRENCY//,/ }; do
  for round in $(seq "$ROUNDS"); do
    placements=(shared own)
    (( round % 2 == 0 )) && placements=(own shared)
    for placement in "${placements[@]}"; do
      place "$placement"
      read -r service_rate service_cpu service_es < <(measure "$SERVICE_PORT" "$SERVICE_PID" "$c" "$SECONDS_PER_RUN")
      read -r floor_rate floor_cpu floor_es < <(measure "$FLOOR_PORT" "$FLOOR_PID" "$c" "$SECONDS_PER_RUN")
      echo "| $c | $round | $placement | $service_rate | $service_cpu | $service_es | $floor_rate | $floor_cpu | $floor_es |"
    done
  done
done
place shared
