#!/usr/bin/env bash
# Fault scenario: SIGTERM to the service while it serves a search load and runs an import of 5,000 articles
# through POST /api/v1/imports. Passes when every search sent before the signal answered 200, every one sent
# after it answered 200 or 503 or found the port closed ("refused"), never a cut connection; the import answered
# 200 with its 5,000 articles all in the index; and the service exited by itself (quarkus.shutdown.timeout, 20 s).
#
#   scripts/faults/graceful-shutdown.sh
SCENARIO=graceful-shutdown
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
cat > "$WORK/graceful-shutdown.md" <<MD
| searches sent before SIGTERM | of them not 200 | sent after | not 200/503/refused | statuses after | import answer | articles indexed by it | index count before → after | service exit code | exit after SIGTERM | verdict |
| ---: | ---: | ---: | ---: | --- | --- | ---: | --- | ---: | ---: | --- |
| $sent_before | $bad_before | $sent_after | $bad_after | ${statuses_after%,} | $import_status | $import_indexed | $before → $after | $service_exit | $((exited_at - term_at)) ms | $verdict |
MD
cat "$WORK/graceful-shutdown.md"
[[ "$verdict" == PASS ]]
