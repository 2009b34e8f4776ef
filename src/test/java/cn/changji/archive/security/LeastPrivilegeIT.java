package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.testing.Http;
import cn.changji.archive.testing.SecuredElasticsearch;
import cn.changji.archive.testing.SecuredProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The service's role (k8s/elasticsearch/roles.yml, the file-realm user archive-search of a secured node) is enough
 * for everything the service does, over TLS: the index made at start, imports, searches with facets, a cursor, an
 * export, synonyms, related articles, readiness. And no more than that: another index, cluster settings, the
 * security API and snapshots are refused.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(LeastPrivilegeIT.ServiceRole.class)
class LeastPrivilegeIT {

    public static class ServiceRole extends SecuredProfile {
        @Override
        protected void settings(Map<String, String> info, Map<String, String> settings) {
            // the service's user and settings as they are
        }
    }

    @AfterAll
    static void stopTheNode() {
        SecuredElasticsearch.node().stop();
    }

    @Test
    void theServicesRoleDoesEverythingTheServiceDoes() throws Exception {
        long readyBy = System.nanoTime() + 90_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < readyBy) {
            Thread.sleep(500);
        }
        given().get("/q/health/ready").then().statusCode(200);
        Http.asWriter();
        try {
            Path page = Path.of("seeds/000_723f68d5f9b4961e.txt");
            given().contentType("text/plain; charset=UTF-8").queryParam("filename", page.getFileName().toString())
                .body(Files.readAllBytes(page)).when().post("/api/v1/imports").then().statusCode(200).body("failed", equalTo(0));
            String synonyms = given().get("/api/v1/synonyms").then().statusCode(200).extract().asString();
            given().contentType("text/plain; charset=UTF-8").body(synonyms.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/synonyms").then().statusCode(200);
        } finally {
            Http.asReader();
        }
        String id = given().queryParam("q", "新能源").get("/api/v1/articles/search").then().statusCode(200)
            .body("facets.county.value", hasItem("木垒哈萨克自治县")).extract().path("hits[0].id");
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        given().get("/api/v1/articles/" + id + "/related").then().statusCode(200);
        given().queryParam("q", "昌吉").get("/api/v1/suggest").then().statusCode(200);
        given().queryParam("cursor", "*").queryParam("size", "2").get("/api/v1/articles/search").then().statusCode(200);
        given().queryParam("q", "新能源").get("/api/v1/articles/export").then().statusCode(200);
        given().get("/api/v1/issues/2025-04-16").then().statusCode(200);
    }

    @Test
    void andNoMore() throws Exception {
        Map<String, String> info = SecuredElasticsearch.node().secureInfo();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(trusting(Path.of(info.get("ES_CA")))).build();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((info.get("ES_USERNAME") + ":" + info.get("ES_PASSWORD"))
            .getBytes(StandardCharsets.UTF_8));
        for (String[] request : new String[][] { { "PUT", "/someone-elses-index", "" },
            { "PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.routing.allocation.enable\":\"all\"}}" },
            { "GET", "/_security/user", "" }, { "POST", "/_snapshot/backups/_verify", "" } }) {
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(info.get("ES_URL") + request[1])).header("Authorization", auth).header("Content-Type", "application/json")
                .method(request[0], java.net.http.HttpRequest.BodyPublishers.ofString(request[2])).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode(), request[0] + " " + request[1] + " is beyond the role: " + answer.body());
            assertTrue(answer.body().contains("unauthorized for user [archive-search]"), answer.body());
        }
    }

    private static javax.net.ssl.SSLContext trusting(Path ca) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        try (var pem = Files.newInputStream(ca)) {
            store.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
