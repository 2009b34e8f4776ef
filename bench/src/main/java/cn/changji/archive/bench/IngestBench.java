package cn.changji.archive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.ingest.CountyTagger;
import cn.changji.archive.ingest.OrganizationTagger;

/**
 * The service's bulk path (POST /api/v1/articles: the importer and its bulk writer, as every import uses) against
 * raw _bulk requests of the same documents into an index with the same mapping. The two take turns file by file,
 * in the order service-raw, raw-service, ... so that neither gets a warmer Elasticsearch, a smaller index or fewer
 * merges than the other; each file ends with a refresh in both (the service answers only once its articles are
 * searchable). Between turns, untimed, the benchmark waits until neither index has a merge running: a merge left
 * running by one path's turn had slowed the other's (the ratio moved by 0.1 between runs); merges within a turn are
 * its own. (Timing that wait instead made the figures a matter of merge throttling: 1.36 one way.) First each path
 * imports a warm-up file of other articles, then deleted from both indexes, in rounds until the service's JIT
 * compilers have settled: the figures are of warm compilers (the service's, Elasticsearch's, this client's), as the
 * search cells are, and the cold first round is reported beside them. One round was not enough: the service's
 * compilers then still spent about 3 s of CPU on the first files of 100,000 articles, against the 7 to 10 s the whole
 * import took of it.
 */
final class IngestBench {
    /**
     * One path; the CPU seconds the service, Elasticsearch and this process (the raw path's client) used in its turns,
     * and of the service's, what its JIT compilers used.
     */
    record Result(String path, long documents, double seconds, long indexBytes, double serviceCpu, double elasticsearchCpu,
                  double clientCpu, double serviceCompilerCpu, long warmUpDocuments, double warmUpSeconds, WarmUp warmUp) {
        double perSecond() {
            return documents / seconds;
        }
    }

    /**
     * The warm-up's rounds, and the CPU the service's JIT compilers used in its last import of the warm-up file (under
     * {@link #SETTLED_COMPILER_SECONDS} once they settled).
     */
    record WarmUp(int rounds, double lastCompilerSeconds) {}

    private static final int MAX_WARM_UP_ROUNDS = 8;
    /** The service's compilers' CPU in one import of the warm-up file under which they count as settled. */
    static final double SETTLED_COMPILER_SECONDS = 0.15;

    private static final OrganizationTagger ORGANIZATIONS =
        OrganizationTagger.load(Optional.empty(), CountyTagger.load(Optional.empty()));

    private final Config config;

    IngestBench(Config config) {
        this.config = config;
    }

