package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.ElasticsearchConfig;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/** The searches' client against the real node: a node that refuses connections is skipped, failures say what they are. */
@QuarkusTest
class ElasticsearchHttpIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ElasticsearchConfig elasticsearch;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    private ElasticsearchHttp client(List<URI> hosts) {
        return new ElasticsearchHttp(vertx, hosts, ElasticsearchClients.authorization(elasticsearch), Optional.empty(),
            4, Duration.ofSeconds(2), mapper);
    }

    /** A port on this machine that nothing listens on: connections to it are refused at once. */
    private static URI nobodyListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static Throwable failure(Runnable call) {
        Throwable thrown = assertThrows(Throwable.class, call::run);
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    @Test
    void aNodeThatRefusesConnectionsIsSkippedForTheNext() throws Exception {
        try (ElasticsearchHttp http = client(List.of(nobodyListening(), elasticsearch.hosts().get(0)))) {
            for (int i = 0; i < 4; i++) { // each request starts at the next node: half of them at the dead one
                JsonNode health = http.send("GET", "/_cluster/health", new byte[0], TIMEOUT, JsonNode.class).await().atMost(TIMEOUT);
                assertTrue(health.has("status"), health.toString());
            }
        }
    }

    @Test
    void noNodeToReachFailsAsUnavailableNamingTheNode() throws Exception {
        URI dead = nobodyListening();
        try (ElasticsearchHttp http = client(List.of(dead))) {
            Throwable failure = failure(() -> http.send("POST", "/articles/_search?q=x", new byte[0], TIMEOUT, JsonNode.class)
                .await().atMost(TIMEOUT));
            assertTrue(failure instanceof ConnectException, failure.toString());
            assertTrue(ElasticsearchFailures.isUnavailable(failure), "a 503 for the user");
            assertTrue(failure.getMessage().contains("POST " + dead + "/articles/_search"), failure.getMessage());
        }
    }

    @Test
    void aRefusalIsElasticsearchsOwnErrorWithItsStatus() {
        try (ElasticsearchHttp http = client(elasticsearch.hosts())) {
            Throwable failure = failure(() -> http.send("POST", "/no-such-index-anywhere/_search", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TIMEOUT, JsonNode.class).await().atMost(TIMEOUT));
            ElasticsearchException refused = assertInstanceOf(ElasticsearchException.class, failure);
            assertEquals(404, refused.status());
            assertTrue(ElasticsearchFailures.isMissingIndex(refused), refused.getMessage());
            assertFalse(ElasticsearchFailures.isClusterFailure(refused), "the request's fault, not the cluster's");
        }
    }
}
