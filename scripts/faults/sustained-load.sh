#!/usr/bin/env bash
# Fault scenario: a sustained mixed search load at a fixed rate on one node with 20,000 synthetic articles. Passes
# with zero 5xx and zero failed requests, and what a full GC leaves of the service's heap (its old generation) within 5%
# of what it left before.
#
#   scripts/faults/sustained-load.sh                     600 s at 50 searches/s (RELIABILITY.md's figures)
#   LOAD_SECONDS=30 scripts/faults/sustained-load.sh     the short version .ci/run runs
SCENARIO=sustained-load
# the keyword service's heap and errors under load: no background vectors (their model and batches would grow the heap
# between the two measurements for reasons of their own)
export ARCHIVE_VECTORS_ENABLED=false
source "$(dirname "${BASH_SOURCE[0]}")/single-node.sh"

RATE="${LOAD_RATE:-50}"
SECONDS_OF_LOAD="${LOAD_SECONDS:-600}"
log "warming up for 20 s at $RATE/s (the JIT compilers), then measuring the heap"
load --rate="$RATE" --seconds=20 > /dev/null || true
before=$(heap_after_gc)
log "heap after GC: $before bytes; $SECONDS_OF_LOAD s at $RATE searches/s"
set +e
load --rate="$RATE" --seconds="$SECONDS_OF_LOAD" > "$WORK/sustained-load.md"
load_exit=$?
set -e
after=$(heap_after_gc)
(( before > 0 && after > 0 )) || { log "could not read the heap from $SERVICE/q/metrics"; exit 1; }
growth=$(awk -v b="$before" -v a="$after" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }')
verdict=PASS
(( load_exit == 0 )) || verdict=FAIL
awk -v g="$growth" 'BEGIN { exit !(g <= 5) }' || verdict=FAIL
{
  echo
  echo "Heap after full GC: before $((before / 1048576)) MiB, after $((after / 1048576)) MiB ($growth %). Verdict: $verdict."
} >> "$WORK/sustained-load.md"
cat "$WORK/sustained-load.md"
[[ "$verdict" == PASS ]]
