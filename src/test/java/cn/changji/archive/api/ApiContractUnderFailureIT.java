package cn.changji.archive.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import cn.changji.archive.testing.ApiContract;
import cn.changji.archive.testing.Http;
import cn.changji.archive.testing.LocalElasticsearch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The contract's failure answers, with no Elasticsearch behind the service and a read limit on: every operation
 * documented with 503 answers it (with Retry-After) and every read documented with 429 answers it once the client
 * is over its limit, each answer validated against the served document.
 */
@QuarkusTest
@TestProfile(ApiContractUnderFailureIT.NoClusterAndALimit.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractUnderFailureIT {

    public static class NoClusterAndALimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.elasticsearch.hosts", "http://127.0.0.1:" + LocalElasticsearch.freePort(),
                "archive.rate-limit.per-second", "0.2", "archive.rate-limit.burst", "30");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static ApiContract contract;

    /** Once, before the first test: REST Assured knows the service's port only once it runs. */
    @BeforeEach
    void readTheDocument() {
        Http.asReader();
        if (contract == null) {
            contract = ApiContract.served();
        }
    }

    @AfterAll
    static void every503And429WasReached() {
        Set<String> expected = contract.documented(status -> status.equals("429") || status.equals("503"));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(contract.covered());
        assertTrue(missing.isEmpty(), "documented but never answered in these calls: " + missing);
    }

    /** A well-formed call of each operation, so nothing but the missing cluster or the limit refuses it. */
    private static Response call(String path, String method) {
        String concrete = path.replace("{id}", "an-article-id").replace("{date}", "2025-04-16");
        RequestSpecification request = given().queryParam("q", "新能源");
        if (!method.equals("get")) {
            request = request.header("X-API-Key", Http.WRITE_KEY);
        }
        if (path.equals("/api/v1/synonyms") && method.equals("put")) {
            request = request.contentType("text/plain; charset=UTF-8").body("中科院 = 中国科学院\n");
        } else if (method.equals("post")) {
            request = request.contentType("application/json").body("[{\"title\": \"一篇文章\", \"body\": \"奇台县举办活动。\"}]");
        }
        return request.request(method, concrete);
    }

    @Test
    @Order(1)
    void everyOperationThatReachesElasticsearchAnswers503WithRetryAfter() {
        for (String[] operation : contract.operations()) {
            if (contract.operation(operation[0], operation[1]).path("responses").has("503")) {
                Response answer = contract.check(operation[1], operation[0], call(operation[0], operation[1]));
                assertEquals(503, answer.statusCode(), operation[1] + " " + operation[0] + ": " + answer.asString());
                assertTrue(Integer.parseInt(answer.header("Retry-After")) >= 1);
            }
        }
    }

    @Test
    @Order(2)
    void everyReadAnswers429OnceTheClientIsOverItsLimit() {
        for (int i = 0; i < 40; i++) {
            given().get("/api/v1/synonyms");
        }
        for (String[] operation : contract.operations()) {
            if (contract.operation(operation[0], operation[1]).path("responses").has("429")) {
                Response answer = contract.check(operation[1], operation[0], call(operation[0], operation[1]));
                assertEquals(429, answer.statusCode(), operation[1] + " " + operation[0] + ": " + answer.asString());
            }
        }
    }
}
