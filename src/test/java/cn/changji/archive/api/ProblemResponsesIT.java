package cn.changji.archive.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProblemResponsesIT {

    @Test
    void unknownApiPathIsAProblemReportNotAStackTrace() {
        given().when().get("/api/v1/no-such-thing")
            .then().statusCode(404)
            .contentType(Problem.MEDIA_TYPE)
            .body("status", equalTo(404))
            .body("title", equalTo("Not Found"))
            .body("instance", equalTo("/api/v1/no-such-thing"))
            .body(not(containsString("Exception")));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        given().when().get("/q/openapi?format=json")
            .then().statusCode(200)
            .body("info.title", equalTo("Changji Daily archive search API"))
            .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/api/v1/articles/search", "/api/v1/articles/{id}",
                "/api/v1/articles/{id}/related", "/api/v1/suggest", "/api/v1/synonyms", "/api/v1/imports", "/api/v1/articles"))
            .body("paths.'/api/v1/articles/search'.get.parameters.name", org.hamcrest.Matchers.hasItems("q", "county",
                "industry", "author", "type", "from", "to", "sort", "page", "size", "cursor"))
            .body("paths.'/api/v1/articles/search'.get.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "400", "503"))
            .body(containsString("木垒哈萨克自治县"));
        given().when().get("/q/swagger-ui/")
            .then().statusCode(200)
            .body(containsString("swagger"));
    }
}
