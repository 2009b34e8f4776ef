package cn.changji.archive.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import cn.changji.archive.ingest.ArticleDraft;
import cn.changji.archive.ingest.PageFurniture;
import cn.changji.archive.ingest.PageLabels;
import cn.changji.archive.ingest.PageTextParser;

/**
 * Search by meaning on the benchmark archive (bench/run.sh --meaning): the vectors of every article computed by the
 * command line's {@code vectors} (articles per second on this machine), the index's size without and with them,
 * keyword against hybrid search on the mix's queries with words, and the paraphrase set over the archive.
 */
final class MeaningBench {
    private static final String PARAPHRASES = "src/test/resources/relevance/paraphrase-queries.tsv";
    private static final List<String> MODES = List.of("keyword", "hybrid", "semantic");
    /** Keyword search (the service's way) and hybrid, as the speed cells take turns. */
    private static final List<SearchBench.Way> WAYS = List.of(SearchBench.Way.SERVICE, SearchBench.Way.HYBRID);

    private final Config config;

    MeaningBench(Config config) {
        this.config = config;
    }

    /** On an index loaded and settled: the whole section of the results. */
    String markdown(List<Path> files, ArchiveGenerator generator) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("## Search by meaning at ").append(String.format(Locale.ROOT, "%,d", config.articles())).append(" articles\n\n")
            .append("Run ").append(java.time.ZonedDateTime.now().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .append(" by `bench/run.sh --meaning").append(config.articles() == 100_000 ? "" : " --articles=" + config.articles())
            .append("` on ").append(BenchMain.machine(config))
            .append(": the archive loaded through the service untimed, its merges settled, then what follows.\n\n");

        long without = forceMergedBytes();
        Fill fill = fill();
        long with = forceMergedBytes();
        md.append("### Vectors\n\n").append(String.format(Locale.ROOT, "The command line's `vectors` (bge-small-zh-v1.5, on "
                + "every core, 16 articles a batch) gave %,d articles their vector in %.1f s: **%.1f articles/s**, using %.1f s of "
                + "its own CPU (%.1f ms per article) and %.1f s of Elasticsearch's (the updates and their HNSW graph).%n%n",
            fill.stored(), fill.seconds(), fill.stored() / fill.seconds(), fill.cpuSeconds(),
            fill.cpuSeconds() * 1000 / Math.max(1, fill.stored()), fill.elasticsearchCpuSeconds()));
        md.append(String.format(Locale.ROOT, "| index (merged into one segment) | size |%n| --- | ---: |%n| without vectors | %s |%n"
                + "| with vectors (`dense_vector`, 512 dimensions, int8 HNSW) | %s (+%s, %.0f bytes per article) |%n%n",
            BenchMain.mib(without), BenchMain.mib(with), BenchMain.mib(with - without), (with - without) / (double) config.articles()));

        md.append(speed());
        md.append(paraphrases(files, generator));
        return md.toString();
    }

    private record Fill(long stored, double seconds, double cpuSeconds, double elasticsearchCpuSeconds) {}

