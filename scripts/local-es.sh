#!/usr/bin/env bash
# Provisions and runs a local Elasticsearch 8.19 with this project's IK plugin, for ./run.sh and the tests.
#
#   scripts/local-es.sh start | stop | status
#   scripts/local-es.sh kill-node N | start-node N     (a cluster's node N: kill -9, and start it again)
#   scripts/local-es.sh pause-node N | resume-node N   (SIGSTOP / SIGCONT: a stalled node that still accepts
#                                                       connections but answers nothing)
#   scripts/local-es.sh secure-info                    (with ES_SECURITY=true: URL, CA file and users, KEY=value lines)
#   scripts/local-es.sh rotate-certs                   (with ES_SECURITY=true: a new CA and node certificate, swapped
#                                                       in place; the nodes reload them, existing connections go on)
#
# Environment (all optional):
#   ES_HTTP_PORT        HTTP port on 127.0.0.1 (default 9200); ES_TRANSPORT_PORT (default HTTP port + 100)
#   ES_NODES            1 (default) or more: a cluster on loopback, node N on HTTP port ES_HTTP_PORT+N-1 and
#                       transport port ES_TRANSPORT_PORT+N-1, each with its own data, logs and pid file
#   ES_INSTANCE         name of this instance: its own home, data and logs (default "dev")
#   ES_HEAP             heap size (default 512m)
#   ES_PLUGIN_ZIP       the plugin zip to install (default analysis-ik/target/analysis-ik-*.zip)
#   ES_RESET_DATA       "true" wipes the instance's data before starting (tests use it)
#   ES_START_TIMEOUT    seconds to wait for a healthy node (default 180)
#   ARCHIVE_ES_BASE     where instances live (default: <project>/.es, or /var/tmp/... when run as root)
#   ES_JAVA_HOME        the JDK that runs Elasticsearch (default: the newest JDK 21 or later under /usr/lib/jvm, as
#                       Elasticsearch's own distributions bundle one; without one, JAVA_HOME or the JDK of `java`)
#   ES_NETNS            a prefix: node N runs in the network namespace <prefix>N (made beforehand, e.g. by
#                       scripts/faults/network-partition.sh) on the address ES_NETNS_ADDRESS<N> (e.g. 127.1.0.1 gives
#                       127.1.0.11, 127.1.0.12, ...) instead of 127.0.0.1; the script's own requests to the nodes go
#                       from the namespace ES_NETNS_CLIENT
#   ES_SECURITY         "true": security on, as in production: TLS on HTTP and transport from a CA made for the
#                       instance (bin/elasticsearch-certutil), file-realm users: archive-search with the service's
#                       role archive_search (k8s/elasticsearch/roles.yml) and archive-admin (superuser), each with a
#                       password made at the first secure start (secure-info prints them)
set -euo pipefail

ES_VERSION=8.19.21
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_USER=archive-es

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HTTP_PORT="${ES_HTTP_PORT:-9200}"
TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((HTTP_PORT + 100))}"
INSTANCE="${ES_INSTANCE:-dev}"
HEAP="${ES_HEAP:-512m}"
NODES="${ES_NODES:-1}"
START_TIMEOUT="${ES_START_TIMEOUT:-180}"

