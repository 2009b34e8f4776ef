# Sourced by ./run.sh, bench/run.sh and the fault scenarios: start the packaged service, wait until it is ready or
# fail loudly, stop it. Callers set log() and export the service's configuration first.
#
#   service_start PORT LOG_FILE [JVM options...]   starts target/quarkus-app/quarkus-run.jar, sets SERVICE_PID;
#                                                   with the Dockerfile's flags unless the options name their own:
#                                                   the parallel collector, no hsperfdata, transparent huge pages
#                                                   and the JVM's own warnings on stderr
#   service_jvm_defaults [JVM options...]          sets SERVICE_JVM_DEFAULTS: those flags, less the ones the options
#                                                   name their own of
#   service_wait_ready PORT [SECONDS]               returns once /q/health/ready answers 200; exits 1 (with the end of
#                                                   the log) if the service dies or is not ready in time (default 120 s)
#   service_stop                                    SIGTERM, then waits for the process to end

SERVICE_PID="${SERVICE_PID:-}"
SERVICE_LOG=""

# Sets SERVICE_JVM_DEFAULTS to the flags the Dockerfile sets too (see there why), less those the given JVM options name
# their own of; a second -XX:+Use...GC would stop the JVM. bench/pass-through.sh gives its floor the same.
service_jvm_defaults() {
  local option collector=(-XX:+UseParallelGC) perf_data=(-XX:-UsePerfData) huge_pages=(-XX:+UseTransparentHugePages)
  local jvm_log=(-Xlog:disable -Xlog:all=warning:stderr:uptime,level,tags)
  for option in "$@"; do
    [[ "$option" =~ ^-XX:\+Use[A-Za-z0-9]+GC$ ]] && collector=()
    [[ "$option" == -XX:?UsePerfData ]] && perf_data=()
    [[ "$option" == -XX:?UseTransparentHugePages || "$option" == -XX:?UseLargePages ]] && huge_pages=()
    [[ "$option" == -Xlog* ]] && jvm_log=()
  done
  SERVICE_JVM_DEFAULTS=("${collector[@]}" "${perf_data[@]}" "${huge_pages[@]}" "${jvm_log[@]}")
}

service_start() {
  local port="$1" log_file="$2"
  shift 2
  SERVICE_LOG="$log_file"
  service_jvm_defaults "$@"
  set -- "${SERVICE_JVM_DEFAULTS[@]}" "$@"
  if [[ "$log_file" == - ]]; then
    QUARKUS_HTTP_PORT="$port" java "$@" -jar target/quarkus-app/quarkus-run.jar &
  else
    QUARKUS_HTTP_PORT="$port" java "$@" -jar target/quarkus-app/quarkus-run.jar > "$log_file" 2>&1 &
  fi
  SERVICE_PID=$!
}

service_wait_ready() {
  local port="$1" seconds="${2:-120}"
  for _ in $(seq 1 "$seconds"); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && return 0
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "the service exited during start-up${SERVICE_LOG:+; the end of $SERVICE_LOG:}"
      [[ -n "$SERVICE_LOG" && "$SERVICE_LOG" != - ]] && tail -n 20 "$SERVICE_LOG" >&2
      exit 1
    fi
    sleep 1
  done
  log "the service was not ready after $seconds s: $(curl -sS "http://127.0.0.1:$port/q/health/ready" 2>&1 | head -c 400)"
  [[ -n "$SERVICE_LOG" && "$SERVICE_LOG" != - ]] && tail -n 20 "$SERVICE_LOG" >&2
  exit 1
}

service_stop() {
  if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}
