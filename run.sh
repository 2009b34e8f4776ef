#!/usr/bin/env bash
# Runs the whole thing locally: Elasticsearch 8.19 with the IK plugin on 127.0.0.1:$ES_HTTP_PORT (default 9200)
# and the service on :$QUARKUS_HTTP_PORT (default 8080), with the pages in seeds/ imported (again: imports are
# idempotent). ./run.sh --no-seed (or ARCHIVE_SEED=false) skips the import. ./run.sh --cluster runs three
# Elasticsearch nodes instead (ports ES_HTTP_PORT to +2, the articles index with one replica). ./run.sh --secure runs
# Elasticsearch as production does, TLS from its own CA and file-realm users, and the service as the least-privilege
# user archive-search (ARCHIVE_ELASTICSEARCH_USERNAME / _PASSWORD, when set, are given to the service instead, to see
# what a wrong password does). Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

SEED="${ARCHIVE_SEED:-true}"
for arg in "$@"; do
  case "$arg" in
    --no-seed) SEED=false ;;
    --cluster) export ES_NODES=3 ;;
    --secure) export ES_SECURITY=true ;;
    *) echo "usage: ./run.sh [--no-seed] [--cluster] [--secure]" >&2; exit 2 ;;
  esac
done

export ES_HTTP_PORT="${ES_HTTP_PORT:-9200}"
export ES_INSTANCE="${ES_INSTANCE:-dev}"
HTTP_PORT="${QUARKUS_HTTP_PORT:-8080}"
APP_JAR=target/quarkus-app/quarkus-run.jar

log() { echo "[run.sh] $*" >&2; }
source scripts/lib/service.sh

needs_build() {
  [[ ! -f "$APP_JAR" ]] && return 0
  ! ls analysis-ik/target/analysis-ik-*.zip >/dev/null 2>&1 && return 0
  [[ -n "$(find pom.xml src analysis-ik/pom.xml analysis-ik/src -newer "$APP_JAR" -print -quit)" ]]
}

if needs_build; then
  log "building the IK plugin and the service (tests skipped; run ./mvnw verify for them)"
  ./mvnw -B -q package -DskipTests
fi

cleanup() {
  trap - INT TERM EXIT
  if [[ -n "$SERVICE_PID" ]]; then
    log "stopping the service"
    service_stop
  fi
  log "stopping Elasticsearch"
  scripts/local-es.sh stop || true
}
trap cleanup INT TERM EXIT

scripts/local-es.sh start

SCHEME=http
if [[ "${ES_SECURITY:-false}" == true ]]; then
  SCHEME=https
  secure="$(scripts/local-es.sh secure-info)"
  info() { sed -n "s/^$1=//p" <<<"$secure"; }
  export ARCHIVE_ELASTICSEARCH_CA_CERTIFICATE="${ARCHIVE_ELASTICSEARCH_CA_CERTIFICATE:-$(info ES_CA)}"
  export ARCHIVE_ELASTICSEARCH_USERNAME="${ARCHIVE_ELASTICSEARCH_USERNAME:-$(info ES_USERNAME)}"
  export ARCHIVE_ELASTICSEARCH_PASSWORD="${ARCHIVE_ELASTICSEARCH_PASSWORD:-$(info ES_PASSWORD)}"
fi
if [[ "${ES_NODES:-1}" == 3 ]]; then
  export ARCHIVE_ELASTICSEARCH_HOSTS="${ARCHIVE_ELASTICSEARCH_HOSTS:-$SCHEME://127.0.0.1:$ES_HTTP_PORT,$SCHEME://127.0.0.1:$((ES_HTTP_PORT + 1)),$SCHEME://127.0.0.1:$((ES_HTTP_PORT + 2))}"
  export ARCHIVE_INDEX_REPLICAS="${ARCHIVE_INDEX_REPLICAS:-1}"
fi
export ARCHIVE_ELASTICSEARCH_HOSTS="${ARCHIVE_ELASTICSEARCH_HOSTS:-$SCHEME://127.0.0.1:$ES_HTTP_PORT}"
# writes (imports, article writes, deletes, synonyms) need a key: yours if set, else one made for this run
if [[ -z "${ARCHIVE_WRITE_API_KEY:-}" ]]; then
  ARCHIVE_WRITE_API_KEY="local-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  KEY_SHOWN="$ARCHIVE_WRITE_API_KEY (made for this run; set ARCHIVE_WRITE_API_KEY to choose it)"
else
  KEY_SHOWN="the one in ARCHIVE_WRITE_API_KEY"
fi
export ARCHIVE_WRITE_API_KEY
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
service_start "$HTTP_PORT" - ${JAVA_OPTS:-}
service_wait_ready "$HTTP_PORT"

if [[ "$SEED" != "false" ]]; then
  log "importing seeds/ (the command-line import a Kubernetes Job runs)"
  java ${JAVA_OPTS:-} -jar "$APP_JAR" import seeds >/dev/null || log "the seed import reported failures (see above)"
fi

cat >&2 <<INFO

  Changji Daily archive search is running
    Search page  http://localhost:$HTTP_PORT/
    API          http://localhost:$HTTP_PORT/api/v1
    Swagger UI   http://localhost:$HTTP_PORT/q/swagger-ui
    OpenAPI      http://localhost:$HTTP_PORT/q/openapi
    Health       http://localhost:$HTTP_PORT/q/health/ready
    Metrics      http://localhost:$HTTP_PORT/q/metrics
    Elasticsearch $ARCHIVE_ELASTICSEARCH_HOSTS (IK analyzers ik_smart, ik_max_word)${ES_SECURITY:+
                 secured: CA ${ARCHIVE_ELASTICSEARCH_CA_CERTIFICATE:-}, the service as ${ARCHIVE_ELASTICSEARCH_USERNAME:-}
                 (scripts/local-es.sh secure-info, with ES_SECURITY=true, prints the users and passwords)}
    Write key    $KEY_SHOWN
                 send it as X-API-Key for imports, article writes, deletes and synonym updates
  Ctrl-C stops the service and Elasticsearch.

INFO
wait "$SERVICE_PID"
