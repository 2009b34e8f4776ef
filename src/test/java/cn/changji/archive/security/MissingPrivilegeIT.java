package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.SecuredElasticsearch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A role without a privilege the service needs (here: the service's role, pointed at an alias outside articles*) is
 * reported with Elasticsearch's own words on which action on which index, in readiness and on the endpoints.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(MissingPrivilegeIT.AliasOutsideTheRole.class)
class MissingPrivilegeIT {

    public static class AliasOutsideTheRole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> info = SecuredElasticsearch.start();
            Map<String, String> settings = new HashMap<>(SecuredElasticsearch.serviceSettings(info, info.get("ES_USERNAME"),
                info.get("ES_PASSWORD")));
            settings.put("archive.index.alias", "forbidden");
            settings.put("archive.circuit-breaker.failures", "0");
            return settings;
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @AfterAll
    static void stopTheNode() {
        SecuredElasticsearch.node().stop();
    }

    @Test
    void theMissingPrivilegeIsNamedWithItsActionAndIndex() {
        given().when().get("/q/health/ready").then().statusCode(503)
            .body("checks.find { it.name == 'elasticsearch' }.data.reason", allOf(containsString("lacks a privilege"),
                containsString("unauthorized for user [archive-search]"), containsString("on indices [forbidden")));
        given().queryParam("q", "新能源").when().get("/api/v1/articles/search").then().statusCode(503)
            .contentType(Problem.MEDIA_TYPE)
            .body("detail", allOf(containsString("lacks a privilege"), containsString("indices:data/read/"),
                containsString("forbidden"), containsString("roles.yml")));
    }
}
