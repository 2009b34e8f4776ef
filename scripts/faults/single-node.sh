# Sourced by the single-node fault scenarios: builds (unless SKIP_BUILD=true), starts a local Elasticsearch
# (instance "faults1", port FAULTS_ES_PORT or 29300) and the service (port FAULTS_SERVICE_PORT or 28080, alias
# "faults"), imports SEED_ARTICLES synthetic articles (default 20,000), and stops both on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SERVICE_PORT="${FAULTS_SERVICE_PORT:-28080}"
SERVICE="http://127.0.0.1:$SERVICE_PORT"
WORK="${WORK:-target/faults}"
log() { echo "[faults/$SCENARIO] $*" >&2; }
source scripts/lib/service.sh

source scripts/faults/build.sh

export ES_INSTANCE=faults1 ES_HTTP_PORT="${FAULTS_ES_PORT:-29300}" ES_RESET_DATA=true ES_HEAP="${FAULTS_ES_HEAP:-1g}"
stop_all() {
  trap - INT TERM EXIT
  service_stop
  scripts/local-es.sh stop || true
}
trap stop_all INT TERM EXIT
scripts/local-es.sh start
ES="http://127.0.0.1:$ES_HTTP_PORT"
mkdir -p "$WORK"

# the read limit stays on but out of reach: the load generator is one address standing for many readers
export ARCHIVE_ELASTICSEARCH_HOSTS="$ES" ARCHIVE_INDEX_ALIAS=faults ARCHIVE_WRITE_API_KEY=faults-key \
  ARCHIVE_RATE_LIMIT_PER_SECOND=1000000 ARCHIVE_RATE_LIMIT_BURST=1000000 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false

start_service() {
  service_start "$SERVICE_PORT" "$WORK/$SCENARIO-service.log" -Xmx1g
  service_wait_ready "$SERVICE_PORT"
}

SEED_ARTICLES="${SEED_ARTICLES:-20000}"
rm -rf "$WORK/archive-$SCENARIO"
java -cp bench/target/bench.jar cn.changji.archive.bench.GenerateArchive "$((SEED_ARTICLES + 5000))" "$WORK/archive-$SCENARIO"
SPARE_FILE="$(ls "$WORK/archive-$SCENARIO"/*.ndjson | tail -1)" # 5,000 articles kept out of the seed import
log "importing $SEED_ARTICLES synthetic articles"
find "$WORK/archive-$SCENARIO" -name '*.ndjson' ! -path "$SPARE_FILE" -print0 \
  | xargs -0 java -Xmx1g -jar target/quarkus-app/quarkus-run.jar import > /dev/null 2> "$WORK/$SCENARIO-seed.log"
start_service

count() { curl -fsS "$ES/faults/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }

# what a full collection left alive, in bytes: the old generation, where it puts every object it keeps; not eden, which
# fills again at once (the metrics request itself allocates megabytes) and had moved the 30 s run's growth from -10 % to
# +10 % between runs of the same code
heap_after_gc() {
  jcmd "$SERVICE_PID" GC.run > /dev/null
  sleep 1
  curl -fsS "$SERVICE/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ && /Old Gen|Tenured/ { s += $NF } END { printf "%d", s }'
}

load() { java -cp bench/target/bench.jar cn.changji.archive.bench.LoadRun --service="$SERVICE" "$@"; }
