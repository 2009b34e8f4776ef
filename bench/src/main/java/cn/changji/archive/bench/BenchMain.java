package cn.changji.archive.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs every benchmark against a running service and its Elasticsearch (bench/run.sh starts both) and writes the
 * figures: bench/results/&lt;N&gt;.md per archive size, and BENCHMARKS.md from all of them.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--assemble")) { // BENCHMARKS.md again from bench/results, no run
            Files.writeString(Path.of("BENCHMARKS.md"), assemble(Path.of("bench", "results")), StandardCharsets.UTF_8);
            return;
        }
        Config config = Config.parse(args);
        StringBuilder md = new StringBuilder();
        md.append("## ").append(String.format(Locale.ROOT, "%,d", config.articles())).append(" articles\n\n");
        md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" on ")
            .append(machine(config)).append(".\n\n");

        log("generating %d articles", config.articles());
        ArchiveGenerator generator = new ArchiveGenerator(Path.of("seeds"), 42);
        List<Path> files = generator.write(config.work().resolve("archive"), config.articles(), 5000);
        // other articles (another seed) under the same ids as the first file's, deleted after the warm-up
        Path warmUpFile = new ArchiveGenerator(Path.of("seeds"), 7).write(config.work().resolve("warm-up"),
            Math.min(5000, config.articles()), 5000).get(0);

        if (config.meaning()) { // search by meaning: its own section, on an index loaded untimed
            log("loading %d articles through the service, untimed (--meaning)", config.articles());
            new IngestBench(config).load(files);
            settled(config);
            write(config, String.format("meaning-%08d.md", config.articles()), new MeaningBench(config).markdown(files, generator));
            return;
        }
        IngestBench.Result service;
        long serviceHeap;
        long esHeap;
        if (config.searchOnly()) {
            // the searches alone, on an index loaded untimed: the ingest section is carried over from the last full run
            log("loading %d articles through the service, untimed (--search-only)", config.articles());
            service = new IngestBench(config).load(files);
            serviceHeap = serviceHeapBytes(config);
            esHeap = elasticsearchHeapBytes(config);
            md.append(lastIngest(config));
        } else {
            log("ingest through the service and as raw _bulk, taking turns file by file");
            List<IngestBench.Result> ingested = new IngestBench(config).run(warmUpFile, files, config.articles());
            service = ingested.get(0);
            IngestBench.Result raw = ingested.get(1);
            serviceHeap = serviceHeapBytes(config);
            esHeap = elasticsearchHeapBytes(config);
            md.append("### Ingest\n\n| path | documents | seconds | documents/s | index size | CPU s: service | CPU s: Elasticsearch "
                + "| CPU s: the benchmark (the raw path's client) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (IngestBench.Result r : List.of(service, raw)) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %s | %.1f | %.1f | %.1f |%n", r.path(), r.documents(),
                    r.seconds(), r.perSecond(), mib(r.indexBytes()), r.serviceCpu(), r.elasticsearchCpu(), r.clientCpu()));
            }
            md.append(String.format(Locale.ROOT, "%nService / raw: **%.2f** (target ≥ 0.95). Heap after ingest: service %s,"
                + " Elasticsearch %s.%n%n", service.perSecond() / raw.perSecond(), mib(serviceHeap), mib(esHeap)));
            IngestBench.WarmUp warmUp = service.warmUp();
            md.append(String.format(Locale.ROOT, "Before these, each path imported a warm-up file of %,d other articles, deleted "
                + "from both indexes after each round, so that the figures above are of warm JIT compilers, as the search cells "
                + "are: %d round(s), until the service's compilers used under %.2f s of CPU in one (%.2f s in the last%s). "
                + "Cold, the first round took the service %.1f s and raw _bulk %.1f s (service / raw %.2f). In the measured "
                + "imports above, the service's compilers still used %.1f s of its %.1f s of CPU.%n%n",
                service.warmUpDocuments(), warmUp.rounds(), IngestBench.SETTLED_COMPILER_SECONDS, warmUp.lastCompilerSeconds(),
                warmUp.lastCompilerSeconds() > IngestBench.SETTLED_COMPILER_SECONDS ? ", not yet settled at the rounds' limit" : "",
                service.warmUpSeconds(), raw.warmUpSeconds(), raw.warmUpSeconds() / service.warmUpSeconds(),
                service.serviceCompilerCpu(), service.serviceCpu()));
            Http.send("DELETE", config.elasticsearch() + "/" + config.alias() + "-raw", null, null);
        }
        if (config.ingestOnly()) { // a quick loop for work on the import: the table on stderr, no results written
            System.err.print(md);
            return;
        }
        md.append(settled(config)).append("\n\n");

        SearchBench search = new SearchBench(config);
        Duration cell = Duration.ofSeconds(config.secondsPerCell());
        Duration warmUp = Duration.ofSeconds(config.smoke() ? 1 : 15);
        for (SearchBench.Way way : List.of(SearchBench.Way.DIRECT, SearchBench.Way.PLAIN)) {
            log("warming up %s for %d s (Elasticsearch's JIT compilers)", way, warmUp.toSeconds());
            search.run(way, 8, warmUp);
        }
        ServiceWarmUp serviceWarmUp = ServiceWarmUp.run(search, new ProcessCpu(config.servicePid()), config.concurrency(),
            config.smoke());
        boolean floor = config.floor() != null;
        // the floor's few paths settle sooner than the service's many: a minute at 8, then 20 s at each concurrency
        Duration floorWarmUp = config.smoke() ? warmUp : Duration.ofSeconds(60);
        Duration floorRound = config.smoke() ? warmUp : Duration.ofSeconds(20);
        if (floor) {
            log("warming up the floor");
            search.run(SearchBench.Way.FLOOR, 8, floorWarmUp);
            for (int concurrency : config.concurrency()) {
                search.run(SearchBench.Way.FLOOR, concurrency, floorRound);
            }
        }
        md.append("### Search\n\nThe query mix (").append(search.queries().size()).append(" queries, round robin): ")
            .append(String.join("; ", search.queries().stream().map(SearchBench.Query::label).toList()))
            .append(".\nEach way first runs at concurrency 8 to warm up: direct and plain ").append(warmUp.toSeconds())
            .append(" s, the service at 8 and then at each concurrency in turn until its JIT compilers settle (")
            .append(serviceWarmUp.describe()).append("); each cell then runs ")
            .append(config.secondsPerCell()).append(" s, ")
            .append(TakingTurns.described(search.keywordWays().stream().map(way -> way.name().toLowerCase(Locale.ROOT)).toList()))
            .append(", so that no way always follows the same other. *service*: GET /api/v1/articles/search; "
                + "*direct*: the identical _msearch requests (the service's SearchRequestBody: hits and facets) sent to Elasticsearch; "
                + "*plain*: the query a team without the service would send, one _search: a multi_match of the words over "
                + "title^3 and body, term filters, terms aggregations on counties, industries and authors, a month "
                + "date_histogram, the default body highlight, the whole _source" + (floor ? "; *floor*: the service's "
                + "URLs through a bare Vert.x server (PassThrough: native epoll, as many event loops as the service has, "
                + "with its HTTP client) that sends Elasticsearch the direct way's _msearch and hands its answer back as it came, "
                + "reading and writing nothing, warmed up " + floorWarmUp.toSeconds() + " s at 8 and " + floorRound.toSeconds()
                + " s at each concurrency (it does not answer the cursor walk, which its cells leave out)" : "")
                + ". CPU columns: the CPU time the process "
                + "used during the cell (all threads, from /proc) divided by the requests answered; in the floor's rows "
                + "the service column is the floor's own.\n\n")
            .append("| way | concurrency | requests/s | p50 ms | p99 ms | errors | service CPU ms/request | Elasticsearch CPU ms/request |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, SearchBench.Cell> cells = new TreeMap<>();
        for (int concurrency : config.concurrency()) {
            Map<SearchBench.Way, SearchBench.Cell> sliced = TakingTurns.run(search, search.keywordWays(), concurrency, cell);
            for (SearchBench.Way way : search.keywordWays()) {
                SearchBench.Cell c = sliced.get(way);
                cells.put(way + "/" + concurrency, c);
                md.append(String.format(Locale.ROOT, "| %s | %d | %,.1f | %.1f | %.1f | %d | %.2f | %.2f |%n",
                    way.name().toLowerCase(Locale.ROOT), concurrency, c.throughput(), c.percentileMillis(0.50),
                    c.percentileMillis(0.99), c.errors(), c.serviceCpuMillisPerRequest(), c.elasticsearchCpuMillisPerRequest()));
            }
        }
        md.append("\n| concurrency | service / plain throughput (target ≥ 1.0) | service / direct throughput (target ≥ 0.90) "
            + "| p99 overhead ms (target < 5 at 1) | service CPU ms per search (target ≤ 0.5) |"
            + (floor ? " floor CPU ms per search |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n" : "\n| ---: | ---: | ---: | ---: | ---: |\n"));
        for (int concurrency : config.concurrency()) {
            SearchBench.Cell s = cells.get("SERVICE/" + concurrency);
            SearchBench.Cell d = cells.get("DIRECT/" + concurrency);
            SearchBench.Cell p = cells.get("PLAIN/" + concurrency);
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.1f | %.2f |", concurrency,
                s.throughput() / p.throughput(), s.throughput() / d.throughput(),
                s.percentileMillis(0.99) - d.percentileMillis(0.99), s.serviceCpuMillisPerRequest()));
            md.append(floor ? String.format(Locale.ROOT, " %.2f |%n", cells.get("FLOOR/" + concurrency).serviceCpuMillisPerRequest())
                : "\n");
        }
        if (floor) {
            log("the price of a wake-up");
            md.append('\n').append(WakeCost.measure(config, Duration.ofSeconds(config.smoke() ? 1 : 5),
                Duration.ofSeconds(config.smoke() ? 1 : 20)).markdown());
        }

        log("cost breakdown of the keyword searches");
        md.append("\n").append(new CostBreakdown(config, search.synonyms(), search.queries())
            .markdown(Duration.ofSeconds(config.smoke() ? 1 : 10)));
        log("profiles of the service's CPU and the floor's");
        md.append('\n');
        try {
            md.append(new ServiceProfile(config).markdown(search, Duration.ofSeconds(config.smoke() ? 2 : 20)));
        } catch (Exception | LinkageError e) {
            md.append("The service's CPU profile could not be taken: ").append(e).append('\n');
        }

        log("tokenizer (JMH)");
        md.append("\n").append(tokenizer(config.smoke()));
        md.append(String.format(Locale.ROOT, "%n### Scale%n%n| articles | index size | service heap | Elasticsearch heap"
            + " | service p99 at concurrency %d |%n| ---: | ---: | ---: | ---: | ---: |%n| %,d | %s | %s | %s | %.1f ms |%n",
            config.concurrency().get(config.concurrency().size() - 1), config.articles(), mib(service.indexBytes()),
            mib(serviceHeap), mib(esHeap),
            cells.get("SERVICE/" + config.concurrency().get(config.concurrency().size() - 1)).percentileMillis(0.99)));

        write(config, String.format("%08d.md", config.articles()), md.toString());
        long failed = cells.values().stream().mapToLong(SearchBench.Cell::errors).sum();
        if (failed > 0) { // written for a look, but a run whose searches failed is not a measurement of searches
            log("%d searches failed (the errors column of the results)", failed);
            System.exit(1);
        }
    }

    /** One run's results under bench/results (a smoke run's under its work directory), and BENCHMARKS.md from all. */
    private static void write(Config config, String name, String md) throws IOException {
        Path results = config.smoke() ? config.work().resolve("results") : Path.of("bench", "results");
        Files.createDirectories(results);
        Files.writeString(results.resolve(name), md);
        Files.writeString(config.out(), assemble(results), StandardCharsets.UTF_8);
        log("wrote %s", config.out());
    }

    private static long elasticsearchHeapBytes(Config config) throws IOException, InterruptedException {
        return Http.get(config.elasticsearch() + "/_nodes/stats/jvm").ok().json().at("/nodes").elements().next()
            .at("/jvm/mem/heap_used_in_bytes").asLong();
    }

    /** How a search-only run's ingest section begins; a section carried over already is known by it. */
    private static final String NOT_MEASURED = "Not measured in this run";

    /** The ingest section of the last full run at this size, said to be that, for a run that measured search only. */
    private static String lastIngest(Config config) throws IOException {
        Path last = Path.of("bench", "results", String.format("%08d.md", config.articles()));
        String text = Files.exists(last) ? Files.readString(last) : "";
        int start = text.indexOf("### Ingest");
        int end = start < 0 ? -1 : text.indexOf("\n### ", start + 1);
        if (start < 0 || end < 0) {
            return "### Ingest\n\n" + NOT_MEASURED + " (`--search-only`), and no earlier run at this size to show.\n\n";
        }
        // the settling of that run's load is not this run's: this run reports its own
        String section = text.substring(start, end + 1).replaceAll("(?m)^Merges after the load.*\\n\\n?", "");
        if (!section.contains(NOT_MEASURED)) { // else carried over already, by a --search-only run that named its run
            String run = text.lines().filter(line -> line.startsWith("Run ")).findFirst().orElse("Run of an earlier date.");
            section = section.replaceFirst("### Ingest\n\n", "### Ingest\n\n" + NOT_MEASURED + " (`bench/run.sh "
                + "--search-only`, which loads the index untimed): the section of the last full run at this size ("
                + run.replaceAll("\\.$", "") + "), as it was.\n\n");
        }
        // one blank line before what follows, however often the section has been carried over
        return section.stripTrailing() + "\n\n";
    }

    /**
     * Waits until Elasticsearch has no merge left running on the service's index: a bulk load leaves merges behind
     * (at a million articles, one of three quarters of the index for about ten minutes), and searches measured while
     * one runs measure the merge. An archive is searched for years after a load of minutes, so search is measured on
     * the settled index; what the wait took is reported.
     */
    private static String settled(Config config) throws IOException, InterruptedException {
        String stats = config.elasticsearch() + "/" + config.alias() + "/_stats/merge,segments";
        long start = System.nanoTime();
        log("waiting for Elasticsearch's merges after the load to finish");
        while (Http.get(stats).ok().json().at("/_all/total/merges/current").asLong() > 0) {
            Thread.sleep(2000);
        }
        JsonNode total = Http.get(stats).ok().json().at("/_all/total");
        return String.format(Locale.ROOT, "Merges after the load went on for %.0f s more (%d segments after them); "
            + "the searches below run on the settled index.", (System.nanoTime() - start) / 1e9,
            total.at("/segments/count").asLong());
    }

    private static String tokenizer(boolean smoke) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(TokenizerBench.class.getName()).forks(1).addProfiler(GCProfiler.class)
            .warmupIterations(smoke ? 1 : 3).warmupTime(TimeValue.seconds(smoke ? 1 : 3))
            .measurementIterations(smoke ? 1 : 5).measurementTime(TimeValue.seconds(smoke ? 1 : 3));
        Collection<RunResult> results = new Runner(options.build()).run();
        int characters = TokenizerBench.characters();
        StringBuilder md = new StringBuilder("### Analyzer\n\nJMH, our IK tokenizer over the five seed pages (")
            .append(characters).append(" characters per pass), one thread.\n\n")
            .append("| mode | passes/s | tokens/s | characters/s | bytes allocated per token |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (RunResult result : results) {
            boolean smart = Boolean.parseBoolean(result.getParams().getParam("smart"));
            double passes = result.getPrimaryResult().getScore();
            int tokens = TokenizerBench.tokensPerPass(smart);
            double bytesPerPass = result.getSecondaryResults().entrySet().stream()
                .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm")).mapToDouble(e -> e.getValue().getScore())
                .findFirst().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %,.1f | %,.0f | %,.0f | %.0f |%n", smart ? "ik_smart" : "ik_max_word",
                passes, passes * tokens, passes * characters, bytesPerPass / tokens));
        }
        return md.toString();
    }

    /** BENCHMARKS.md: the scale rows of every archive size side by side, then each size's whole results. */
    private static String assemble(Path results) throws IOException {
        List<String> sections = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                sections.add(Files.readString(file));
            }
        }
        StringBuilder md = new StringBuilder("# Benchmarks\n\nProduced by `bench/run.sh --articles=N` (see bench/README.md);"
            + " every figure below comes from that command on the machine named. Loopback only.\n\n");
        md.append("## Scale\n\n");
        boolean header = true;
        for (String section : sections) {
            int scale = section.indexOf("### Scale");
            List<String> table = scale < 0 ? List.of() // a section of search by meaning has none
                : section.substring(scale).lines().filter(l -> l.startsWith("|")).toList();
            if (table.size() < 3) {
                continue;
            }
            if (header) {
                md.append(table.get(0)).append('\n').append(table.get(1)).append('\n');
                header = false;
            }
            md.append(table.get(table.size() - 1)).append('\n');
        }
        md.append('\n');
        sections.forEach(section -> md.append(section).append('\n'));
        return md.toString();
    }

    private static long serviceHeapBytes(Config config) throws IOException, InterruptedException {
        long used = 0;
        for (String line : Http.get(config.service() + "/q/metrics").ok().body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /** The machine, the benchmark's Java and the Java Elasticsearch runs on (its vector search depends on it). */
    static String machine(Config config) throws IOException, InterruptedException {
        String cpu = "?";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        String elasticsearchJava = Http.get(config.elasticsearch() + "/_nodes/jvm?filter_path=nodes.*.jvm.version").ok().json()
            .path("nodes").elements().next().path("jvm").path("version").asText("?");
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s %s, Java %s, Elasticsearch 8.19.21 on Java %s",
            Runtime.getRuntime().availableProcessors(), cpu, mib(memory), System.getProperty("os.name"),
            System.getProperty("os.version"), System.getProperty("java.version"), elasticsearchJava);
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
            : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