    /** Both paths over all files; the service's result first. */
    List<Result> run(Path warmUp, List<Path> files, long documents) throws Exception {
        String rawIndex = config.alias() + "-raw";
        Http.send("DELETE", config.elasticsearch() + "/" + rawIndex, null, null);
        String mapping = Files.readString(Path.of("src/main/resources/index/articles-v3.json"));
        Http.send("PUT", config.elasticsearch() + "/" + rawIndex, "application/json", mapping.getBytes(StandardCharsets.UTF_8)).ok();
        long serviceNanos = 0;
        long rawNanos = 0;
        ProcessCpu service = new ProcessCpu(config.servicePid());
        ProcessCpu elasticsearch = ProcessCpu.ofElasticsearch(config);
        ProcessCpu client = new ProcessCpu(ProcessHandle.current().pid());
        double[][] cpu = new double[2][4]; // [service path, raw path][service, elasticsearch, client, service's compilers]
        ExecutorService pool = Executors.newFixedThreadPool(2);
        double[] warmUpSeconds = new double[2];
        int rounds = 0;
        double lastCompiled = 0;
        List<String> warmUpIds = new ArrayList<>();
        try {
            Map<String, List<String>> warmUpOrganizations = organizations(warmUp);
            warmUpIds.addAll(warmUpOrganizations.keySet());
            double compiled;
            do {
                double compiledBefore = service.compilerSeconds();
                long began = System.nanoTime();
                service(warmUp);
                double serviceSeconds = (System.nanoTime() - began) / 1e9;
                // a compiler thread that ended takes its CPU time with it: never below zero
                compiled = Math.max(0, service.compilerSeconds() - compiledBefore);
                began = System.nanoTime();
                raw(warmUp, warmUpOrganizations, rawIndex, pool);
                double rawSeconds = (System.nanoTime() - began) / 1e9;
                if (rounds++ == 0) {
                    warmUpSeconds[0] = serviceSeconds;
                    warmUpSeconds[1] = rawSeconds;
                }
                delete(warmUpIds, List.of(config.alias(), rawIndex));
                System.err.printf(Locale.ROOT, "[bench] ingest warm-up round %d: the service %.1f s (its JIT compilers %.2f s "
                    + "of CPU), raw _bulk %.1f s%n", rounds, serviceSeconds, compiled, rawSeconds);
            } while (!config.smoke() && compiled > SETTLED_COMPILER_SECONDS && rounds < MAX_WARM_UP_ROUNDS);
            lastCompiled = compiled;
            awaitMerges(List.of(config.alias(), rawIndex));
            for (int i = 0; i < files.size(); i++) {
                // outside both turns: the service tags these while it imports, the raw path must send the same
                Map<String, List<String>> organizations = organizations(files.get(i));
                boolean serviceFirst = i % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    long start = System.nanoTime();
                    double[] before = { service.seconds(), elasticsearch.seconds(), client.seconds(), service.compilerSeconds() };
                    boolean servicePath = (turn == 0) == serviceFirst;
                    if (servicePath) {
                        service(files.get(i));
                        serviceNanos += System.nanoTime() - start;
                    } else {
                        raw(files.get(i), organizations, rawIndex, pool);
                        rawNanos += System.nanoTime() - start;
                    }
                    double[] after = { service.seconds(), elasticsearch.seconds(), client.seconds(), service.compilerSeconds() };
                    for (int k = 0; k < after.length; k++) {
                        // a compiler thread that ended takes its CPU time with it: never below zero
                        cpu[servicePath ? 0 : 1][k] += Math.max(0, after[k] - before[k]);
                    }
                    awaitMerges(List.of(config.alias(), rawIndex));
                }
            }
        } finally {
            pool.shutdown();
        }
        return List.of(new Result("service (POST /api/v1/articles)", documents, serviceNanos / 1e9, storeBytes(config.alias()),
                cpu[0][0], cpu[0][1], cpu[0][2], cpu[0][3], warmUpIds.size(), warmUpSeconds[0], new WarmUp(rounds, lastCompiled)),
            new Result("raw Elasticsearch _bulk", documents, rawNanos / 1e9, storeBytes(rawIndex), cpu[1][0], cpu[1][1], cpu[1][2],
                cpu[1][3], warmUpIds.size(), warmUpSeconds[1], new WarmUp(rounds, lastCompiled)));
    }

    /**
     * The files through the service alone, one after the other and untimed: the index a search-only run searches
     * (the same documents the full run's service path makes).
     */
    Result load(List<Path> files) throws IOException, InterruptedException {
        long documents = 0;
        for (Path file : files) {
            service(file);
            documents += Files.lines(file).filter(line -> !line.isBlank()).count();
        }
        Http.send("POST", config.elasticsearch() + "/" + config.alias() + "/_refresh", null, null).ok();
        return new Result("service (POST /api/v1/articles), untimed", documents, Double.NaN, storeBytes(config.alias()), 0, 0, 0,
            0, 0, Double.NaN, new WarmUp(0, Double.NaN));
    }

    /** Deletes the warm-up's articles from both indexes, so each holds exactly the benchmark's. */
    private void delete(List<String> ids, List<String> indexes) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (String index : indexes) {
            for (String id : ids) {
                body.append("{\"delete\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n");
            }
        }
        bulk("?refresh=true", body.toString().getBytes(StandardCharsets.UTF_8), "deleting the warm-up's articles");
    }

    private void service(Path file) throws IOException, InterruptedException {
        Http.send("POST", config.service() + "/api/v1/articles?filename=" + file.getFileName(), "application/x-ndjson",
            Files.readAllBytes(file), "X-API-Key", config.writeKey()).ok();
    }

    /**
     * The organisations the service finds in each article of the file (the archive states none, so the service tags
     * them from the headline and body as it imports): by article id, for the raw path to send the same documents.
     */
    private static Map<String, List<String>> organizations(Path file) throws IOException {
        Map<String, List<String>> found = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                ObjectNode doc = (ObjectNode) Http.JSON.readTree(line);
                found.put(doc.get("id").asText(), ORGANIZATIONS.tag(doc.path("title").asText(""), doc.path("body").asText("")));
            }
        }
        return found;
    }

    /**
     * The documents as the service stores them (every field of the article with the organisations it tags, its
     * source, a SHA-256 content hash, when it was indexed, the suggester's inputs), sent as _bulk: 500 per request,
     * 2 at once.
     */
    private void raw(Path file, Map<String, List<String>> organizations, String index, ExecutorService pool) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        int position = 0;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode doc = (ObjectNode) Http.JSON.readTree(line);
            for (String field : new String[] { "subtitle", "kicker", "column" }) {
                if (!doc.has(field)) {
                    doc.putNull(field);
                }
            }
            List<String> tagged = organizations.get(doc.get("id").asText());
            ArrayNode stated = doc.putArray("organizations");
            tagged.forEach(stated::add);
            doc.putObject("source").put("file", file.getFileName().toString()).put("format", "ndjson").put("position", ++position);
            doc.put("contentHash", HexFormat.of().formatHex(sha256.digest(line.getBytes(StandardCharsets.UTF_8))));
            doc.put("indexedAt", java.time.Instant.now().toString());
            ArrayNode inputs = doc.putObject("suggest").putArray("input");
            inputs.add(doc.get("title").asText());
            doc.get("authors").forEach(inputs::add);
            doc.get("counties").forEach(inputs::add);
            tagged.forEach(inputs::add);
            batch.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(doc.get("id").asText())
                .append("\"}}\n").append(doc).append('\n');
            if (++inBatch == 500) {
                sent.add(submit(pool, batch.toString()));
                batch.setLength(0);
                inBatch = 0;
                drain(sent, 2);
            }
        }
        if (inBatch > 0) {
            sent.add(submit(pool, batch.toString()));
        }
        drain(sent, 0);
        Http.send("POST", config.elasticsearch() + "/" + index + "/_refresh", null, null).ok();
    }

    private Future<?> submit(ExecutorService pool, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return pool.submit(() -> {
            bulk("", bytes, "a raw _bulk of the benchmark's articles");
            return null;
        });
    }

    /** A _bulk request that must succeed for every item; {@code what} it does names it when it does not. */
    private void bulk(String query, byte[] body, String what) throws IOException, InterruptedException {
        Http.Answer answer = Http.send("POST", config.elasticsearch() + "/_bulk" + query, "application/x-ndjson", body).ok();
        if (answer.json().path("errors").asBoolean()) {
            throw new IllegalStateException(what + " failed: " + answer.body().substring(0, Math.min(400, answer.body().length())));
        }
    }

    /** Waits until none of the indexes has a merge running. */
    private void awaitMerges(List<String> indexes) throws IOException, InterruptedException {
        while (Http.get(config.elasticsearch() + "/" + String.join(",", indexes) + "/_stats/merge").ok().json()
            .at("/_all/primaries/merges/current").asLong() > 0) {
            Thread.sleep(100);
        }
    }

    private static void drain(List<Future<?>> sent, int keep) throws Exception {
        while (sent.size() > keep) {
            sent.remove(0).get();
        }
    }

    long storeBytes(String index) throws IOException, InterruptedException {
        return Http.get(config.elasticsearch() + "/" + index + "/_stats/store").ok().json()
            .at("/_all/primaries/store/size_in_bytes").asLong();
    }
}
