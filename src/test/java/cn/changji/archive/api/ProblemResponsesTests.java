package cn.changji.archive.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProblemResponsesTests {

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
            .body("info.title", equalTo("Changji Daily archive search API"));
        given().when().get("/q/swagger-ui/")
            .then().statusCode(200)
            .body(containsString("swagger"));
    }
}
