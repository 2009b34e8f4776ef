#!/usr/bin/env bash
# Fault scenario: SIGTERM to the service while it serves a search load and runs an import of 5,000 articles
# through POST /api/v1/imports. Passes when every search sent before the signal answered 200, every one sent
# after it answered 200 or 503 or found the port closed ("refused"), never a cut connection; the import answered
# 200 with its 5,000 articles all in the index; and the service exited by itself (within quarkus.shutdown.timeout,
# 60 s here: FAULTS_SHUTDOWN_TIMEOUT).
# Then SIGTERM to a command-line import of five files of 5,000: it must finish the file under way, stop there
# with its report, and leave whole files only in the index.
#
#   scripts/faults/graceful-shutdown.sh
SCENARIO=graceful-shutdown
# Time enough for the import under way to finish on two shared cores: a fresh node indexes 5,000 articles under
# this load in 15-30 s here. What is checked is that running requests finish, not how long the budget is.
export QUARKUS_SHUTDOWN_TIMEOUT="${FAULTS_SHUTDOWN_TIMEOUT:-60s}"
source "$(dirname "${BASH_SOURCE[0]}")/single-node.sh"

before=$(count)
load --rate=30 --seconds=15 --log="$WORK/shutdown-load.log" > "$WORK/shutdown-load.md" &
LOAD=$!
sleep 4
curl -sS -o "$WORK/shutdown-import.json" -w '%{http_code}' -H 'X-API-Key: faults-key' \
  -H 'Content-Type: application/x-ndjson' --data-binary @"$SPARE_FILE" \
  "$SERVICE/api/v1/imports?filename=$(basename "$SPARE_FILE")" > "$WORK/shutdown-import.status" 2> "$WORK/shutdown-import.err" &
IMPORT=$!
sleep 1.5
term_at=$(date +%s%3N)
# the signal must come while the import runs: an import already answered would pass without meeting it
import_running_at_term=true
kill -0 "$IMPORT" 2>/dev/null || import_running_at_term=false
log "SIGTERM to the service (pid $SERVICE_PID) during the import and the load"
kill -TERM "$SERVICE_PID"
set +e
wait "$SERVICE_PID"
service_exit=$?
exited_at=$(date +%s%3N)
SERVICE_PID=""
wait "$IMPORT"
wait "$LOAD"
set -e
import_status=$(cat "$WORK/shutdown-import.status")
import_indexed=$(sed -n 's/.*"indexed":\([0-9]*\).*/\1/p' "$WORK/shutdown-import.json")
import_unchanged=$(sed -n 's/.*"unchanged":\([0-9]*\).*/\1/p' "$WORK/shutdown-import.json")
curl -fsS -X POST "$ES/faults/_refresh" > /dev/null
after=$(count)

# sent-at (epoch ms), status, ms: before the signal only 200; after it 200, 503 or refused
read -r sent_before bad_before sent_after bad_after statuses_after < <(awk -v t="$term_at" '
  $1 < t { nb++; if ($2 != "200") bb++ }
  $1 >= t { na++; if ($2 != "200" && $2 != "503" && $2 != "refused") ba++; s[$2]++ }
  END { list = ""; for (k in s) list = list k ":" s[k] ","; printf "%d %d %d %d %s\n", nb, bb, na, ba, (list == "" ? "-" : list) }
' "$WORK/shutdown-load.log")

verdict=PASS
(( bad_before == 0 && bad_after == 0 )) || verdict=FAIL
[[ "$import_status" == 200 && $((import_indexed + import_unchanged)) == 5000 && $((after - before)) == "$import_indexed" ]] || verdict=FAIL
if [[ "$import_running_at_term" != true ]]; then
  log "the import had answered before SIGTERM: the shutdown did not meet it"
  verdict=FAIL
fi
# the command-line import (what a Kubernetes Job runs), asked to stop in its second or third file
rm -rf "$WORK/archive-cli"
java -cp bench/target/bench.jar cn.changji.archive.bench.GenerateArchive 25000 "$WORK/archive-cli"
log "command-line import of five files into the alias faults-cli; SIGTERM after 12 s"
ARCHIVE_INDEX_ALIAS=faults-cli java -Xmx1g -jar target/quarkus-app/quarkus-run.jar import \
  --dead-letter="$WORK/cli-dead-letter.ndjson" "$WORK/archive-cli" > "$WORK/cli-report.json" 2> "$WORK/cli-import.log" &
CLI=$!
sleep 12
cli_term_at=$(date +%s%3N)
kill -TERM "$CLI"
set +e
wait "$CLI"
cli_exit=$?
set -e
cli_exited_at=$(date +%s%3N)
cli_reported=$(sed -n 's/^  "indexed" : \([0-9]*\).*/\1/p' "$WORK/cli-report.json")
curl -fsS -X POST "$ES/faults-cli/_refresh" > /dev/null
cli_count=$(curl -fsS "$ES/faults-cli/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
cli_stopped=$(grep -o "stopped on request after [0-9]* of [0-9]* files" "$WORK/cli-import.log" || echo "no stop message")
cli_verdict=PASS
[[ -n "$cli_reported" && "$cli_count" == "$cli_reported" ]] && (( cli_count > 0 && cli_count % 5000 == 0 )) \
  && [[ "$cli_stopped" != "no stop message" && ! -f "$WORK/cli-dead-letter.ndjson" ]] || cli_verdict=FAIL

cat > "$WORK/graceful-shutdown.md" <<MD
| searches sent before SIGTERM | of them not 200 | sent after | not 200/503/refused | statuses after | import answer | articles indexed by it | index count before → after | service exit code | exit after SIGTERM | verdict |
| ---: | ---: | ---: | ---: | --- | --- | ---: | --- | ---: | ---: | --- |
| $sent_before | $bad_before | $sent_after | $bad_after | ${statuses_after%,} | $import_status | $import_indexed | $before → $after | $service_exit | $((exited_at - term_at)) ms | $verdict |

| command-line import, SIGTERM at 12 s | report on stdout: indexed | articles in the index | whole files only | exit code | exit after SIGTERM | verdict |
| --- | ---: | ---: | --- | ---: | ---: | --- |
| $cli_stopped | ${cli_reported:-none} | $cli_count | $( (( cli_count % 5000 == 0 )) && echo yes || echo no) | $cli_exit | $((cli_exited_at - cli_term_at)) ms | $cli_verdict |
MD
cat "$WORK/graceful-shutdown.md"
[[ "$verdict" == PASS && "$cli_verdict" == PASS ]]
