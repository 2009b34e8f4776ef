package cn.changji.archive.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A reindex under a steady search load, with articles written meanwhile: no search fails or sees another count, the
 * alias moves to the new index in one step, what was written during the copy is in it, and the previous index stays
 * until it is asked to go.
 */
@QuarkusTest
@TestProfile(ReindexUnderLoadIT.OwnArchive.class)
class ReindexUnderLoadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "reindextest";
    private static final int ARTICLES = 5_000;

    public static class OwnArchive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", ALIAS, "archive.rate-limit.per-second", "0");
        }
    }

    @jakarta.inject.Inject
    ReindexCommand reindex;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = reindex.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void write(String ndjson) {
        Http.asWriter();
        try {
            given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/articles")
                .then().statusCode(200);
        } finally {
            Http.asReader();
        }
    }

    private static long total(String q) {
        return given().queryParam("q", q).get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void searchesNeverFailNorMissAnArticleWhileTheAliasMoves() throws Exception {
        for (int start = 0; start < ARTICLES; start += 1_000) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = start; i < start + 1_000; i++) {
                ndjson.append("{\"id\":\"reindex-").append(i).append("\",\"title\":\"重建索引测试文章第").append(i)
                    .append("篇\",\"body\":\"").append(i % 3 == 0 ? "新能源项目" : "园区建设").append("的正文。\"}\n");
            }
            write(ndjson.toString());
        }
        long newEnergy = total("新能源");
        long all = total("重建索引测试文章");
        assertEquals(ARTICLES, all);

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(load.submit(() -> {
                while (running.get()) {
                    var answer = given().queryParam("q", "新能源").get("/api/v1/articles/search");
                    searches.incrementAndGet();
                    if (answer.statusCode() != 200 || answer.jsonPath().getLong("total") != newEnergy) {
                        wrong.add(answer.statusCode() + " " + answer.asString());
                    }
                    Thread.sleep(20);
                }
                return null;
            }));
        }
        clients.add(load.submit(() -> {
            while (running.get()) {
                int n = written.getAndIncrement();
                write("{\"id\":\"during-" + n + "\",\"title\":\"重建期间写入的文章" + n + "\",\"body\":\"园区建设。\"}\n");
                Thread.sleep(100);
            }
            return null;
        }));

        Run moved = run();
        running.set(false);
        for (Future<?> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }
        load.shutdown();
        assertEquals(0, moved.exitCode(), moved.err());
        JsonNode report = JSON.readTree(moved.out());
        assertEquals(ALIAS + "-v3", report.path("from").asText());
        assertTrue(report.path("to").asText().startsWith(ALIAS + "-v3-"), "a new index of the same version: " + report);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + searches.get() + " searches failed or miscounted: " + wrong);
        assertTrue(searches.get() > 20, "searches ran throughout: " + searches.get());
        assertEquals(newEnergy, total("新能源"), "the same result count after");
        assertEquals(written.get(), total("重建期间写入的文章"), "every article written during the reindex is in the new index");

        String previous = report.path("from").asText();
        assertEquals(ImportCommand.USAGE, run("--delete=" + report.path("to").asText()).exitCode(), "the index the alias names stays");
        assertTrue(total("重建索引测试文章") == ARTICLES);
        assertEquals(0, run("--delete=" + previous).exitCode(), "the previous index goes when asked");
        assertEquals(ARTICLES, total("重建索引测试文章"));
    }
}
