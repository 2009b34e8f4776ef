#!/usr/bin/env bash
# Fault scenario: a network partition, not a kill. Three Elasticsearch nodes, each in a network namespace of its own
# (ip netns, veth pairs on a bridge this script makes), and the command-line import in a fourth one. In the
# middle of the import one node is cut off from the other two and from the import (iptables DROP in its namespace:
# packets vanish, nothing is refused), then healed. Passes when every article is indexed or in the dead-letter file
# (which replays to the full state), none is doubled (_count equals the source's number), and the cluster is green
# again. Traffic stays on this machine: the bridge and the namespaces the script made, removed at the end.
#
#   scripts/faults/network-partition.sh                    20,000 articles
#   ARTICLES=6000 scripts/faults/network-partition.sh      the short version .ci/run runs
#
# Environment: ARTICLES (20000), CUT_AT (fraction of the articles indexed when the node is cut off, 0.3),
# CUT_NODE (2), CUT_FOR (seconds the partition lasts at least, 60; it lasts until the other two form a cluster),
# FAULTS_ES_PORT (29600), FAULTS_ES_HEAP (1g), SKIP_BUILD (false). Needs root (namespaces) and iptables (.ci/run
# installs Debian's package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

ARTICLES="${ARTICLES:-20000}"
CUT_AT="${CUT_AT:-0.3}"
CUT_NODE="${CUT_NODE:-2}"
CUT_FOR="${CUT_FOR:-60}"
PORT="${FAULTS_ES_PORT:-29600}"
NETNS=archive-es-
BRIDGE=archive-br0
CLIENT=archive-es-client
# addresses of the loopback range, on the namespaces' own links: Elasticsearch stays in development mode (its
# bootstrap checks want 65,535 file descriptors, more than this machine allows) and the traffic never leaves loopback
SUBNET=127.1.0
WORK=target/faults-partition
OUT="$WORK/network-partition.md"
log() { echo "[faults/partition] $*" >&2; }

[[ "$(id -u)" == 0 ]] || { log "needs root: it makes network namespaces"; exit 2; }
command -v iptables >/dev/null || { log "needs iptables (apt-get install iptables)"; exit 2; }

source scripts/faults/build.sh

teardown() {
  scripts/local-es.sh stop >/dev/null 2>&1 || true
  for ns in "${NETNS}1" "${NETNS}2" "${NETNS}3" "$CLIENT"; do ip netns del "$ns" 2>/dev/null || true; done
  for link in archive-veth1 archive-veth2 archive-veth3 archive-vethc "$BRIDGE"; do ip link del "$link" 2>/dev/null || true; done
}

# a namespace on the bridge with one address of 127.1.0.0/16; its own loopback keeps 127.0.0.1 alone, so the rest of
# the range goes over the link (route_localnet lets loopback addresses travel on it)
namespace() {
  local ns="$1" address="$2" link="$3"
  ip netns add "$ns"
  ip link add "$link" type veth peer name eth0 netns "$ns"
  ip link set "$link" master "$BRIDGE" up
  ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.route_localnet=1 net.ipv4.conf.default.route_localnet=1
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip addr del 127.0.0.1/8 dev lo
  ip netns exec "$ns" ip addr add 127.0.0.1/32 dev lo
  ip netns exec "$ns" ip addr add "$address/16" dev eth0
  ip netns exec "$ns" sysctl -qw net.ipv4.conf.eth0.route_localnet=1
  ip netns exec "$ns" ip link set eth0 up
}

network() {
  teardown
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  for n in 1 2 3; do
    namespace "$NETNS$n" "$SUBNET.1$n" "archive-veth$n"
  done
  namespace "$CLIENT" "$SUBNET.2" archive-vethc
}
in_client() { ip netns exec "$CLIENT" "$@"; }

export ES_INSTANCE=partition ES_NODES=3 ES_HTTP_PORT="$PORT" ES_RESET_DATA=true ES_HEAP="${FAULTS_ES_HEAP:-1g}"
export ES_NETNS="$NETNS" ES_NETNS_ADDRESS="$SUBNET.1" ES_NETNS_CLIENT="$CLIENT"
trap teardown EXIT
network
scripts/local-es.sh start
NODE1="http://$SUBNET.11:$PORT"
HOSTS="$NODE1,http://$SUBNET.12:$((PORT + 1)),http://$SUBNET.13:$((PORT + 2))"
SURVIVOR="http://$SUBNET.1$(( CUT_NODE == 1 ? 2 : 1 )):$(( PORT + (CUT_NODE == 1 ? 1 : 0) ))"

rm -rf "$WORK" && mkdir -p "$WORK"
java -cp bench/target/bench.jar cn.changji.archive.bench.GenerateArchive "$ARTICLES" "$WORK/archive"

export ARCHIVE_ELASTICSEARCH_HOSTS="$HOSTS"
export ARCHIVE_INDEX_ALIAS=partition ARCHIVE_INDEX_REPLICAS=1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
export ARCHIVE_ELASTICSEARCH_SOCKET_TIMEOUT=10s
archive_import() { in_client java -Xmx1g -jar target/quarkus-app/quarkus-run.jar import "$@"; }
count() { in_client curl -fsS --max-time 5 "$SURVIVOR/partition/_count" 2>/dev/null | sed -n 's/.*"count":\([0-9]*\).*/\1/p' || true; }

