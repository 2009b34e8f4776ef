# Sourced by the fault scenarios: builds the service and the benchmark module (the generator, the load generator)
# unless SKIP_BUILD=true (run-all.sh and .ci/run build once).
if [[ "${SKIP_BUILD:-false}" != true ]]; then
  echo "[faults] building the service and the benchmark module" >&2
  ./mvnw -B -q install -DskipTests
  ./mvnw -B -q -f bench/pom.xml package
fi
