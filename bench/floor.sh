# Sourced by bench/run.sh and bench/pass-through.sh (after scripts/lib/service.sh and their own log):
#   floor_start PORT SERVICE_PORT ES_PORT LOG   starts PassThrough (the floor under the service's CPU per search) with
#                                               the JVM flags service_start gives the service, sets FLOOR_PID, returns
#                                               once it answers GET /ping; exits 1 (with its log) if it does not in 30 s;
#                                               its event loops as many as the service's (the environment's override, or
#                                               application.properties)
floor_start() {
  local port="$1" service_port="$2" es_port="$3" log_file="$4" event_loops
  event_loops="${QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE:-$(sed -n 's/^quarkus\.vertx\.event-loops-pool-size=//p' src/main/resources/application.properties)}"
  service_jvm_defaults
  java "${SERVICE_JVM_DEFAULTS[@]}" -Xmx1g -cp bench/target/bench.jar cn.changji.archive.bench.PassThrough \
    --port="$port" --event-loops="$event_loops" --service="http://127.0.0.1:$service_port" \
    --elasticsearch="http://127.0.0.1:$es_port" --alias=bench > "$log_file" 2>&1 &
  FLOOR_PID=$!
  for _ in $(seq 30); do curl -fs -o /dev/null "http://127.0.0.1:$port/ping" && return 0; sleep 1; done
  log "the floor did not start: $(cat "$log_file")"
  exit 1
}
