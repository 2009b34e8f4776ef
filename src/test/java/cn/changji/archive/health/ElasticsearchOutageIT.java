package cn.changji.archive.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.Http;
import cn.changji.archive.testing.LocalElasticsearch;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Elasticsearch stops under a steady search load and comes back: while it is gone every search answers 503
 * problem+json with Retry-After within the search timeout (no caller hangs), nothing answers 500, and the service
 * serves again by itself within seconds of Elasticsearch's return.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(ElasticsearchOutageIT.OwnElasticsearch.class)
class ElasticsearchOutageIT {
    private static final int CLIENTS = 4;
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(1);
    /** The search timeout, the client's grace second after it, and room for a busy 2-core machine. */
    private static final long LONGEST_ANSWER_MILLIS = 3_500;

    static int port() {
        return LocalElasticsearch.sharedPort("outage");
    }

    public static class OwnElasticsearch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.elasticsearch.hosts", "http://127.0.0.1:" + port(),
                "archive.search.timeout", SEARCH_TIMEOUT.toMillis() + "ms",
                "archive.circuit-breaker.failures", "3",
                "archive.circuit-breaker.open-for", "2s");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/api/v1/articles/search?q=%E6%96%B0%E8%83%BD%E6%BA%90")
    URL search;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Answer(long atMillis, int status, long millis, boolean problem, boolean retryAfter) {}

    @Test
    void searchesAnswer503QuicklyWhileElasticsearchIsGoneAndRecoverByThemselves() throws Exception {
        LocalElasticsearch elasticsearch = new LocalElasticsearch("outage", port());
        elasticsearch.start();
        try {
            awaitReady(Duration.ofSeconds(60));
            Http.asWriter();
            given().contentType("application/x-ndjson").queryParam("filename", "outage.ndjson")
                .body("{\"title\":\"新能源项目开工\",\"body\":\"昌吉州新能源项目集中开工。\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/imports").then().statusCode(200);
            Http.asReader();

            long start = System.nanoTime();
            List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(load.submit(() -> {
                    while (running.get()) {
                        answers.add(searchOnce(start));
                        Thread.sleep(20); // a steady load, not a spin: at most about 50 searches a second per client
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000);
            long stopping = millisSince(start);
            elasticsearch.stop();
            long stopped = millisSince(start);
            Thread.sleep(5_000);
            long restarting = millisSince(start);
            elasticsearch.restart();
            long back = millisSince(start);
            long servedAgain = -1;
            while (millisSince(start) < back + 30_000) {
                Answer last = answers.isEmpty() ? null : answers.get(answers.size() - 1);
                if (last != null && last.atMillis() > back && last.status() == 200) {
                    servedAgain = last.atMillis();
                    break;
                }
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            running.set(false);
            for (Future<?> c : clients) {
                c.get();
            }
            load.shutdown();

            List<Answer> all = List.copyOf(answers);
            Map<Integer, Integer> statuses = new TreeMap<>();
            all.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
            List<Answer> outage = all.stream().filter(a -> a.atMillis() - a.millis() > stopped && a.atMillis() < restarting).toList();
            long slowest = all.stream().mapToLong(Answer::millis).max().orElse(0);
            long slowestInOutage = outage.stream().mapToLong(Answer::millis).max().orElse(0);
            System.out.printf("outage figures: %d searches %s; stop took %d ms, restart %d ms; during the outage %d "
                    + "searches, slowest %d ms; served again %d ms after Elasticsearch was back; slowest overall %d ms%n",
                all.size(), statuses, stopped - stopping, back - restarting, outage.size(), slowestInOutage,
                servedAgain < 0 ? -1 : servedAgain - back, slowest);

            assertTrue(outage.size() > CLIENTS, "searches were sent during the outage: " + outage.size());
            assertTrue(outage.stream().allMatch(a -> a.status() == 503 && a.problem() && a.retryAfter()),
                "every search in the outage is a 503 problem with Retry-After: " + outage.stream()
                    .filter(a -> a.status() != 503 || !a.problem() || !a.retryAfter()).limit(5).toList());
            assertTrue(slowestInOutage <= LONGEST_ANSWER_MILLIS, "no caller waits past the search timeout: " + slowestInOutage + " ms");
            assertTrue(all.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 and 503: " + statuses);
            assertTrue(servedAgain > 0, "served again by itself after Elasticsearch came back");
            assertTrue(servedAgain - back <= 10_000, "within seconds: " + (servedAgain - back) + " ms");
            assertEquals(200, searchOnce(start).status());
        } finally {
            elasticsearch.stop();
        }
    }

    private Answer searchOnce(long start) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(search.toURI())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - sent) / 1_000_000;
            return new Answer(millisSince(start), response.statusCode(), millis,
                response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE),
                response.headers().firstValue("Retry-After").isPresent());
        } catch (Exception e) {
            return new Answer(millisSince(start), -1, (System.nanoTime() - sent) / 1_000_000, false, false);
        }
    }

    private void awaitReady(Duration within) throws Exception {
        URI ready = search.toURI().resolve("/q/health/ready");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready within " + within);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
