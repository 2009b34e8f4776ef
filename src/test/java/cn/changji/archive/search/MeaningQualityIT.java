package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.meaning.VectorFiller;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Search by meaning measured on the seed pages, every article with its vector: the paraphrases of
 * relevance/paraphrase-queries.tsv (a journalist's words that are not the paper's) in the three modes, and what hybrid
 * mode must not lose: the journalist queries of the relevance check, and the recall guarantee. Figures go to
 * target/search-quality.txt.
 */
@QuarkusTest
@TestProfile(MeaningQualityIT.WithVectors.class)
class MeaningQualityIT {
    /** Regression floors for hybrid mode, set below the figures measured when the check was written (see the README). */
    private static final double MIN_HYBRID_TOP3 = 0.85;

    public static class WithVectors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", "meaningtest", "archive.vectors.enabled", "false");
        }
    }

    @Inject
    ArticleImporter importer;

    @Inject
    VectorFiller vectors;

    @Inject
    ElasticsearchClient client;

    private static List<Article> seeds;

    @BeforeEach
    void seedWithVectors() throws IOException {
        if (seeds == null) {
            seeds = SeededArchive.importAll(importer);
            vectors.fillAll(line -> { });
        }
    }

    private record Score(int first, int top3, int cases) {
        double firstShare() {
            return (double) first / cases;
        }

        double top3Share() {
            return (double) top3 / cases;
        }

        @Override
        public String toString() {
            return String.format("success@1 %d/%d (%.2f), success@3 %d/%d (%.2f)", first, cases, firstShare(), top3, cases,
                top3Share());
        }
    }

    private static Score score(List<RelevanceCheckIT.Case> cases, String mode, StringBuilder report) {
        int first = 0;
        int top3 = 0;
        for (RelevanceCheckIT.Case c : cases) {
            int rank = RelevanceCheckIT.ranked(c.query(), 10, mode).indexOf(RelevanceCheckIT.expected(seeds, c.expected()).id()) + 1;
            first += rank == 1 ? 1 : 0;
            top3 += rank >= 1 && rank <= 3 ? 1 : 0;
            report.append(String.format("  %-8s %-4s %s -> %s%n", mode, rank == 0 ? "-" : "#" + rank, c.query(), c.expected()));
        }
        return new Score(first, top3, cases.size());
    }

    @Test
    void paraphrasesAreFoundByMeaningWhereTheWordsMissThem() throws IOException {
        List<RelevanceCheckIT.Case> cases = RelevanceCheckIT.cases("paraphrase-queries.tsv");
        for (RelevanceCheckIT.Case c : cases) {
            Article article = RelevanceCheckIT.expected(seeds, c.expected());
            String text = article.title() + "\n" + article.body();
            assertFalse(text.contains(c.query()), "a paraphrase, not a quote: " + c.query());
            List<String> words = client.indices().analyze(a -> a.analyzer("ik_smart").text(c.query())).tokens().stream()
                .map(token -> token.token()).toList();
            assertTrue(words.stream().anyMatch(word -> !text.contains(word)), "some of its words are not the article's: " + c.query());
        }
        StringBuilder report = new StringBuilder("search by meaning: " + cases.size() + " paraphrase queries over the seed pages\n");
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String mode : List.of("keyword", "hybrid", "semantic")) {
            scores.put(mode, score(cases, mode, report));
        }
        scores.forEach((mode, score) -> report.append(String.format("%-8s %s%n", mode, score)));
        RelevanceCheckIT.write(report.toString());
        assertTrue(cases.size() >= 30);
        Score hybrid = scores.get("hybrid");
        assertTrue(hybrid.top3Share() >= MIN_HYBRID_TOP3, report.toString());
        assertTrue(hybrid.top3 > scores.get("keyword").top3, report.toString());
    }

    @Test
    void hybridRanksTheJournalistQueriesAtLeastAsWellAsTheWords() throws IOException {
        List<RelevanceCheckIT.Case> cases = RelevanceCheckIT.cases("seed-queries.tsv");
        StringBuilder report = new StringBuilder("relevance check in hybrid mode: " + cases.size() + " queries over the seed pages\n");
        Score keyword = score(cases, "keyword", report);
        Score hybrid = score(cases, "hybrid", report);
        report.append(String.format("keyword  %s%nhybrid   %s%n", keyword, hybrid));
        RelevanceCheckIT.write(report.toString());
        assertTrue(hybrid.first >= keyword.first && hybrid.top3 >= keyword.top3, report.toString());
    }

    @Test
    void everyPieceOfAnArticlesTextStillFindsItInHybridMode() throws IOException {
        int pieces = 0;
        List<String> missed = new ArrayList<>();
        for (Article article : seeds) {
            for (String piece : RelevanceCheckIT.pieces(article.body())) {
                pieces++;
                if (!RelevanceCheckIT.ranked(piece, 100, "hybrid").contains(article.id())) {
                    missed.add(piece);
                }
            }
        }
        String report = String.format("recall in hybrid mode: %d pieces of article text, found %d%nmissed: %s%n", pieces,
            pieces - missed.size(), missed);
        RelevanceCheckIT.write(report);
        assertTrue(pieces >= 300, report);
        assertTrue(missed.isEmpty(), report);
    }
}
