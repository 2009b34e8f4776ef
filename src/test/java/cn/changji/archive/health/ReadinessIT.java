package cn.changji.archive.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.testing.LocalElasticsearch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Readiness says whether this pod can serve, never how the cluster feels: a red index elsewhere in the cluster and a
 * stalled node leave it ready, answering at once, so the pods stay behind the load balancer and answer outages with
 * their own 503 problems.
 */
@QuarkusTest
class ReadinessIT {
    /** Far below the 30 s socket timeout the old check waited on, above any pause of a busy 2-core machine. */
    private static final long PROMPT_MILLIS = 2_000;

    @Inject
    ElasticsearchConfig elasticsearch;

    private final HttpClient client = HttpClient.newHttpClient();

    private int sendToElasticsearch(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearch.hosts().get(0) + path))
            .header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Response ready() {
        return given().when().get("/q/health/ready");
    }

    @Test
    void aRedIndexElsewhereInTheClusterLeavesThePodReady() throws Exception {
        ready().then().statusCode(200);
        // a primary that can be allocated nowhere: the cluster turns red
        assertEquals(200, sendToElasticsearch("PUT", "/unrelated-red?wait_for_active_shards=0", """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "index.routing.allocation.require._name": "no-such-node"}}"""));
        try {
            ready().then().statusCode(200).body("checks.find { it.name == 'elasticsearch' }.status", equalTo("UP"));
            given().queryParam("q", "新能源").when().get("/api/v1/articles/search").then().statusCode(200);
        } finally {
            sendToElasticsearch("DELETE", "/unrelated-red", null);
        }
    }

    @Test
    void aStalledClusterLeavesThePodReadyAndTheAnswerPrompt() {
        ready().then().statusCode(200);
        LocalElasticsearch node = LocalElasticsearch.running("test");
        node.pause();
        try {
            long start = System.nanoTime();
            Response answer = ready();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.statusCode(), answer.asString());
            assertTrue(millis < PROMPT_MILLIS, "readiness answered in " + millis + " ms");
        } finally {
            node.resume();
        }
    }
}