log "importing $ARTICLES articles into 3 nodes (1 replica); node $CUT_NODE is cut off at $CUT_AT of them for $CUT_FOR s"
start=$(date +%s.%N)
archive_import --dead-letter="$WORK/dead-letter.ndjson" "$WORK/archive" > "$WORK/report.json" 2> "$WORK/import.log" &
IMPORT=$!
threshold=$(awk -v n="$ARTICLES" -v f="$CUT_AT" 'BEGIN { printf "%d", n * f }')
indexed=0
while kill -0 "$IMPORT" 2>/dev/null; do
  indexed=$(count)
  (( ${indexed:-0} >= threshold )) && break
  sleep 0.5
done
import_running_at_cut=true
kill -0 "$IMPORT" 2>/dev/null || import_running_at_cut=false
master=$(in_client curl -fsS --max-time 5 "$NODE1/_cat/master?h=node" || echo "?")
cut_at=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
# cut off: every packet to or from the subnet is dropped in the node's namespace (the others and the import alike)
ip netns exec "$NETNS$CUT_NODE" iptables -A INPUT -i eth0 -j DROP
ip netns exec "$NETNS$CUT_NODE" iptables -A OUTPUT -o eth0 -j DROP
log "cut node $CUT_NODE off (master was $master) at $cut_at s, ${indexed:-0} articles counted"
# the partition is real when the cut node answers no one and the other two go on as a cluster of two
CUT_NODE_URL="http://$SUBNET.1$CUT_NODE:$((PORT + CUT_NODE - 1))"
cut_node_answered=false
two_node_cluster_at=""
# at least CUT_FOR seconds, and until the other two go on without the node (losing the master takes them about 35 s
# to notice and 30 s more to publish the new cluster without it), at most 5 minutes
cut_until=$(( $(date +%s) + CUT_FOR ))
give_up=$(( $(date +%s) + 300 ))
while (( $(date +%s) < cut_until )) || { [[ -z "$two_node_cluster_at" ]] && (( $(date +%s) < give_up )); }; do
  in_client curl -fsS --max-time 1 "$CUT_NODE_URL/" >/dev/null 2>&1 && cut_node_answered=true
  if [[ -z "$two_node_cluster_at" ]] \
     && [[ "$(in_client curl -fsS --max-time 2 "$SURVIVOR/_cat/nodes?h=name" 2>/dev/null | wc -l)" == 2 ]]; then
    two_node_cluster_at=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    log "the other two nodes form a cluster of two at $two_node_cluster_at s"
  fi
  sleep 1
done
counted_at_heal=$(count)
ip netns exec "$NETNS$CUT_NODE" iptables -F
healed_at=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
log "healed at $healed_at s, ${counted_at_heal:-?} articles counted"
set +e
wait "$IMPORT"
exit_code=$?
set -e
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
replayed=0
if [[ -f "$WORK/dead-letter.ndjson" ]]; then
  replayed=$(wc -l < "$WORK/dead-letter.ndjson")
  log "replaying the $replayed article(s) of the dead-letter file"
  archive_import --replay="$WORK/dead-letter.ndjson" > /dev/null 2>> "$WORK/import.log" || true
fi
health=$(in_client curl -fsS --max-time 130 "$NODE1/_cluster/health?wait_for_status=green&timeout=120s" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
in_client curl -fsS "$NODE1/partition/_refresh" > /dev/null
final=$(in_client curl -fsS "$NODE1/partition/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
foreign=$(in_client curl -fsS -H 'Content-Type: application/json' "$NODE1/partition/_count" \
  -d '{"query":{"bool":{"must_not":{"prefix":{"id":"bench-"}}}}}' | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
lost_partition=false
[[ -n "$two_node_cluster_at" && "$cut_node_answered" == false ]] && lost_partition=true

verdict=PASS
[[ "$final" == "$ARTICLES" && "$foreign" == 0 && "$health" == green ]] || verdict=FAIL
[[ "$import_running_at_cut" == true ]] || verdict="FAIL (the import was over before the cut)"
[[ "$lost_partition" == true ]] || verdict="FAIL (no partition: the cut node answered, or the other two never formed a cluster)"
[[ ! -f "$WORK/dead-letter.ndjson" ]] || verdict="FAIL (the dead-letter file did not replay to empty)"

mkdir -p "$(dirname "$OUT")"
cat > "$OUT" <<TABLE
| articles | node cut off | cut at | the other two a cluster at | healed at | import exit | import took | dead-letter replayed | _count | foreign ids | cluster | verdict |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| $ARTICLES | $CUT_NODE (master was $master) | $cut_at s, ${indexed:-0} counted | ${two_node_cluster_at:-never} s | $healed_at s, ${counted_at_heal:-?} counted | $exit_code | $took s | $replayed | $final | $foreign | $health | $verdict |
TABLE
cat "$OUT"
[[ "$verdict" == PASS ]]
