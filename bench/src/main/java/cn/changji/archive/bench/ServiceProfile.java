package cn.changji.archive.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.tools.attach.VirtualMachine;

/**
 * Where the service's own CPU goes during searches: async-profiler (from Maven Central) attached to the running
 * service, sampling its CPU time while the mix runs through it, the samples sorted into the parts of a search by the
 * frames on their stacks.
 */
final class ServiceProfile {
    /** Each part and the frames that mark it, the first matching part taking the sample. */
    private static final Map<String, List<String>> PARTS = parts();

    private final Config config;

    ServiceProfile(Config config) {
        this.config = config;
    }

    private static Map<String, List<String>> parts() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("JIT compilers", List.of("CompileBroker::"));
        // G1's threads; the parallel collector's run as GangWorker on JDK 17, as WorkerThread on later ones
        parts.put("garbage collector", List.of("G1", "GCTaskThread", "WorkerThread::run", "GangWorker::", "PSScavenge"));
        parts.put("reading Elasticsearch's answer into ours (MsearchReading, ArticleSearch.answer)",
            List.of("MsearchReading", "ArticleSearch.answer"));
        parts.put("building the request (SearchRequestBody)", List.of("SearchRequestBody"));
        // SearchRoute writes the answer from the HTTP client's callback: ahead of the client, which is on its stack
        parts.put("writing the answer (SearchRoute; RESTEasy Reactive on the resource's way)",
            List.of("ResponseWriterHandler", "SearchRoute.lambda"));
        parts.put("HTTP client to Elasticsearch (Vert.x, ElasticsearchHttp: sending, reading the answer's bytes)",
            List.of("ElasticsearchHttp", "Http1xClientConnection", "HttpClientImpl", "HttpClientResponseImpl"));
        parts.put("parameters and their validation (SearchRoute, SearchRequest; Hibernate Validator on the resource's way)",
            List.of("hibernate/validator", "SearchRequest.params", "SearchRoute.plainSearch"));
        parts.put("worker threads (blocking endpoints; synonyms re-read)", List.of("EnhancedQueueExecutor"));
        parts.put("HTTP server: I/O, waiting for it and the rest of the request on the event loop (Vert.x, Netty: "
            + "routing, filters, metrics)", List.of("NioEventLoop.run", "EpollEventLoop.run"));
        return parts;
    }

    String markdown(SearchBench search, Duration duration) throws Exception {
        Path library = config.work().resolve("libasyncProfiler.so");
        try (InputStream in = ServiceProfile.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            Files.createDirectories(library.getParent());
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        Path stacks = config.work().resolve("service-profile.collapsed").toAbsolutePath();
        VirtualMachine vm = VirtualMachine.attach(Long.toString(config.servicePid()));
        SearchBench.Cell cell;
        try {
            vm.loadAgentPath(library.toAbsolutePath().toString(), "start,event=itimer,interval=1ms");
            cell = search.run(SearchBench.Way.SERVICE, 8, duration);
            vm.loadAgentPath(library.toAbsolutePath().toString(), "stop,collapsed,file=" + stacks);
        } finally {
            vm.detach();
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> samples.put(part, 0L));
        samples.put("other", 0L);
        long total = 0;
        for (String line : Files.readAllLines(stacks)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String stack = line.substring(0, space);
            long n = Long.parseLong(line.substring(space + 1).strip());
            total += n;
            String part = PARTS.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(stack::contains))
                .map(Map.Entry::getKey).findFirst().orElse("other");
            samples.merge(part, n, Long::sum);
        }
        double perSearch = cell.serviceCpuMillisPerRequest();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "The service's own CPU during %d s of the mix at "
            + "concurrency 8 (%.1f requests/s, %.2f ms of service CPU per search with the profiler attached), sampled by "
            + "async-profiler (%,d samples, stacks in %s):%n%n| part | share | ms per search |%n| --- | ---: | ---: |%n",
            duration.toSeconds(), cell.throughput(), perSearch, total, config.work().resolve("service-profile.collapsed")));
        for (Map.Entry<String, Long> part : samples.entrySet()) {
            double share = total == 0 ? 0 : part.getValue() / (double) total;
            md.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.3f |%n", part.getKey(), 100 * share, share * perSearch));
        }
        return md.toString();
    }
}