    /** Runs {@code vectors} as an operator would, and the CPU it and Elasticsearch used. */
    private Fill fill() throws Exception {
        BenchMain.log("computing every article's vector (the command line's vectors)");
        ProcessCpu elasticsearch = ProcessCpu.ofElasticsearch(config);
        double elasticsearchBefore = elasticsearch.seconds();
        ProcessBuilder command = new ProcessBuilder("java", "-Xmx1g", "-jar", "target/quarkus-app/quarkus-run.jar", "vectors")
            .redirectError(config.work().resolve("vectors.log").toFile());
        command.environment().put("ARCHIVE_ELASTICSEARCH_HOSTS", config.elasticsearch());
        command.environment().put("ARCHIVE_INDEX_ALIAS", config.alias());
        command.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        long start = System.nanoTime();
        Process process = command.start();
        ProcessCpu own = new ProcessCpu(process.pid());
        double cpu = 0;
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Thread drain = new Thread(() -> reader.lines().forEach(line -> out.append(line).append('\n')));
            drain.start();
            while (process.isAlive()) {
                cpu = Math.max(cpu, own.seconds()); // the last reading before it exits (to a second)
                Thread.sleep(1000);
            }
            drain.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("vectors exited with " + process.exitValue() + "; see " + config.work().resolve("vectors.log"));
        }
        JsonNode report = Http.JSON.readTree(out.toString());
        if (report.path("pending").asLong() != 0) {
            throw new IllegalStateException("vectors left articles without one: " + report);
        }
        return new Fill(report.path("stored").asLong(), seconds, cpu, elasticsearch.seconds() - elasticsearchBefore);
    }

    /** The index merged into one segment (deleted documents gone), and its size. */
    private long forceMergedBytes() throws IOException, InterruptedException {
        BenchMain.log("merging the index into one segment");
        String task = Http.send("POST", config.elasticsearch() + "/" + config.alias()
            + "/_forcemerge?max_num_segments=1&wait_for_completion=false", null, null).ok().json().path("task").asText();
        while (!Http.get(config.elasticsearch() + "/_tasks/" + task).ok().json().path("completed").asBoolean()) {
            Thread.sleep(2000); // a merge of the vectors' graphs takes minutes
        }
        return Http.get(config.elasticsearch() + "/" + config.alias() + "/_stats/store").ok().json()
            .at("/_all/primaries/store/size_in_bytes").asLong();
    }

    /** Keyword against hybrid on the queries with words, taking turns as the keyword cells do (TakingTurns). */
    private String speed() throws Exception {
        SearchBench search = new SearchBench(config, SearchBench.wordsMix());
        Duration warmUp = Duration.ofSeconds(config.smoke() ? 1 : 60);
        BenchMain.log("warming up %s for %d s", SearchBench.Way.SERVICE, warmUp.toSeconds());
        search.run(SearchBench.Way.SERVICE, 8, warmUp);
        // each query's first hybrid search computes its vector: timed one by one, before any other hybrid search
        List<Long> first = new ArrayList<>();
        for (SearchBench.Query query : search.queries()) {
            search.execute(SearchBench.Way.HYBRID, query, first);
        }
        long modelRead = first.remove(0);
        long[] firstTimes = first.stream().mapToLong(Long::longValue).sorted().toArray();
        BenchMain.log("warming up %s for %d s", SearchBench.Way.HYBRID, warmUp.toSeconds());
        search.run(SearchBench.Way.HYBRID, 8, warmUp);
        Duration cell = Duration.ofSeconds(config.secondsPerCell());
        StringBuilder md = new StringBuilder("### Hybrid against keyword search\n\nThe ")
            .append(search.queries().size()).append(" queries of the mix with words and no sort or cursor (")
            .append(String.join("; ", search.queries().stream().map(SearchBench.Query::label).toList()))
            .append("), through GET /api/v1/articles/search, with mode=hybrid and without; each cell ")
            .append(config.secondsPerCell()).append(" s, ")
            .append(TakingTurns.described(WAYS.stream().map(MeaningBench::mode).toList())).append(", after ")
            .append(warmUp.toSeconds()).append(" s of each at concurrency 8. A query's vector is computed at its first "
                + "search by meaning and then kept (the service keeps the last 1,024). ")
            .append(String.format(Locale.ROOT, "Those first searches, one at a time after the keyword warm-up: the very first "
                + "%.0f ms (the service reads the model then), the %d others p50 %.1f ms, slowest %.1f ms; the cells below "
                + "repeat the queries, so their vectors are known.%n%n", modelRead / 1000.0, firstTimes.length,
                SearchBench.percentileMillis(firstTimes, 0.5), SearchBench.percentileMillis(firstTimes, 1.0)))
            .append("| mode | concurrency | requests/s | p50 ms | p99 ms | errors | service CPU ms/request | Elasticsearch CPU ms/request |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<Integer, Map<SearchBench.Way, SearchBench.Cell>> cells = new HashMap<>();
        List<Integer> concurrencies = config.concurrency().stream().filter(c -> c <= 8).toList();
        for (int concurrency : concurrencies) {
            BenchMain.log("keyword and hybrid at concurrency %d", concurrency);
            Map<SearchBench.Way, SearchBench.Cell> sliced = TakingTurns.run(search, WAYS, concurrency, cell);
            cells.put(concurrency, sliced);
            sliced.forEach((way, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %,.1f | %.1f | %.1f | %d | %.2f | %.2f |%n",
                mode(way), concurrency, c.throughput(), c.percentileMillis(0.50),
                c.percentileMillis(0.99), c.errors(), c.serviceCpuMillisPerRequest(), c.elasticsearchCpuMillisPerRequest())));
        }
        md.append("\n| concurrency | hybrid p50 / keyword p50 (target ≤ 2) | hybrid / keyword throughput |\n| ---: | ---: | ---: |\n");
        for (int concurrency : concurrencies) {
            SearchBench.Cell keyword = cells.get(concurrency).get(SearchBench.Way.SERVICE);
            SearchBench.Cell hybrid = cells.get(concurrency).get(SearchBench.Way.HYBRID);
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f |%n", concurrency,
                hybrid.percentileMillis(0.50) / keyword.percentileMillis(0.50), hybrid.throughput() / keyword.throughput()));
        }
        return md.append('\n').toString();
    }

    /** The search mode a way of the speed cells measures: the service's own way is keyword search. */
    private static String mode(SearchBench.Way way) {
        return way == SearchBench.Way.HYBRID ? "hybrid" : "keyword";
    }

    /**
     * The paraphrase set (written for the seeds) over the archive, whose articles are made of the seeds' paragraphs: a
     * query finds its story when one of the first three hits opens with a paragraph of the seed article it means (an
     * article's vector is of its headline and opening; its headline is cut from some other paragraph).
     */
    private String paraphrases(List<Path> files, ArchiveGenerator generator) throws IOException, InterruptedException {
        BenchMain.log("the paraphrase set over the archive");
        List<ArticleDraft> seeds = seedArticles();
        Map<String, String> openings = new HashMap<>();
        Map<String, String> headlines = new HashMap<>();
        readArchive(files, openings, headlines);
        Map<String, int[]> found = new HashMap<>(); // per mode: first hit, second or third, headline or opening in three
        MODES.forEach(mode -> found.put(mode, new int[3]));
        int cases = 0;
        List<String> unmatched = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(PARAPHRASES), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            Set<String> story = paragraphsOf(expected(seeds, parts[1]), generator.paragraphs());
            if (story.isEmpty()) { // a photo's caption shorter than the generator's paragraphs
                unmatched.add(parts[0]);
                continue;
            }
            cases++;
            Set<String> storyHeadlines = new HashSet<>();
            story.forEach(paragraph -> storyHeadlines.add(ArchiveGenerator.headlineOf(paragraph, paragraph.length())));
            for (String mode : MODES) {
                List<String> ids = ranked(parts[0], mode);
                List<String> top = ids.subList(0, Math.min(3, ids.size()));
                int byOpening = 0;
                while (byOpening < top.size() && !story.contains(openings.get(top.get(byOpening)))) {
                    byOpening++;
                }
                if (byOpening < top.size()) {
                    found.get(mode)[byOpening == 0 ? 0 : 1]++;
                }
                if (byOpening < top.size() || top.stream().anyMatch(id -> !headlines.get(id).isEmpty()
                        && storyHeadlines.stream().anyMatch(headline -> headline.startsWith(headlines.get(id))))) {
                    found.get(mode)[2]++;
                }
            }
        }
        StringBuilder md = new StringBuilder("### Paraphrases over the archive\n\nThe ").append(cases).append(" queries of `")
            .append(PARAPHRASES).append("` (a journalist's words for a seed story, none of them the paper's), over the ")
            .append(String.format(Locale.ROOT, "%,d", config.articles())).append(" articles: a query finds its story when one "
                + "of its first three hits opens with a paragraph of the seed article it means. Each of the archive's articles "
                + "opens with one of ").append(generator.paragraphs().size()).append(String.format(Locale.ROOT, " paragraphs "
                + "(about %,d articles open with each); keyword search finds a story's articles only where their other "
                + "paragraphs hold the words.%n%n", config.articles() / generator.paragraphs().size()))
            .append(unmatched.isEmpty() ? "" : "Left out, their article having no paragraph in the archive: "
                + String.join("; ", unmatched) + ".\n\n")
            .append("An archive article's headline is cut from another paragraph than its opening, so an article can be the "
                + "story by its headline and another by its opening (a seed page's article is one story throughout); its "
                + "vector is of both. The last column also counts a top-3 hit whose headline is cut from a paragraph of the "
                + "story.\n\n")
            .append("| mode | success@1 | success@3 | success@3, by headline or opening |\n| --- | ---: | ---: | ---: |\n");
        for (String mode : MODES) {
            int[] f = found.get(mode);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", mode, f[0] / (double) cases,
                (f[0] + f[1]) / (double) cases, f[2] / (double) cases));
        }
        return md.append('\n').toString();
    }

    private List<String> ranked(String query, String mode) throws IOException, InterruptedException {
        JsonNode hits = Http.get(config.service() + "/api/v1/articles/search?size=3&mode=" + mode + "&q="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)).ok().json().path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }

    /** The seed pages' articles, as the service reads them. */
    private static List<ArticleDraft> seedArticles() throws IOException {
        PageTextParser parser = new PageTextParser(PageLabels.load(), PageFurniture.load());
        List<ArticleDraft> articles = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("seeds"))) {
            for (Path page : pages.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                articles.addAll(parser.parse(Files.readString(page, StandardCharsets.UTF_8)).articles());
            }
        }
        return articles;
    }

    /** The article a case means: by its title, or by the opening of its body ("body:…") when it has none. */
    private static ArticleDraft expected(List<ArticleDraft> seeds, String expected) {
        return seeds.stream().filter(a -> expected.startsWith("body:")
                ? a.title() == null && a.body().startsWith(expected.substring(5))
                : expected.equals(a.title()))
            .findFirst().orElseThrow(() -> new IllegalStateException("no seed article " + expected));
    }

    /** The generator's paragraphs that are the article's (its body holds their first 30 characters); maybe none. */
    private static Set<String> paragraphsOf(ArticleDraft article, List<String> paragraphs) {
        String body = article.body();
        Set<String> own = new HashSet<>();
        for (String paragraph : paragraphs) {
            if (body.contains(paragraph.substring(0, Math.min(30, paragraph.length())))) {
                own.add(paragraph);
            }
        }
        return own;
    }

    /** Each archive article's opening paragraph and its headline, by id. */
    private static void readArchive(List<Path> files, Map<String, String> openings, Map<String, String> headlines)
            throws IOException {
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode article = Http.JSON.readTree(line);
                String id = article.path("id").asText();
                String body = article.path("body").asText();
                int end = body.indexOf("\n\n");
                openings.put(id, end < 0 ? body : body.substring(0, end));
                headlines.put(id, article.path("title").asText());
            }
        }
    }
}
