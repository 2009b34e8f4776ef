package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;

/**
 * The organisations labelled set (src/test/resources/organizations, README.md there): the seed pages' and the channel
 * set's articles, as the import tags them (with the editors' list) and by the rules alone, scored over (article,
 * organisation) pairs. Written to target/organization-tagging.txt.
 */
class OrganizationTaggingTest {
    private static final Path SET = Path.of("src/test/resources/organizations/expected.tsv");
    private static final Path CHANNELS = Path.of("src/test/resources/channels");
    private static final Path SEEDS = Path.of("seeds");

    private static final ChannelReadingTest.Score WITH_LIST = new ChannelReadingTest.Score();
    private static final ChannelReadingTest.Score RULES_ONLY = new ChannelReadingTest.Score();
    private static int articles;

    @BeforeAll
    static void tagTheSet() throws IOException {
        CountyTagger counties = CountyTagger.load(Optional.empty());
        Path empty = Files.createTempFile("organizations", ".txt");
        OrganizationTagger rules = OrganizationTagger.load(Optional.of(empty), counties);
        Files.delete(empty);
        Map<String, Article> read = readArticles();
        for (Map.Entry<String, Set<String>> row : expected().entrySet()) {
            Article article = read.get(row.getKey());
            if (article == null) {
                throw new AssertionError("the labelled set names " + row.getKey() + ", which no import reads");
            }
            articles++;
            String headline = String.join(" ", nonNull(article.kicker(), article.title(), article.subtitle()));
            WITH_LIST.add(row.getKey(), row.getValue(), Set.copyOf(article.organizations())); // as the import tagged it
            RULES_ONLY.add(row.getKey(), row.getValue(), Set.copyOf(rules.tag(headline, article.body())));
        }
        StringBuilder report = new StringBuilder("Organisations labelled set: " + articles + " articles, "
            + (WITH_LIST.truePositives + WITH_LIST.falseNegatives) + " organisations\n")
            .append(WITH_LIST.line("with the editors' list")).append('\n')
            .append(RULES_ONLY.line("rules alone")).append('\n');
        WITH_LIST.misses.forEach(miss -> report.append("  ").append(miss).append('\n'));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/organization-tagging.txt"), report, StandardCharsets.UTF_8);
    }

    /** Every article of the seeds (file#position) and of the channel set (file), as imports read them. */
    private static Map<String, Article> readArticles() throws IOException {
        ArticleEnricher enricher = Enrichers.builtIn();
        PageLabels labels = PageLabels.load();
        TextPageReader text = new TextPageReader(new PageTextParser(labels, PageFurniture.load()), enricher);
        HtmlPageReader html = new HtmlPageReader(labels, PageFurniture.load(), enricher);
        Map<String, Article> read = new HashMap<>();
        try (var pages = Files.list(SEEDS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".txt")).toList()) {
                String name = page.getFileName().toString();
                for (Article article : text.read(name, Files.readString(page, StandardCharsets.UTF_8), TextPageReader.Stated.NOTHING)) {
                    read.put(name + "#" + article.source().position(), article);
                }
            }
        }
        try (var pages = Files.list(CHANNELS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".txt")).toList()) {
                String name = page.getFileName().toString();
                String content = Files.readString(page, StandardCharsets.UTF_8);
                List<Article> articles = name.endsWith(".html") ? html.read(name, content, TextPageReader.Stated.NOTHING)
                    : text.read(name, content, TextPageReader.Stated.NOTHING);
                if (!articles.isEmpty()) {
                    read.put(name, articles.get(0));
                }
            }
        }
        return read;
    }

    private static Map<String, Set<String>> expected() throws IOException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SET, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.put(cells[0], cells[1].isBlank() ? Set.of() : new HashSet<>(Arrays.asList(cells[1].split("\\|"))));
        }
        return rows;
    }

    private static List<String> nonNull(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part);
            }
        }
        return kept;
    }

    @Test
    void theSetHoldsAtLeastThirtyArticlesMostNamingOrganisations() throws IOException {
        assertTrue(articles >= 30, "articles: " + articles);
        long withOrganisations = expected().values().stream().filter(set -> !set.isEmpty()).count();
        assertTrue(withOrganisations >= 25, "articles naming an organisation: " + withOrganisations);
    }

    @Test
    void organisationsAreFoundWithPrecisionAndRecallOfAtLeast085() {
        assertTrue(WITH_LIST.precision() >= 0.85, WITH_LIST.line("organisations"));
        assertTrue(WITH_LIST.recall() >= 0.85, WITH_LIST.line("organisations"));
    }

    @Test
    void theRulesAloneFindMostOfThemToo() {
        // without the list the names it spells out are missed, but what the rules do find is right
        assertTrue(RULES_ONLY.precision() >= 0.8, RULES_ONLY.line("rules alone"));
        assertTrue(RULES_ONLY.recall() >= 0.5, RULES_ONLY.line("rules alone"));
    }
}
