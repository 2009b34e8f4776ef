package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;

/**
 * The articles of every channel the paper is published on, as HTML pages and as text copied from them: a labelled
 * set written for this repository (src/test/resources/channels, expected.tsv), read as imports read them, scored
 * field by field. Bylines, counties and industries are scored as F1 over (article, value) pairs; type, title and
 * date as the share read right. The figures are printed and written to target/channel-reading.txt.
 */
class ChannelReadingTest {
    private static final Path SET = Path.of("src/test/resources/channels");

    record Expected(String file, String title, String publishedOn, Set<String> bylines, String type,
                    Set<String> counties, Set<String> industries) {}

    /** Counts of a multi-label field over the whole set. */
    static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        final List<String> misses = new ArrayList<>();

        void add(String file, Set<String> expected, Set<String> found) {
            Set<String> hit = new HashSet<>(found);
            hit.retainAll(expected);
            truePositives += hit.size();
            falsePositives += found.size() - hit.size();
            falseNegatives += expected.size() - hit.size();
            if (!expected.equals(found)) {
                misses.add(file + ": expected " + expected + ", read " + found);
            }
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String line(String field) {
            return String.format("%-10s F1 %.2f (precision %.2f, recall %.2f)", field, f1(), precision(), recall());
        }
    }

    private static final Score BYLINES = new Score();
    private static final Score COUNTIES = new Score();
    private static final Score INDUSTRIES = new Score();
    private static int articles;
    private static int typesRight;
    private static int titlesRight;
    private static int datesRight;
    private static final List<String> wrong = new ArrayList<>();

    @BeforeAll
    static void readTheSet() throws IOException {
        ArticleEnricher enricher = Enrichers.builtIn();
        PageLabels labels = PageLabels.load();
        TextPageReader text = new TextPageReader(new PageTextParser(labels, PageFurniture.load()), enricher);
        HtmlPageReader html = new HtmlPageReader(labels, PageFurniture.load(), enricher);
        for (Expected expected : expected()) {
            Path file = SET.resolve(expected.file());
            String content = Files.readString(file, StandardCharsets.UTF_8);
            List<Article> read = expected.file().endsWith(".html")
                ? html.read(expected.file(), content, TextPageReader.Stated.NOTHING)
                : text.read(expected.file(), content, TextPageReader.Stated.NOTHING);
            articles++;
            if (read.size() != 1) {
                wrong.add(expected.file() + ": " + read.size() + " articles read, one expected: "
                    + read.stream().map(Article::title).toList());
            }
            Article article = read.isEmpty() ? null : read.get(0);
            Set<String> bylines = new HashSet<>();
            if (article != null) {
                article.bylines().forEach(b -> bylines.add(b.name() + "/" + b.role()));
            }
            BYLINES.add(expected.file(), expected.bylines(), bylines);
            COUNTIES.add(expected.file(), expected.counties(), article == null ? Set.of() : Set.copyOf(article.counties()));
            INDUSTRIES.add(expected.file(), expected.industries(), article == null ? Set.of() : Set.copyOf(article.industries()));
            String type = article == null ? null : article.type();
            String title = article == null ? null : article.title();
            String date = article == null || article.publishedOn() == null ? "" : article.publishedOn().toString();
            typesRight += expected.type().equals(type) ? 1 : 0;
            titlesRight += expected.title().equals(title) ? 1 : 0;
            datesRight += expected.publishedOn().equals(date) ? 1 : 0;
            if (!expected.type().equals(type)) {
                wrong.add(expected.file() + ": type " + type + ", expected " + expected.type());
            }
            if (!expected.title().equals(title)) {
                wrong.add(expected.file() + ": title '" + title + "', expected '" + expected.title() + "'");
            }
            if (!expected.publishedOn().equals(date)) {
                wrong.add(expected.file() + ": date '" + date + "', expected '" + expected.publishedOn() + "'");
            }
            if (article != null && article.body() != null) {
                for (String furniture : List.of("发布时间", "来源:", "当前位置", "字体", "分享到", "浏览次数", "国内统一刊号",
                    "电子报阅读机", "当前报纸名称", "版权所有", "(资料图片)")) {
                    if (article.body().contains(furniture)) {
                        wrong.add(expected.file() + ": page furniture '" + furniture + "' in the body");
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder("Channel labelled set: " + articles + " articles\n")
            .append(BYLINES.line("bylines")).append('\n')
            .append(COUNTIES.line("counties")).append('\n')
            .append(INDUSTRIES.line("industries")).append('\n')
            .append(String.format("type       %d/%d (%.2f)%n", typesRight, articles, typesRight / (double) articles))
            .append(String.format("title      %d/%d (%.2f)%n", titlesRight, articles, titlesRight / (double) articles))
            .append(String.format("date       %d/%d (%.2f)%n", datesRight, articles, datesRight / (double) articles));
        for (List<String> misses : List.of(BYLINES.misses, COUNTIES.misses, INDUSTRIES.misses, wrong)) {
            misses.forEach(miss -> report.append("  ").append(miss).append('\n'));
        }
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/channel-reading.txt"), report, StandardCharsets.UTF_8);
    }

    private static List<Expected> expected() throws IOException {
        List<Expected> rows = new ArrayList<>();
        for (String line : Files.readAllLines(SET.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.add(new Expected(cells[0], cells[1], cells[2], set(cells[3]), cells[4], set(cells[5]), set(cells[6])));
        }
        return rows;
    }

    private static Set<String> set(String cell) {
        return cell.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(cell.split("\\|")));
    }

    @Test
    void theSetHoldsAtLeastFortyArticlesInEveryChannelAndBothForms() throws IOException {
        List<Expected> rows = expected();
        assertTrue(rows.size() >= 40, "articles: " + rows.size());
        for (String channel : List.of("ep", "cjw", "app", "tsw", "gov")) {
            assertTrue(rows.stream().anyMatch(r -> r.file().startsWith(channel) && r.file().endsWith(".html")), channel + " as HTML");
            assertTrue(rows.stream().anyMatch(r -> r.file().startsWith(channel) && r.file().endsWith(".txt")), channel + " as text");
        }
    }

    @Test
    void everyPageIsReadAsOneArticleWithoutFurniture() {
        List<String> structural = wrong.stream().filter(w -> w.contains("articles read") || w.contains("furniture")).toList();
        assertEquals(List.of(), structural);
    }

    @Test
    void bylinesAreReadWithTheirRoles() {
        assertTrue(BYLINES.f1() >= 0.95, BYLINES.line("bylines") + "\n" + String.join("\n", BYLINES.misses));
    }

    @Test
    void typesAreReadRight() {
        assertTrue(typesRight / (double) articles >= 0.95, "types right: " + typesRight + "/" + articles + "\n" + wrong);
    }

    @Test
    void countiesAreTheOnesTheArticlesAreAbout() {
        assertTrue(COUNTIES.f1() >= 0.9, COUNTIES.line("counties") + "\n" + String.join("\n", COUNTIES.misses));
    }

    @Test
    void industriesReachTheArticlesTheyAreMeantFor() {
        assertTrue(INDUSTRIES.f1() >= 0.85, INDUSTRIES.line("industries") + "\n" + String.join("\n", INDUSTRIES.misses));
    }

    @Test
    void titlesAndDatesAreThePagesOwn() {
        assertTrue(titlesRight / (double) articles >= 0.95, "titles right: " + titlesRight + "/" + articles + "\n" + wrong);
        assertTrue(datesRight / (double) articles >= 0.95, "dates right: " + datesRight + "/" + articles + "\n" + wrong);
    }
}