log() { echo "[local-es:${INSTANCE}] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

runtime_base() {
  if [[ -n "${ARCHIVE_ES_BASE:-}" ]]; then
    echo "$ARCHIVE_ES_BASE"
  elif [[ "$(id -u)" == 0 ]]; then
    # Elasticsearch refuses to run as root, and root's home is not traversable by its user:
    # keep the files under /var/tmp, one folder per checkout, and link it from the project.
    echo "/var/tmp/changji-archive-es/$(echo -n "$PROJECT" | sha1sum | cut -c1-12)"
  else
    echo "$PROJECT/.es"
  fi
}

BASE="$(runtime_base)"
DIR="$BASE/$INSTANCE"
HOME_DIR="$DIR/elasticsearch-$ES_VERSION"
SECURITY="${ES_SECURITY:-false}"
SCHEME=http
[[ "$SECURITY" == true ]] && SCHEME=https
# the address of node N: loopback, or its own in its network namespace
node_host() { if [[ -n "${ES_NETNS:-}" ]]; then echo "${ES_NETNS_ADDRESS:?ES_NETNS_ADDRESS is needed with ES_NETNS}$1"; else echo 127.0.0.1; fi; }
URL="$SCHEME://$(node_host 1):$HTTP_PORT"
CERTS_DIR="$HOME_DIR/config/certs"   # Elasticsearch reads TLS files from its own config directory
SECURE_DIR="$DIR/secure"             # the CA (a copy for clients) and the users' passwords
SERVICE_USER=archive-search
ADMIN_USER=archive-admin

# a single node keeps the names it always had; the nodes of a cluster get -1, -2, ...
suffix() { (( NODES == 1 )) || echo "-$1"; }
node_name() { echo "$INSTANCE$(suffix "$1")"; }
pid_file() { echo "$DIR/elasticsearch$(suffix "$1").pid"; }
data_dir() { echo "$DIR/data$(suffix "$1")"; }
logs_dir() { echo "$DIR/logs$(suffix "$1")"; }
node_url() { echo "$SCHEME://$(node_host "$1"):$((HTTP_PORT + $1 - 1))"; }

as_es_user() {
  if [[ "$(id -u)" == 0 ]]; then
    setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  [[ "$(id -u)" == 0 ]] || return 0
  if ! id "$ES_USER" >/dev/null 2>&1; then
    log "creating unprivileged user $ES_USER to run Elasticsearch"
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  fi
  if [[ ! -e "$PROJECT/.es" ]]; then
    ln -s "$BASE" "$PROJECT/.es"
  fi
}

# Elasticsearch's own distributions bundle a recent JDK; on 21 and later it computes vector similarities with its
# native library and Lucene with the Panama vector API, on 17 in plain Java: hybrid search's nearest-neighbour request
# for 新能源 over 100,000 articles, sent alone, took 2.5 ms of Elasticsearch's CPU on 17 and 3.0 with its neighbours'
# exact rescoring, 2.0 either way on 25. So the newest JDK of 21 or later under /usr/lib/jvm, unless ES_JAVA_HOME names
# one.
java_home() {
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    echo "$ES_JAVA_HOME"
    return
  fi
  local jdk major newest="" newest_major=20
  for jdk in /usr/lib/jvm/*; do
    [[ -x "$jdk/bin/java" && -f "$jdk/release" ]] || continue
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
    if [[ -n "$major" ]] && (( major > newest_major )); then
      newest="$jdk"
      newest_major="$major"
    fi
  done
  if [[ -n "$newest" ]]; then
    echo "$newest"
  elif [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

distribution_zip() {
  local repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
  local zip="$repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    log "fetching $ES_ARTIFACT from Maven Central"
    "$PROJECT/mvnw" -q -B dependency:get -Dartifact="$ES_ARTIFACT" -Dtransitive=false -Dmaven.repo.local="$repo" >&2
  fi
  [[ -f "$zip" ]] || die "Elasticsearch distribution not found at $zip"
  echo "$zip"
}

plugin_zip() {
  local zip="${ES_PLUGIN_ZIP:-}"
  if [[ -z "$zip" ]]; then
    zip="$(ls -t "$PROJECT"/analysis-ik/target/analysis-ik-*.zip 2>/dev/null | head -1 || true)"
  fi
  [[ -n "$zip" && -f "$zip" ]] || die "IK plugin zip not found (build it: ./mvnw -f analysis-ik/pom.xml package)"
  echo "$zip"
}

node_running() {
  local pid_file
  pid_file="$(pid_file "$1")"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

is_running() {
  local n
  for n in $(seq 1 "$NODES"); do
    node_running "$n" && return 0
  done
  return 1
}

install_distribution() {
  if [[ -x "$HOME_DIR/bin/elasticsearch" ]]; then
    return 0
  fi
  local zip staging
  zip="$(distribution_zip)"
  staging="$DIR/.unpack"
  rm -rf "$staging" && mkdir -p "$staging"
  log "unpacking Elasticsearch $ES_VERSION into $HOME_DIR"
  unzip -q "$zip" -d "$staging"
  mv "$staging/elasticsearch-$ES_VERSION" "$HOME_DIR"
  rm -rf "$staging"
}

install_plugin() {
  local zip sum marker
  zip="$(plugin_zip)"
  sum="$(sha1sum "$zip" | cut -d' ' -f1)"
  marker="$DIR/analysis-ik.sha1"
  if [[ -f "$marker" && "$(cat "$marker")" == "$sum" && -d "$HOME_DIR/plugins/analysis-ik" ]]; then
    return 0
  fi
  log "installing IK plugin $(basename "$zip")"
  cp "$zip" "$DIR/analysis-ik.zip"
  own
  rm -rf "$HOME_DIR/plugins/analysis-ik"
  as_es_user env ES_JAVA_HOME="$(java_home)" "$HOME_DIR/bin/elasticsearch-plugin" install --batch --silent \
    "file://$DIR/analysis-ik.zip" >&2 || die "installing the IK plugin failed"
  echo "$sum" > "$marker"
}

own() {
  if [[ "$(id -u)" == 0 ]]; then
    chmod 755 "$(dirname "$BASE")" "$BASE" 2>/dev/null || true
    chown -R "$ES_USER:$ES_USER" "$DIR"
  fi
}

# curl as the admin user, trusting the instance's CA, when security is on
es_curl() {
  local via=()
  [[ -n "${ES_NETNS_CLIENT:-}" ]] && via=(ip netns exec "$ES_NETNS_CLIENT")
  if [[ "$SECURITY" == true ]]; then
    "${via[@]}" curl --cacert "$SECURE_DIR/ca.crt" -u "$ADMIN_USER:$(cat "$SECURE_DIR/$ADMIN_USER.password")" "$@"
  else
    "${via[@]}" curl "$@"
  fi
}

healthy() {
  es_curl -fsS --max-time 2 "$URL/_cluster/health?wait_for_status=yellow&wait_for_nodes=$NODES&timeout=1s" >/dev/null 2>&1
}

# A new CA and a node certificate it signs (for 127.0.0.1 and localhost), put in place of the old ones.
make_certs() {
  local work
  work="$(mktemp -d)"
  env ES_JAVA_HOME="$(java_home)" "$HOME_DIR/bin/elasticsearch-certutil" ca --pem --silent --days 3650 \
    --out "$work/ca.zip" >/dev/null || die "certutil could not make a CA"
  unzip -q -o "$work/ca.zip" -d "$work"
  env ES_JAVA_HOME="$(java_home)" "$HOME_DIR/bin/elasticsearch-certutil" cert --pem --silent --days 3650 \
    --ca-cert "$work/ca/ca.crt" --ca-key "$work/ca/ca.key" --ip 127.0.0.1 --dns localhost --name node \
    --out "$work/node.zip" >/dev/null || die "certutil could not make the node certificate"
  unzip -q -o "$work/node.zip" -d "$work"
  mkdir -p "$CERTS_DIR" "$SECURE_DIR"
  local file
  # all three copied first, then renamed one right after the other: the node, watching them, sees a key that does
  # not match its certificate for as short a time as renames take
  for file in node/node.key node/node.crt ca/ca.crt; do
    cp "$work/$file" "$CERTS_DIR/$(basename "$file").new"
  done
  for file in node.key node.crt ca.crt; do
    mv -f "$CERTS_DIR/$file.new" "$CERTS_DIR/$file"
  done
  cp "$work/ca/ca.crt" "$SECURE_DIR/ca.crt.new" && mv -f "$SECURE_DIR/ca.crt.new" "$SECURE_DIR/ca.crt"
  chmod 644 "$SECURE_DIR/ca.crt"
  rm -rf "$work"
  own
}

# The file realm: the service's role from k8s/elasticsearch/roles.yml, its user and an admin, passwords made once.
secure_instance() {
  [[ -f "$CERTS_DIR/node.crt" && -f "$SECURE_DIR/ca.crt" ]] || make_certs
  cp "$PROJECT/k8s/elasticsearch/roles.yml" "$HOME_DIR/config/roles.yml"
  local user role
  for user in "$SERVICE_USER" "$ADMIN_USER"; do
    [[ -f "$SECURE_DIR/$user.password" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$SECURE_DIR/$user.password"
    role=archive_search
    [[ "$user" == "$ADMIN_USER" ]] && role=superuser
    if ! grep -q "^$user:" "$HOME_DIR/config/users" 2>/dev/null; then
      env ES_JAVA_HOME="$(java_home)" "$HOME_DIR/bin/elasticsearch-users" useradd "$user" \
        -p "$(cat "$SECURE_DIR/$user.password")" -r "$role" >/dev/null || die "cannot add the file-realm user $user"
    fi
  done
  chmod 700 "$SECURE_DIR"
  own
}

security_settings() {
  if [[ "$SECURITY" != true ]]; then
    echo "-Expack.security.enabled=false"
    return
  fi
  local layer
  echo "-Expack.security.enabled=true"
  for layer in http transport; do
    echo "-Expack.security.$layer.ssl.enabled=true"
    echo "-Expack.security.$layer.ssl.key=certs/node.key"
    echo "-Expack.security.$layer.ssl.certificate=certs/node.crt"
    echo "-Expack.security.$layer.ssl.certificate_authorities=certs/ca.crt"
  done
  echo "-Expack.security.transport.ssl.verification_mode=certificate"
}

secure_info() {
  [[ "$SECURITY" == true ]] || die "secure-info needs ES_SECURITY=true"
  [[ -f "$SECURE_DIR/ca.crt" ]] || die "no secure instance $INSTANCE yet: start it with ES_SECURITY=true"
  echo "ES_URL=$URL"
  echo "ES_CA=$SECURE_DIR/ca.crt"
  echo "ES_USERNAME=$SERVICE_USER"
  echo "ES_PASSWORD=$(cat "$SECURE_DIR/$SERVICE_USER.password")"
  echo "ES_ADMIN_USERNAME=$ADMIN_USER"
  echo "ES_ADMIN_PASSWORD=$(cat "$SECURE_DIR/$ADMIN_USER.password")"
}

start_node() {
  local n="$1" name discovery seeds masters i
  name="$(node_name "$n")"
  mkdir -p "$(data_dir "$n")" "$(logs_dir "$n")" "$DIR/snapshots"
  own
  rm -f "$(pid_file "$n")"
  if (( NODES == 1 )); then
    discovery=(-Ediscovery.type=single-node)
  else
    seeds="" masters=""
    for i in $(seq 1 "$NODES"); do
      seeds+="${seeds:+,}$(node_host "$i"):$((TRANSPORT_PORT + i - 1))"
      masters+="${masters:+,}$(node_name "$i")"
    done
    discovery=(-Ediscovery.seed_hosts="$seeds" -Ecluster.initial_master_nodes="$masters")
  fi
  log "starting $name on $(node_url "$n") (transport $((TRANSPORT_PORT + n - 1)), heap $HEAP, data $(data_dir "$n"), Java $(java_home))"
  local runner=()
  [[ -n "${ES_NETNS:-}" ]] && runner=(ip netns exec "${ES_NETNS}$n")
  [[ "$(id -u)" == 0 ]] && runner+=(setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups --)
  "${runner[@]}" env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$(pid_file "$n")" \
    -Ecluster.name="changji-archive-$INSTANCE" \
    -Enode.name="$name" \
    -Enetwork.host="$(node_host "$n")" \
    -Ehttp.port="$((HTTP_PORT + n - 1))" \
    -Etransport.port="$((TRANSPORT_PORT + n - 1))" \
    "${discovery[@]}" \
    -Epath.data="$(data_dir "$n")" \
    -Epath.logs="$(logs_dir "$n")" \
    -Epath.repo="$DIR/snapshots" \
    $(security_settings) \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    >/dev/null || die "Elasticsearch node $name did not start; see $(logs_dir "$n")"
}

wait_healthy() {
  local waited=0 n
  until healthy; do
    for n in $(seq 1 "$NODES"); do
      if ! node_running "$n"; then
        tail -n 40 "$(logs_dir "$n")/changji-archive-$INSTANCE.log" >&2 2>/dev/null || true
        die "Elasticsearch node $(node_name "$n") exited during start-up; logs in $(logs_dir "$n")"
      fi
    done
    if (( waited >= START_TIMEOUT )); then
      die "Elasticsearch not healthy on $URL after ${START_TIMEOUT}s; logs in $DIR/logs*"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "healthy on $URL ($NODES node(s)) after ${waited}s"
}

start() {
  if is_running && healthy; then
    log "already running on $URL (pid $(cat "$(pid_file 1)"))"
    return 0
  fi
  is_running && die "a node of $INSTANCE runs but $URL does not answer; run '$0 stop' first"
  mkdir -p "$DIR"
  ensure_user
  install_distribution
  install_plugin
  [[ "$SECURITY" == true ]] && secure_instance
  local n
  for n in $(seq 1 "$NODES"); do
    if [[ "${ES_RESET_DATA:-false}" == true ]]; then
      rm -rf "$(data_dir "$n")"
    fi
    start_node "$n"
  done
  wait_healthy
}

stop_node() {
  local n="$1" pid pid_file waited=0
  pid_file="$(pid_file "$n")"
  if ! node_running "$n"; then
    rm -f "$pid_file"
    return 1
  fi
  pid="$(cat "$pid_file")"
  log "stopping $(node_name "$n") (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= 60 )); then
      log "pid $pid still alive after 30s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
}

stop() {
  local n stopped=0
  for n in $(seq 1 "$NODES"); do
    stop_node "$n" && stopped=$((stopped + 1))
  done
  if (( stopped == 0 )); then
    log "not running"
  else
    log "stopped"
  fi
}

# kill -9: the node gets no chance to leave the cluster cleanly
kill_node() {
  local n="${1:?node number}"
  node_running "$n" || die "node $(node_name "$n") is not running"
  log "kill -9 $(node_name "$n") (pid $(cat "$(pid_file "$n")"))"
  kill -KILL "$(cat "$(pid_file "$n")")"
  rm -f "$(pid_file "$n")"
}

# SIGSTOP: the kernel still accepts connections on the node's ports, the node answers nothing
signal_node() {
  local n="${1:?node number}" signal="$2"
  node_running "$n" || die "node $(node_name "$n") is not running"
  log "kill -$signal $(node_name "$n") (pid $(cat "$(pid_file "$n")"))"
  kill "-$signal" "$(cat "$(pid_file "$n")")"
}

status() {
  if is_running && es_curl -fsS --max-time 2 "$URL/_cluster/health?pretty" 2>/dev/null; then
    return 0
  fi
  log "not running on $URL"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill-node) kill_node "${2:-}" ;;
  start-node) start_node "${2:?node number}" ;;
  pause-node) signal_node "${2:-}" STOP ;;
  resume-node) signal_node "${2:-}" CONT ;;
  secure-info) secure_info ;;
  rotate-certs) [[ "$SECURITY" == true ]] || die "rotate-certs needs ES_SECURITY=true"; make_certs; log "new CA in $SECURE_DIR/ca.crt" ;;
  *) echo "usage: $0 start|stop|status|kill-node N|start-node N|pause-node N|resume-node N|secure-info|rotate-certs" >&2; exit 2 ;;
esac
