package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.observability.ArchiveMetrics;
import cn.changji.archive.testing.RejectingProxy;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A stalled cluster costs a search its timeout and a little more, not the client's 30 s socket timeout. */
@QuarkusTest
class SearchTimeoutTests {

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

    @Test
    void aStalledClusterAnswersUnavailableSoonAfterTheSearchTimeout() throws Exception {
        synonyms.current();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0).delaySearches(Duration.ofSeconds(8));
             RestClient rest = RestClient.builder(HttpHost.create(proxy.uri().toString())).build()) {
            ArticleSearch search = new ArticleSearch(new ElasticsearchJson(rest, mapper, elasticsearch), definition,
                timeout(Duration.ofMillis(500)), synonyms, metrics);
            long start = System.nanoTime();
            Exception failure = assertThrows(Exception.class,
                () -> search.search(SearchParams.of("新能源", List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ElasticsearchFailures.isUnavailable(failure), "answered as 503: " + failure);
            assertTrue(millis < 3000, "gave up after " + millis + " ms, not the 30 s socket timeout");
        }
    }
}
