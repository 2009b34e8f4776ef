package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.cli.ImportCommand;
import cn.changji.archive.testing.Http;
import cn.changji.archive.testing.SecuredElasticsearch;
import cn.changji.archive.testing.SecuredProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * An operator's most common mistake, a wrong password for a secured Elasticsearch, is told as what it is on every
 * endpoint (a 503 problem naming the credentials, never a 500), in readiness, in a metric and in the command-line
 * import's exit status.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(ElasticsearchRefusalIT.WrongPassword.class)
class ElasticsearchRefusalIT {
    private static final String CREDENTIALS = "refused the service's credentials";

    public static class WrongPassword extends SecuredProfile {
        @Override
        protected void settings(Map<String, String> info, Map<String, String> settings) {
            settings.put("archive.elasticsearch.password", "not-the-password");
            settings.put("archive.circuit-breaker.failures", "0");
        }
    }

    @Inject
    ImportCommand importCommand;

    @AfterAll
    static void stopTheNode() {
        SecuredElasticsearch.node().stop();
    }

    private static void refused(Response answer, String what) {
        assertEquals(503, answer.statusCode(), what + ": " + answer.asString());
        assertTrue(answer.contentType().startsWith(Problem.MEDIA_TYPE), what);
        assertTrue(answer.jsonPath().getString("detail").contains(CREDENTIALS), what + ": " + answer.asString());
        assertTrue(answer.jsonPath().getString("detail").contains("ARCHIVE_ELASTICSEARCH_PASSWORD"), what);
        assertTrue(Integer.parseInt(answer.header("Retry-After")) >= 1, what);
    }

    @Test
    void everyEndpointReadinessAMetricAndTheImportNameTheCredentials() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(503)
            .body("checks.find { it.name == 'elasticsearch' }.status", equalTo("DOWN"))
            .body("checks.find { it.name == 'elasticsearch' }.data.reason", containsString(CREDENTIALS));

        for (String read : List.of("/api/v1/articles/search?q=新能源", "/api/v1/suggest?q=昌吉", "/api/v1/articles/some-id",
            "/api/v1/articles/some-id/related", "/api/v1/issues?year=2025", "/api/v1/issues/2025-04-16",
            "/api/v1/articles/export?q=新能源", "/api/v1/articles/feed?q=新能源")) {
            refused(given().when().get(read), read);
        }
        Http.asWriter();
        try {
            refused(given().contentType("application/x-ndjson").body("{\"title\":\"标题\",\"body\":\"正文。\"}\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/articles"), "POST /api/v1/articles");
            refused(given().contentType("text/plain; charset=UTF-8").body("标题一则\n本报讯 正文。".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports"), "POST /api/v1/imports");
            refused(given().contentType("text/plain; charset=UTF-8").body("中科院 = 中国科学院\n".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/synonyms"), "PUT /api/v1/synonyms");
            refused(given().when().delete("/api/v1/articles/some-id"), "DELETE /api/v1/articles/{id}");
        } finally {
            Http.asReader();
        }
        given().when().get("/q/metrics").then().statusCode(200)
            .body(containsString("archive_elasticsearch_errors_total{kind=\"refused\"}"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = importCommand.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "seeds");
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(ImportCommand.REFUSED, exit, said);
        assertTrue(said.contains(CREDENTIALS), said);
    }
}
