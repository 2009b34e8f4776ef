package cn.changji.archive.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The restore drill: import, snapshot, delete, restore; the archive comes back with the same articles, ids and
 * content hashes, its alias and its synonyms. A restore over an archive that is there is refused and harms nothing.
 */
@QuarkusTest
@TestProfile(SnapshotDrillIT.OwnArchive.class)
class SnapshotDrillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "drilltest";

    public static class OwnArchive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", ALIAS, "archive.snapshot.location", "drill");
        }
    }

    @Inject
    ImportCommand importCommand;

    @Inject
    SnapshotCommand snapshotCommand;

    @Inject
    ElasticsearchConfig elasticsearch;

    private final HttpClient client = HttpClient.newHttpClient();

    private record Run(int exitCode, String out, String err) {}

    private Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = command.equals("import") ? importCommand.run(stdout, stderr, args) : snapshotCommand.run(stdout, stderr, command, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private JsonNode elasticsearch(String method, String path) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(elasticsearch.hosts().get(0) + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** Every article's id with its content hash, as the index holds them. */
    private Map<String, String> archive() throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        elasticsearch("POST", "/" + ALIAS + "/_refresh");
        for (JsonNode hit : elasticsearch("GET", "/" + ALIAS + "/_search?size=1000&_source=contentHash").path("hits").path("hits")) {
            hashes.put(hit.path("_id").asText(), hit.path("_source").path("contentHash").asText());
        }
        return hashes;
    }

    @Test
    void anArchiveDeletedComesBackWholeFromItsSnapshot() throws Exception {
        assertEquals(0, run("import", "seeds").exitCode());
        Http.asWriter();
        given().contentType("text/plain; charset=UTF-8").body("中科院 = 中国科学院\n准东 = 准东经济技术开发区\n".getBytes(StandardCharsets.UTF_8))
            .when().put("/api/v1/synonyms").then().statusCode(200);
        Http.asReader();
        Map<String, String> before = archive();
        assertEquals(27, before.size(), "the seeds' articles");
        String synonyms = elasticsearch("GET", "/" + ALIAS + "-settings/_search").path("hits").toString();

        String name = "drill-" + System.currentTimeMillis();
        Run snapshot = run("snapshot", "--name=" + name);
        assertEquals(0, snapshot.exitCode(), snapshot.err());
        assertTrue(snapshot.err().contains("shards done"), "progress while the cluster works: " + snapshot.err());
        JsonNode report = JSON.readTree(snapshot.out());
        assertEquals("SUCCESS", report.path("state").asText());
        assertEquals(27, report.path("documents").asLong());
        assertTrue(report.path("indices").toString().contains(ALIAS + "-settings"), "the synonyms go with it");

        Run overwrite = run("restore", "--from=" + name);
        assertEquals(ImportCommand.USAGE, overwrite.exitCode(), "a restore never overwrites: " + overwrite.err());
        assertTrue(overwrite.err().contains("exists"), overwrite.err());
        assertEquals(before, archive(), "and harms nothing");

        java.util.List<String> indices = new java.util.ArrayList<>();
        elasticsearch("GET", "/_alias/" + ALIAS).fieldNames().forEachRemaining(indices::add);
        for (String index : indices) {
            elasticsearch("DELETE", "/" + index);
        }
        elasticsearch("DELETE", "/" + ALIAS + "-settings");
        given().queryParam("q", "新能源").get("/api/v1/articles/search").then().statusCode(503);

        Run restore = run("restore", "--from=" + name);
        assertEquals(0, restore.exitCode(), restore.err());
        assertEquals(before, archive(), "the same articles, ids and hashes");
        assertTrue(elasticsearch("GET", "/_alias/" + ALIAS).has(ALIAS + "-v3"), "the alias comes back with its index");
        assertEquals(synonyms, elasticsearch("GET", "/" + ALIAS + "-settings/_search").path("hits").toString(), "and the synonyms");
        given().queryParam("q", "新能源").get("/api/v1/articles/search").then().statusCode(200);

        assertEquals(ImportCommand.USAGE, run("snapshot", "--name=Bad Name").exitCode());
        assertEquals(ImportCommand.USAGE, run("restore").exitCode());
    }
}
