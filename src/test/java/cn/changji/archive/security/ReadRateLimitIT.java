package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A client over its read limit gets 429 with Retry-After; writes and the health checks are not limited. */
@Tag("slow")
@QuarkusTest
@TestProfile(ReadRateLimitIT.Limited.class)
class ReadRateLimitIT {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.rate-limit.per-second", "1", "archive.rate-limit.burst", "5");
        }
    }

    @Test
    void aClientOverItsLimitIsToldWhenToComeBack() throws Exception {
        int ok = 0;
        Response refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            Response response = given().queryParam("q", "新能源").when().get("/api/v1/articles/search");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                ok++; // answered, whatever the answer: the limit counts requests, not results
            }
        }
        assertTrue(ok >= 5, "the burst is served: " + ok + (refused == null ? "" : "; then " + refused.statusCode() + " " + refused.asString()));
        assertTrue(refused != null, "the eighth read in a row is refused");
        assertEquals(429, refused.statusCode());
        assertTrue(refused.contentType().startsWith(Problem.MEDIA_TYPE));
        assertTrue(refused.jsonPath().getString("detail").contains("1.0 reads per second"), refused.asString());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);

        given().when().get("/q/health/live").then().statusCode(200);
        given().when().delete("/api/v1/articles/not-there").then().statusCode(401); // a write: keyed, not limited
        given().when().get("/q/metrics").then().statusCode(200)
            .body(org.hamcrest.Matchers.containsString("archive_rate_limited_total"));

        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 100);
        assertTrue(given().queryParam("q", "新能源").when().get("/api/v1/articles/search").statusCode() != 429,
            "served again after Retry-After");
    }
}
