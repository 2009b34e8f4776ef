package cn.changji.archive.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Two checks kept with the code: the journalist queries of relevance/seed-queries.tsv (the share of expected articles
 * ranked first and in the top 3), and the recall guarantee (every article is found by any piece of its own text),
 * measured against plain IK matching. Figures go to target/search-quality.txt.
 */
@QuarkusTest
@TestProfile(SeededArchive.class)
class RelevanceCheckIT {
    /** Regression floors, set below the figures measured when the check was written (see the README). */
    private static final double MIN_FIRST = 0.80;
    private static final double MIN_TOP3 = 0.90;

    @Inject
    ArticleImporter importer;

    @Inject
    ElasticsearchClient client;

    private List<Article> seeds;

    @BeforeEach
    void seed() throws IOException {
        seeds = SeededArchive.importSeeds(importer);
    }

    record Case(String query, String expected) {}

    /** The cases of a query file under relevance/: a query, a tab, the article meant. */
    static List<Case> cases(String file) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = RelevanceCheckIT.class.getResourceAsStream("/relevance/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    cases.add(new Case(parts[0], parts[1]));
                }
            }
        }
        return cases;
    }

    /** The article a case means: by its title, or by the opening of its body ("body:…") when it has no title. */
    static Article expected(List<Article> seeds, String expected) {
        return seeds.stream().filter(a -> expected.startsWith("body:") ? a.title() == null && a.body().startsWith(expected.substring(5))
                : expected.equals(a.title()))
            .findFirst().orElseThrow(() -> new AssertionError("no seed article " + expected));
    }

    private static List<String> ranked(String q, int size) {
        return ranked(q, size, "keyword");
    }

    /** The ids of the first {@code size} hits of the search in that mode. */
    static List<String> ranked(String q, int size, String mode) {
        return given().queryParams(Map.of("q", q, "size", String.valueOf(size), "mode", mode)).when().get("/api/v1/articles/search")
            .then().statusCode(200).extract().jsonPath().getList("hits.id", String.class);
    }

    @Test
    void journalistQueriesFindTheArticleTheyMean() throws IOException {
        List<Case> cases = cases("seed-queries.tsv");
        int first = 0;
        int top3 = 0;
        StringBuilder report = new StringBuilder("relevance check: " + cases.size() + " queries over the seed pages\n");
        for (Case c : cases) {
            String id = expected(seeds, c.expected()).id();
            List<String> ranking = ranked(c.query(), 10);
            int rank = ranking.indexOf(id) + 1;
            first += rank == 1 ? 1 : 0;
            top3 += rank >= 1 && rank <= 3 ? 1 : 0;
            report.append(String.format("%-4s %s -> %s%n", rank == 0 ? "-" : "#" + rank, c.query(), c.expected()));
        }
        double firstShare = (double) first / cases.size();
        double top3Share = (double) top3 / cases.size();
        report.append(String.format("first: %d/%d (%.0f%%), top 3: %d/%d (%.0f%%)%n", first, cases.size(), 100 * firstShare,
            top3, cases.size(), 100 * top3Share));
        write(report.toString());
        assertTrue(cases.size() >= 20);
        assertTrue(firstShare >= MIN_FIRST && top3Share >= MIN_TOP3, report.toString());
    }

    /**
     * Pieces of every article's own text (2 to 6 Chinese characters, at fixed positions) searched as typed: every
     * one must find its article. Plain IK matching (ik_smart query terms on the ik_max_word index, all terms required)
     * is measured on the same pieces for comparison.
     */
    @Test
    void everyPieceOfAnArticlesTextFindsIt() throws IOException {
        int pieces = 0;
        int found = 0;
        int foundByIkAlone = 0;
        List<String> missed = new ArrayList<>();
        for (Article article : seeds) {
            for (String piece : pieces(article.body())) {
                pieces++;
                if (ranked(piece, 100).contains(article.id())) {
                    found++;
                } else {
                    missed.add(piece);
                }
                long ik = client.count(c -> c.index(SeededArchive.ALIAS).query(q -> q.bool(b -> b
                    .filter(f -> f.ids(i -> i.values(article.id())))
                    .must(m -> m.match(mm -> mm.field("body").query(piece).operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And))))))
                    .count();
                foundByIkAlone += ik > 0 ? 1 : 0;
            }
        }
        String report = String.format("recall: %d pieces of article text; found by the search API: %d (%.1f%%); "
            + "by plain IK matching alone: %d (%.1f%%)%nmissed: %s%n", pieces, found, 100.0 * found / pieces,
            foundByIkAlone, 100.0 * foundByIkAlone / pieces, missed);
        write(report);
        assertTrue(pieces >= 300, report);
        assertTrue(missed.isEmpty(), report);
    }

    /** Runs of Han characters cut into pieces of 2 to 6 characters at fixed steps through the body. */
    static List<String> pieces(String body) {
        List<String> pieces = new ArrayList<>();
        int length = 2;
        for (int at = 0; at + 6 < body.length(); at += 37) {
            String piece = body.substring(at, at + length);
            if (piece.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                pieces.add(piece);
                length = length == 6 ? 2 : length + 1;
            }
        }
        return pieces;
    }

    static synchronized void write(String text) throws IOException {
        Path report = Path.of("target", "search-quality.txt");
        Files.writeString(report, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        System.out.print(text);
    }
}
