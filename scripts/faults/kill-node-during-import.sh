#!/usr/bin/env bash
# Fault scenario: one of three Elasticsearch nodes is killed (kill -9) in the middle of a command-line import of
# synthetic articles. Passes when, after the import (and the replay of its dead-letter file, if it wrote one), the
# index holds exactly the source's articles: _count equals their number and every id is one of theirs (ids come
# from the records, so an article sent twice is written once).
#
#   scripts/faults/kill-node-during-import.sh                  100,000 articles (RELIABILITY.md's figures)
#   ARTICLES=6000 scripts/faults/kill-node-during-import.sh    the short version .ci/run runs
#
# Environment: ARTICLES (100000), KILL_AT (fraction of the articles indexed when the node dies, 0.3),
# KILL_NODE (2), FAULTS_ES_PORT (29200: nodes on 29200-29202), FAULTS_ES_HEAP (1g), SKIP_BUILD (false).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

ARTICLES="${ARTICLES:-100000}"
KILL_AT="${KILL_AT:-0.3}"
KILL_NODE="${KILL_NODE:-2}"
PORT="${FAULTS_ES_PORT:-29200}"
WORK=target/faults
OUT="$WORK/kill-node.md"
log() { echo "[faults/kill-node] $*" >&2; }

source scripts/faults/build.sh

export ES_INSTANCE=faults ES_NODES=3 ES_HTTP_PORT="$PORT" ES_RESET_DATA=true ES_HEAP="${FAULTS_ES_HEAP:-1g}"
trap 'scripts/local-es.sh stop || true' EXIT
scripts/local-es.sh start
ES="http://127.0.0.1:$PORT"
SURVIVOR="http://127.0.0.1:$((PORT + (KILL_NODE == 1 ? 1 : 0)))"

rm -rf "$WORK" && mkdir -p "$WORK"
java -cp bench/target/bench.jar cn.changji.archive.bench.GenerateArchive "$ARTICLES" "$WORK/archive"

export ARCHIVE_ELASTICSEARCH_HOSTS="$ES,http://127.0.0.1:$((PORT + 1)),http://127.0.0.1:$((PORT + 2))"
export ARCHIVE_INDEX_ALIAS=faults ARCHIVE_INDEX_REPLICAS=1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
archive_import() { java -Xmx1g -jar target/quarkus-app/quarkus-run.jar import "$@"; }

log "importing $ARTICLES articles into 3 nodes (1 replica); node $KILL_NODE dies at $KILL_AT of them"
start=$(date +%s.%N)
archive_import --dead-letter="$WORK/dead-letter.ndjson" "$WORK/archive" > "$WORK/report.json" 2> "$WORK/import.log" &
IMPORT=$!
threshold=$(awk -v n="$ARTICLES" -v f="$KILL_AT" 'BEGIN { printf "%d", n * f }')
indexed=0
while kill -0 "$IMPORT" 2>/dev/null; do
  indexed=$(curl -fsS "$ES/faults/_count" 2>/dev/null | sed -n 's/.*"count":\([0-9]*\).*/\1/p' || true)
  (( ${indexed:-0} >= threshold )) && break
  sleep 0.5
done
# the fault must happen while the import runs: an import already over would pass without meeting it
import_running_at_kill=true
kill -0 "$IMPORT" 2>/dev/null || import_running_at_kill=false
master=$(curl -fsS "$ES/_cat/master?h=node" || echo "?")
killed_at=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
scripts/local-es.sh kill-node "$KILL_NODE"
log "killed node $KILL_NODE (master was $master) at ${killed_at} s, ${indexed:-0} articles counted"
set +e
wait "$IMPORT"
exit_code=$?
set -e
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
retries=$(grep -c "retry [0-9]* of" "$WORK/import.log" || true)
dead=0
replay_exit="-"
if [[ -f "$WORK/dead-letter.ndjson" ]]; then
  dead=$(wc -l < "$WORK/dead-letter.ndjson")
  log "replaying $dead dead-letter article(s)"
  set +e
  archive_import --replay="$WORK/dead-letter.ndjson" > "$WORK/replay.json" 2>> "$WORK/import.log"
  replay_exit=$?
  set -e
fi

curl -fsS -X POST "$SURVIVOR/faults/_refresh" > /dev/null
count=$(curl -fsS "$SURVIVOR/faults/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
# every stored id must be one of the source's: bench-0 .. bench-(N-1)
strangers=$(curl -fsS -H 'Content-Type: application/json' "$SURVIVOR/faults/_count" \
  -d '{"query":{"bool":{"must_not":{"prefix":{"id":"bench-"}}}}}' | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
health=$(curl -fsS "$SURVIVOR/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')

verdict=PASS
[[ "$count" == "$ARTICLES" && "$strangers" == 0 ]] || verdict=FAIL
if [[ "$import_running_at_kill" != true ]]; then
  log "the import had ended before node $KILL_NODE was killed: the fault did not happen during it"
  verdict=FAIL
fi
cat > "$OUT" <<MD
| articles | node killed | killed at | import exit | import took | retry rounds logged | dead-letter entries | replay exit | _count after | foreign ids | cluster | verdict |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| $ARTICLES | faults-$KILL_NODE (master: $master) | ${killed_at} s (${indexed:-0} counted) | $exit_code | ${took} s | $retries | $dead | $replay_exit | $count | $strangers | $health | $verdict |
MD
cat "$OUT"
log "import log: $WORK/import.log"
[[ "$verdict" == PASS ]]
