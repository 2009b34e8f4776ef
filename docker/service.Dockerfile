# The search service. Build from the repository root:
#   docker build -f docker/service.Dockerfile -t changji-archive/search:1.0.0 .
# Configured only by environment (see the README's configuration table); runs as an unprivileged user.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /build
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY analysis-ik/pom.xml analysis-ik/pom.xml
# the dependencies and plugins first, in a layer of their own: it is built again only when a pom changes (Quarkus'
# build-time extensions are fetched by the package step below)
RUN ./mvnw -B -q -f analysis-ik/pom.xml dependency:go-offline \
 && ./mvnw -B -q dependency:resolve dependency:resolve-plugins -Dinvoker.skip=true
COPY analysis-ik analysis-ik
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17.0.16_8-jre-noble
RUN groupadd --system --gid 10001 archive && useradd --system --uid 10001 --gid archive --no-create-home archive
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/target/quarkus-app/ /app/
USER 10001
EXPOSE 8080
# The parallel collector: the service keeps little (caches of a few MiB) and makes short-lived garbage, and on the
# cores it shares with Elasticsearch G1's concurrent work and barriers cost more CPU per search. Side by side on the
# benchmark's 100k index (services taking turns, 3 rounds of 20 s): 0.85 against 0.73 ms at concurrency 1, the same
# 0.55 at 8 (the serial collector: 0.75 and 0.55). A heap of 60 % of the container's memory (the rest for
# direct memory, threads and metaspace), and an exit (status 3) on OutOfMemoryError instead of a process that limps
# on. No hsperfdata (-XX:-UsePerfData): the JVM's periodic task thread samples its counters into that file 20 times
# a second, 1.2 ms of CPU per second of an idle service and 0.75 under searches (per-thread CPU from /proc, the
# benchmark's million-article index at concurrency 1: about 0.015 ms per search); jcmd and profilers still attach by
# process id, only jps and jstat no longer list it. Transparent huge pages for the heap and the compiled code
# (-XX:+UseTransparentHugePages, the kernel's "madvise" mode suffices): a search runs after milliseconds of
# Elasticsearch's work on the same cores, so its memory is cold in the TLB; with 2 MiB pages the service used about
# 10 % less CPU per search (the million-article index at concurrency 1, two services taking turns, 4 rounds of 20 s:
# 0.30 to 0.34 ms against 0.34 to 0.37), for about 60 MiB more resident memory. Where the kernel has them off, the
# JVM says so once and runs on. The JVM's own warnings go to stderr (-Xlog:...:stderr), so stdout stays the JSON log
# stream; for the same reason these are passed on the command line, not as JAVA_TOOL_OPTIONS, whose "Picked up ..."
# line would break it. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:+UseParallelGC -XX:-UsePerfData -XX:+UseTransparentHugePages -Xlog:disable -Xlog:all=warning:stderr:uptime,level,tags -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
# the embedding model's tokenizer (DJL) unpacks its native library into this directory, once per start: /tmp, which
# is writable in the container and in the pod (an emptyDir; the user has no home directory)
ENV DJL_CACHE_DIR=/tmp/djl
# readiness through bash alone: the runtime image has no curl
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# no arguments: serve the API; "import <dir|file|glob>...": the command-line import (exits when done)
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar \"$@\"", "--"]
