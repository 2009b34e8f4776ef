package cn.changji.archive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.changji.archive.client.api.ArticlesApi;
import cn.changji.archive.client.api.IngestionApi;
import cn.changji.archive.client.api.SearchApi;
import cn.changji.archive.client.model.Article;
import cn.changji.archive.client.model.ImportReport;
import cn.changji.archive.client.model.SearchAnswer;
import cn.changji.archive.client.model.SearchHit;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * What a frontend team does with the OpenAPI document: a typed client generated from it at build time
 * (target/generated-client), used against the packaged service as it runs.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {
    /** %test.archive.write.api-key in application.properties. */
    private static final String WRITE_KEY = "test-write-key";

    @TestHTTPResource("/")
    URL service;

    private ApiClient client(String writeKey) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        if (writeKey != null) {
            client.setRequestInterceptor(request -> request.header("X-API-Key", writeKey));
        }
        return client;
    }

    @Test
    void aGeneratedClientImportsSearchesWithFacetsReadsAnArticleAndWalksACursor() throws Exception {
        IngestionApi ingestion = new IngestionApi(client(WRITE_KEY));
        for (String seed : List.of("000_723f68d5f9b4961e.txt", "001_1ac3e8738fa45718.txt", "002_6aa23dd986565907.txt")) {
            String page = Files.readString(Path.of("seeds", seed));
            Object answer = ingestion.importFile(page, false, seed, null, null, null).getActualInstance();
            ImportReport report = assertInstanceOf(ImportReport.class, answer);
            assertEquals(report.getRead(), report.getIndexed() + report.getUnchanged() + report.getFailed());
            assertTrue(report.getRead() > 1, "a page holds several articles: " + report);
        }

        SearchApi search = new SearchApi(client(null));
        SearchAnswer found = search.searchArticles(null, null, null, null, null, null, null, null, "新能源", 5, null, null, null);
        assertTrue(found.getTotal() > 0, "the seeds hold articles on 新能源: " + found);
        assertNotNull(found.getFacets(), "the first page carries the facets");
        assertFalse(found.getFacets().getCounty().isEmpty(), "county counts");
        String county = found.getFacets().getCounty().get(0).getValue();
        SearchAnswer filtered = search.searchArticles(null, List.of(county), null, null, null, null, null, null, "新能源", 5, null, null, null);
        assertTrue(filtered.getHits().stream().allMatch(hit -> hit.getCounties().contains(county)));

        SearchAnswer hybrid = search.searchArticles(null, null, null, null, null, "hybrid", null, null, "新能源", 5, null, null, null);
        assertTrue(hybrid.getTotal() >= found.getTotal(), "search by meaning keeps every hit of the words: " + hybrid.getTotal());

        SearchHit first = found.getHits().get(0);
        Article article = new ArticlesApi(client(null)).getArticle(first.getId());
        assertEquals(first.getTitle(), article.getTitle());
        assertNotNull(article.getBody());

        Set<String> walked = new HashSet<>();
        String cursor = "*";
        int pages = 0;
        while (cursor != null && pages++ < 100) {
            SearchAnswer page = search.searchArticles(null, null, cursor, null, null, null, null, null, "昌吉", 2, null, null, null);
            page.getHits().forEach(hit -> assertTrue(walked.add(hit.getId()), "no hit twice: " + hit.getId()));
            cursor = page.getNextCursor();
        }
        long total = search.searchArticles(null, null, null, null, null, null, null, null, "昌吉", 1, null, null, null).getTotal();
        assertEquals(total, walked.size(), "the cursor walk reaches every hit and ends");
    }

    @Test
    void aWriteWithoutTheKeyIsRefusedWith401() throws Exception {
        String page = Files.readString(Path.of("seeds", "000_723f68d5f9b4961e.txt"));
        ApiException refused = assertThrows(ApiException.class,
            () -> new IngestionApi(client(null)).importFile(page, true, null, null, null, null));
        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseBody().contains("X-API-Key"), refused.getResponseBody());
        ApiException wrong = assertThrows(ApiException.class, () -> new ArticlesApi(client("wrong")).deleteArticle("any"));
        assertEquals(403, wrong.getCode());
    }
}
