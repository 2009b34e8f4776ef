package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.ElasticsearchHttp;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.observability.ArchiveMetrics;
import cn.changji.archive.testing.RejectingProxy;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * A stalled cluster costs a search its timeout and a little more, not the client's 30 s socket timeout; after a few
 * such failures the circuit breaker answers at once until the cluster is back.
 */
@Tag("slow")
@QuarkusTest
class SearchTimeoutIT {

    @Inject
    ElasticsearchConfig elasticsearch;

    @Inject
    IndexDefinition definition;

    @Inject
    SynonymStore synonyms;

    @Inject
    ObjectMapper mapper;

    @Inject
    ArchiveMetrics metrics;

    private static SearchConfig timeout(Duration timeout) {
        return new SearchConfig() {
            public Duration timeout() { return timeout; }
            public Duration cursorKeepAlive() { return Duration.ofMinutes(1); }
            public Optional<Path> synonymsFile() { return Optional.empty(); }
            public MemorySize synonymsMaxSize() { return new MemorySize(java.math.BigInteger.valueOf(1024)); }
            public Duration synonymsRefresh() { return Duration.ofSeconds(10); }
        };
    }

    private static final SearchParams NEW_ENERGY =
        SearchParams.of(UserQuery.parse("新能源"), SearchParams.Sort.RELEVANCE, SearchParams.DEFAULT_SIZE);

    @Inject
    Vertx vertx;

    @Inject
    ElasticsearchJson json;

    private final List<ElasticsearchHttp> clients = new java.util.ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(ElasticsearchHttp::close);
        clients.clear();
    }

    /** Searches whose requests go through the proxy, on a client like the service's own. */
    private ArticleSearch searchThrough(RejectingProxy proxy, CircuitBreaker breaker) {
        ElasticsearchHttp http = new ElasticsearchHttp(vertx, List.of(proxy.uri()), Optional.empty(), Optional.empty(),
            elasticsearch.maxConnectionsPerNode(), elasticsearch.connectTimeout(), mapper);
        clients.add(http);
        return new ArticleSearch(json, http, mapper, definition,
            timeout(Duration.ofMillis(500)), synonyms, metrics, breaker);
    }

    @Test
    void aStalledClusterAnswersUnavailableSoonAfterTheSearchTimeout() throws Exception {
        synonyms.current();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0).delaySearches(Duration.ofSeconds(8))) {
            ArticleSearch search = searchThrough(proxy, new CircuitBreaker("test", 0, Duration.ofSeconds(1), System::nanoTime));
            long start = System.nanoTime();
            Exception failure = assertThrows(Exception.class, () -> search.search(NEW_ENERGY).await().indefinitely());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ElasticsearchFailures.isUnavailable(failure), "answered as 503: " + failure);
            assertTrue(millis < 3000, "gave up after " + millis + " ms, not the 30 s socket timeout");
        }
    }

    @Test
    void aStalledClusterOpensTheBreakerAndItClosesOnceTheClusterAnswersAgain() throws Exception {
        synonyms.current();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0).delaySearches(Duration.ofSeconds(8))) {
            CircuitBreaker breaker = new CircuitBreaker("test", 2, Duration.ofSeconds(2), System::nanoTime);
            ArticleSearch search = searchThrough(proxy, breaker);
            for (int i = 0; i < 2; i++) {
                assertTrue(ElasticsearchFailures.isUnavailable(assertThrows(Exception.class, () -> search.search(NEW_ENERGY).await().indefinitely())));
            }
            assertEquals(CircuitBreaker.State.OPEN, breaker.state());

            long start = System.nanoTime();
            ArchiveException refused = assertThrows(ArchiveException.class, () -> search.search(NEW_ENERGY).await().indefinitely());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ArchiveException.Kind.UNAVAILABLE, refused.kind()); // a 503 with Retry-After on the web
            assertTrue(refused.retryAfterSeconds() >= 1, "says when to come back");
            assertTrue(millis < 200, "refused at once while open, not after the timeout: " + millis + " ms");

            proxy.delaySearches(Duration.ZERO);
            Thread.sleep(2_100);
            search.search(NEW_ENERGY).await().indefinitely(); // the trial
            assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
            search.search(NEW_ENERGY).await().indefinitely();
        }
    }

    @Test
    void underLoadASlowClusterCostsNoCallerMoreThanTheTimeoutAndThePoolComesBack() throws Exception {
        synonyms.current();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0).delaySearches(Duration.ofSeconds(3))) {
            CircuitBreaker breaker = new CircuitBreaker("test", 3, Duration.ofSeconds(1), System::nanoTime);
            ArticleSearch search = searchThrough(proxy, breaker);
            Load run = load(search, 16, Duration.ofSeconds(8));
            long[] slow = run.millis();
            double p99 = slow[(int) Math.ceil(0.99 * slow.length) - 1];
            System.out.printf("slow cluster: %d searches from 16 callers in 8 s (%d failed), p50 %d ms, p99 %.0f ms, max %d ms, "
                + "breaker opened %d times%n", slow.length, run.failed(), slow[slow.length / 2], p99, slow[slow.length - 1],
                breaker.timesOpened());
            assertTrue(p99 <= 2_200, "p99 within the search timeout (500 ms) and the client's grace second: " + p99);
            assertTrue(breaker.timesOpened() >= 1, "the breaker opened");

            proxy.delaySearches(Duration.ZERO);
            Thread.sleep(1_100);
            search.search(NEW_ENERGY).await().indefinitely(); // the trial closes it
            Load healthy = load(search, 16, Duration.ofSeconds(2));
            assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
            assertEquals(0, healthy.failed(), "no pool left exhausted: every search of " + healthy.millis().length + " answered");
        }
    }

    private record Load(long[] millis, int failed) {}

    /** Milliseconds of every search of {@code callers} threads searching for {@code duration}, sorted, and failures. */
    private static Load load(ArticleSearch search, int callers, Duration duration) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        long end = System.nanoTime() + duration.toNanos();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<List<Long>>> results = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(pool.submit(() -> {
                List<Long> millis = new java.util.ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        search.search(NEW_ENERGY).await().indefinitely();
                    } catch (Exception e) {
                        failed.incrementAndGet(); // refused or timed out: its time is what counts
                    }
                    millis.add((System.nanoTime() - start) / 1_000_000);
                    Thread.sleep(50); // a caller refused at once does not hammer: it reads the answer, then asks again
                }
                return millis;
            }));
        }
        List<Long> all = new java.util.ArrayList<>();
        for (var result : results) {
            all.addAll(result.get());
        }
        pool.shutdown();
        return new Load(all.stream().mapToLong(Long::longValue).sorted().toArray(), failed.get());
    }
}
