package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
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
 * A role without a privilege the service needs (here: the service's role, pointed at an alias outside articles*) is
 * reported with Elasticsearch's own words on which action on which index, in readiness and on the endpoints.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(MissingPrivilegeIT.AliasOutsideTheRole.class)
class MissingPrivilegeIT {

    public static class AliasOutsideTheRole extends SecuredProfile {
        @Override
        protected void settings(Map<String, String> info, Map<String, String> settings) {
            settings.put("archive.index.alias", "forbidden");
            settings.put("archive.circuit-breaker.failures", "0");
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
