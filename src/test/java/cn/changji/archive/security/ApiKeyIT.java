package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.SecuredElasticsearch;
import cn.changji.archive.testing.SecuredProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The API-key path, as far as this distribution allows (it has no API keys: their security index needs
 * analysis-common): the key goes as "Authorization: ApiKey …" instead of the user, and the secured node's refusal of
 * it is reported as a refusal of the credentials, on the endpoints and in readiness.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(ApiKeyIT.WithAnApiKey.class)
class ApiKeyIT {

    public static class WithAnApiKey extends SecuredProfile {
        @Override
        protected void settings(Map<String, String> info, Map<String, String> settings) {
            // the key wins over the user: were the user sent, the node would let the service in
            settings.put("archive.elasticsearch.api-key", "bm90LWFuLWlkOm5vdC1hLWtleQ==");
            settings.put("archive.circuit-breaker.failures", "0");
        }
    }

    @AfterAll
    static void stopTheNode() {
        SecuredElasticsearch.node().stop();
    }

    @Test
    void aKeyTheClusterRefusesIsReportedAsRefusedCredentials() {
        given().queryParam("q", "新能源").when().get("/api/v1/articles/search").then().statusCode(503)
            .contentType(Problem.MEDIA_TYPE).body("detail", containsString("refused the service's credentials"))
            .body("detail", containsString("ARCHIVE_ELASTICSEARCH_API_KEY"));
        given().when().get("/q/health/ready").then().statusCode(503)
            .body("checks.find { it.name == 'elasticsearch' }.data.reason", containsString("refused the service's credentials"));
    }
}
