package cn.changji.archive.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.testing.LocalElasticsearch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The service starts with no Elasticsearch, says so in readiness, and becomes ready by itself once it is there. */
@Tag("slow")
@QuarkusTest
@TestProfile(ReadinessWithoutElasticsearchIT.NoElasticsearchYet.class)
class ReadinessWithoutElasticsearchIT {
    static int latePort() {
        return LocalElasticsearch.sharedPort("late");
    }

    public static class NoElasticsearchYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.elasticsearch.hosts", "http://127.0.0.1:" + latePort());
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void readinessIsDownNamingElasticsearchThenUpOnceItComes() throws InterruptedException {
        given().when().get("/q/health/ready")
            .then().statusCode(503)
            .body("status", equalTo("DOWN"))
            .body("checks.find { it.name == 'elasticsearch' }.status", equalTo("DOWN"))
            .body("checks.find { it.name == 'elasticsearch' }.data.reason", containsString("Elasticsearch unreachable at"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().queryParam("q", "新能源").when().get("/api/v1/articles/search")
            .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
            .body("title", equalTo("Service Unavailable"));

        LocalElasticsearch late = new LocalElasticsearch("late", latePort());
        late.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            int status = 0;
            while (Instant.now().isBefore(deadline)) {
                status = given().when().get("/q/health/ready").statusCode();
                if (status == 200) {
                    break;
                }
                Thread.sleep(500);
            }
            given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'elasticsearch' }.status", equalTo("UP"));
        } finally {
            late.stop();
        }
    }
}
