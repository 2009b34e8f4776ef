# Elasticsearch 8.19.21 with the IK analysis plugin this repository builds, so production analyzes text exactly
# like the tests. Build from the repository root:
#   docker build -f docker/elasticsearch.Dockerfile -t changji-archive/elasticsearch-ik:8.19.21 .

FROM maven:3.9.11-eclipse-temurin-17 AS plugin
WORKDIR /build
COPY analysis-ik analysis-ik
RUN mvn -B -q -f analysis-ik/pom.xml package -DskipTests

FROM docker.elastic.co/elasticsearch/elasticsearch:8.19.21
COPY --from=plugin /build/analysis-ik/target/analysis-ik-1.0.0-SNAPSHOT.zip /tmp/analysis-ik.zip
RUN bin/elasticsearch-plugin install --batch file:///tmp/analysis-ik.zip && rm /tmp/analysis-ik.zip
