#!/usr/bin/env bash
# One command for every benchmark: builds the service, the plugin and the benchmarks, starts a local Elasticsearch
# (instance "bench", port 19200), the service (port 18080, alias "bench") and the floor beside it (a bare pass-through,
# port 18090), generates the synthetic archive,
# runs ingest, search and analyzer benchmarks, writes bench/results/<N>.md and BENCHMARKS.md, stops everything.
#   bench/run.sh                      100,000 articles, 20 s per search cell, concurrency 1, 8, 32
#   bench/run.sh --articles=1000000   a million
#   bench/run.sh --smoke              500 articles, 1 s cells: seconds, for CI (writes under target/bench only)
#   bench/run.sh --search-only ...    the searches alone, on an index loaded untimed through the service; the results
#                                     carry the ingest section of the last full run at that size, saying so
#   bench/run.sh --meaning ...        search by meaning: every article's vector by the command line's vectors, the index's
#                                     size without and with them, hybrid against keyword search, the paraphrase set
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ARGS=()
SMOKE=false
ARTICLES=100000
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=true ;;
    --articles=*) ARTICLES="${arg#--articles=}" ;;
    --ingest-only|--search-only|--meaning) ARGS+=("$arg") ;;
    --seconds=*|--concurrency=*) ARGS+=("$arg") ;;
    *) echo "usage: bench/run.sh [--smoke] [--articles=N] [--seconds=S] [--concurrency=1,8,32] [--ingest-only|--search-only|--meaning]" >&2; exit 2 ;;
  esac
done
if [[ "$SMOKE" == true ]]; then
  ARGS=(--smoke --articles=500 --seconds=1 --concurrency=1,4 --out=target/bench/BENCHMARKS.md "${ARGS[@]}")
else
  ARGS=(--articles="$ARTICLES" "${ARGS[@]}")
fi

log() { echo "[bench/run.sh] $*" >&2; }

log "building the service, the plugin and the benchmarks"
./mvnw -B -q install -DskipTests
./mvnw -B -q -f bench/pom.xml package

export ES_INSTANCE=bench ES_HTTP_PORT="${BENCH_ES_PORT:-19200}" ES_RESET_DATA=true
export ES_HEAP="${BENCH_ES_HEAP:-$([[ "$SMOKE" == true ]] && echo 512m || echo 4g)}"
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
scripts/local-es.sh stop || true # one left running keeps its data: ES_RESET_DATA takes effect only at a start
scripts/local-es.sh start

# the read limit stays on (its cost is measured) but high enough never to refuse the benchmark's one address
# keyword search and import are measured alone: vectors (search by meaning) would take half a core in the background;
# --meaning computes them in the foreground with the command line's vectors
export ARCHIVE_VECTORS_ENABLED=false
export ARCHIVE_WRITE_API_KEY=bench-key ARCHIVE_RATE_LIMIT_PER_SECOND=1000000 ARCHIVE_RATE_LIMIT_BURST=1000000
export ARCHIVE_ELASTICSEARCH_HOSTS="http://127.0.0.1:$ES_HTTP_PORT" ARCHIVE_INDEX_ALIAS=bench \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_LOG_CATEGORY__CN_CHANGJI_ARCHIVE__LEVEL=WARN
service_start "$SERVICE_PORT" target/bench-service.log -Xmx1g
service_wait_ready "$SERVICE_PORT"

# the floor under the service's CPU per search (bench/src/.../PassThrough.java)
floor_start "$FLOOR_PORT" "$SERVICE_PORT" "$ES_HTTP_PORT" target/bench-floor.log

java -jar bench/target/bench.jar --service="http://127.0.0.1:$SERVICE_PORT" \
  --elasticsearch="http://127.0.0.1:$ES_HTTP_PORT" --alias=bench --service-pid="$SERVICE_PID" \
  --floor="http://127.0.0.1:$FLOOR_PORT" --floor-pid="$FLOOR_PID" "${ARGS[@]}"
