package cn.changji.archive.index;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.SnapshotConfig;
import cn.changji.archive.failure.ArchiveException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Backups that restore: a snapshot holds the index behind the articles alias (with the alias) and the synonyms'
 * index, in the cluster's snapshot repository; a restore brings them back where they are missing, never over an
 * index that exists. Both report progress while the cluster works.
 */
@ApplicationScoped
public class Snapshots {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final SnapshotConfig config;
    private final ElasticsearchConfig elasticsearch;

    Snapshots(ElasticsearchJson json, IndexDefinition definition, SnapshotConfig config, ElasticsearchConfig elasticsearch) {
        this.json = json;
        this.definition = definition;
        this.config = config;
        this.elasticsearch = elasticsearch;
    }

    /** What a snapshot or a restore did. */
    public record Report(String snapshot, String repository, List<String> indices, String state, int shards,
                         int failedShards, long documents, long tookMs) {}

    public Report snapshot(String name, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        ensureRepository();
        List<String> indices = archiveIndices();
        if (indices.isEmpty()) {
            throw ArchiveException.invalid("There is nothing to back up: no index behind the alias '" + definition.alias() + "'.");
        }
        ObjectNode body = JSON.objectNode().put("include_global_state", false);
        body.putArray("indices").addAll(indices.stream().map(JSON::textNode).toList());
        send("PUT", "/_snapshot/" + config.repository() + "/" + name + "?wait_for_completion=false", body);
        JsonNode snapshot;
        long deadline = System.nanoTime() + config.timeout().toNanos();
        do {
            sleep();
            JsonNode status = send("GET", "/_snapshot/" + config.repository() + "/" + name + "/_status", null).path("snapshots").path(0);
            JsonNode shards = status.path("shards_stats");
            progress.accept(String.format("snapshot %s: %d of %d shards done", name, shards.path("done").asInt(),
                shards.path("total").asInt()));
            snapshot = send("GET", "/_snapshot/" + config.repository() + "/" + name, null).path("snapshots").path(0);
        } while (snapshot.path("state").asText().equals("IN_PROGRESS") && System.nanoTime() < deadline);
        return new Report(name, config.repository(), indices, snapshot.path("state").asText(),
            snapshot.path("shards").path("total").asInt(), snapshot.path("shards").path("failed").asInt(),
            count(), (System.nanoTime() - start) / 1_000_000);
    }

    public Report restore(String name, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        ensureRepository();
        JsonNode snapshot = send("GET", "/_snapshot/" + config.repository() + "/" + name, null).path("snapshots").path(0);
        List<String> indices = new ArrayList<>();
        snapshot.path("indices").forEach(index -> indices.add(index.asText()));
        for (String index : indices) {
            if (exists("/" + index)) {
                throw ArchiveException.invalid("Index '" + index + "' exists: a restore never overwrites what is there. "
                    + "Delete it first if the snapshot is to replace it.");
            }
        }
        if (exists("/_alias/" + definition.alias())) {
            throw ArchiveException.invalid("The alias '" + definition.alias() + "' points at an index already: a restore "
                + "never overwrites what is there. Delete that index first if the snapshot is to replace it.");
        }
        ObjectNode body = JSON.objectNode().put("include_global_state", false).put("include_aliases", true);
        body.putArray("indices").addAll(indices.stream().map(JSON::textNode).toList());
        send("POST", "/_snapshot/" + config.repository() + "/" + name + "/_restore?wait_for_completion=false", body);
        String joined = String.join(",", indices);
        long deadline = System.nanoTime() + config.timeout().toNanos();
        JsonNode health;
        do {
            sleep();
            health = send("GET", "/_cluster/health/" + joined + "?level=cluster", null);
            progress.accept(String.format("restore %s: %d active shards, %d initializing, status %s", name,
                health.path("active_shards").asInt(), health.path("initializing_shards").asInt(), health.path("status").asText()));
        } while (!(health.path("initializing_shards").asInt() == 0 && health.path("active_primary_shards").asInt() > 0
            && !health.path("status").asText().equals("red")) && System.nanoTime() < deadline);
        send("POST", "/" + definition.alias() + "/_refresh", null);
        return new Report(name, config.repository(), indices, health.path("status").asText().toUpperCase(),
            snapshot.path("shards").path("total").asInt(), snapshot.path("shards").path("failed").asInt(), count(),
            (System.nanoTime() - start) / 1_000_000);
    }

    /** The repository, registered as a shared file system one when a location is configured. */
    private void ensureRepository() throws IOException {
        if (config.location().isPresent()) {
            ObjectNode body = JSON.objectNode().put("type", "fs");
            body.putObject("settings").put("location", config.location().get()).put("compress", true);
            send("PUT", "/_snapshot/" + config.repository(), body);
        } else if (!exists("/_snapshot/" + config.repository())) {
            throw ArchiveException.invalid("The snapshot repository '" + config.repository() + "' does not exist on "
                + elasticsearch.hosts() + ": register it (an object store on ECK), or set archive.snapshot.location to a "
                + "directory inside the nodes' path.repo.");
        }
    }

    /** The index behind the alias, and the synonyms' index when there is one. */
    private List<String> archiveIndices() throws IOException {
        List<String> indices = new ArrayList<>();
        if (exists("/_alias/" + definition.alias())) {
            send("GET", "/_alias/" + definition.alias(), null).fieldNames().forEachRemaining(indices::add);
        }
        String settings = definition.alias() + "-settings";
        if (exists("/" + settings)) {
            indices.add(settings);
        }
        return indices;
    }

    private long count() throws IOException {
        return exists("/_alias/" + definition.alias())
            ? send("GET", "/" + definition.alias() + "/_count", null).path("count").asLong() : 0;
    }

    private boolean exists(String path) throws IOException {
        return json.exists(path, TIMEOUT);
    }

    private JsonNode send(String method, String path, ObjectNode body) throws IOException {
        return json.call(method, path, body, TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
