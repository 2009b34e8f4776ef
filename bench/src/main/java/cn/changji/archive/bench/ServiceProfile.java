package cn.changji.archive.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Where the service's own CPU goes during searches, beside the floor's: async-profiler (from Maven Central) attached to
 * the running process, sampling its CPU time while the mix runs through it, the samples sorted into the parts of a
 * search by the frames on their stacks.
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
        parts.put("reading Elasticsearch's facet buckets into ours (MsearchReading.FacetsWriter)",
            List.of("MsearchReading$FacetsWriter"));
        parts.put("reading the rest of Elasticsearch's answer into ours: hits, snippets, totals (MsearchReading, "
            + "ArticleSearch.answer)", List.of("MsearchReading", "ArticleSearch.answer"));
        parts.put("building the request (SearchRequestBody)", List.of("SearchRequestBody"));
        // the service and the floor write their answers from the HTTP client's callback: ahead of the client, which is
        // on their stacks
        parts.put("writing the answer to the client (Vert.x's response end, SearchRoute; RESTEasy Reactive on the "
            + "resource's way)", List.of("ResponseWriterHandler", "SearchRoute.lambda", "Http1xServerResponse.end"));
        parts.put("HTTP client to Elasticsearch (Vert.x, ElasticsearchHttp: sending, reading the answer's bytes)",
            List.of("ElasticsearchHttp", "Http1xClientConnection", "HttpClientImpl", "HttpClientResponseImpl"));
        parts.put("parameters and their validation (SearchRoute, SearchRequest; Hibernate Validator on the resource's way)",
            List.of("hibernate/validator", "SearchRequest.params", "SearchRoute.plainSearch"));
        parts.put("worker threads (blocking endpoints; synonyms re-read)", List.of("EnhancedQueueExecutor"));
        parts.put("HTTP server: I/O, waiting for it and the rest of the request on the event loop (Vert.x, Netty: "
            + "routing, filters, metrics)", List.of("NioEventLoop.run", "EpollEventLoop.run"));
        return parts;
    }

    /**
     * The profile of the service, and of the floor beside it when the run has one, at the run's first two
     * concurrencies (1 and 8): the parts of a search side by side, so that what the service adds to what any server on
     * its stack pays shows part by part, where its CPU per search is highest (concurrency 1) and where it is low.
     */
    String markdown(SearchBench search, Duration duration) throws Exception {
        Path library = config.work().resolve("libasyncProfiler.so");
        try (InputStream in = ServiceProfile.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            Files.createDirectories(library.getParent());
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Integer> concurrencies = config.concurrency().subList(0, Math.min(2, config.concurrency().size()));
        List<Profile> profiles = new ArrayList<>();
        for (int concurrency : concurrencies) {
            profiles.add(profile(library, search, SearchBench.Way.SERVICE, config.servicePid(), concurrency, duration));
            if (config.floor() != null) {
                profiles.add(profile(library, search, SearchBench.Way.FLOOR, config.floorPid(), concurrency, duration));
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "CPU per search by part: the service's%s during "
            + "%d s of the mix at each concurrency, sampled by async-profiler (all threads, its %s event; stacks in %s), "
            + "each part's share of the samples times the process's CPU per search in that run (with the profiler "
            + "attached: higher than in the cells above, by as much as half at concurrency 1).%n%n| part |",
            config.floor() == null ? "" : " and the floor's (the same URLs through the bare pass-through, whose stacks "
                + "sort into the same parts: it has its HTTP server and client and nothing of the rest)",
            duration.toSeconds(), profiles.get(0).event(), config.work().resolve("profile-<way>-<concurrency>.collapsed")));
        profiles.forEach(p -> md.append(String.format(Locale.ROOT, " %s at %d |", p.cell().way().name().toLowerCase(Locale.ROOT),
            p.cell().concurrency())));
        md.append("\n| --- |").append(" ---: |".repeat(profiles.size())).append('\n');
        List<String> parts = new ArrayList<>(PARTS.keySet());
        parts.add("other");
        for (String part : parts) {
            md.append("| ").append(part).append(" |");
            profiles.forEach(p -> md.append(String.format(Locale.ROOT, " %.3f |", p.millisPerSearch(part))));
            md.append('\n');
        }
        md.append("| **all** (CPU ms per search; requests/s) |");
        profiles.forEach(p -> md.append(String.format(Locale.ROOT, " **%.3f** (%.1f/s) |", p.cell().serviceCpuMillisPerRequest(),
            p.cell().throughput())));
        md.append("\n| samples |");
        profiles.forEach(p -> md.append(String.format(Locale.ROOT, " %,d |", p.total())));
        return md.append('\n').toString();
    }

    /** One way's cell of the mix with async-profiler attached to the process answering it. */
    private Profile profile(Path library, SearchBench search, SearchBench.Way way, long pid, int concurrency,
                            Duration duration) throws Exception {
        Path stacks = config.work().resolve(String.format(Locale.ROOT, "profile-%s-%d.collapsed",
            way.name().toLowerCase(Locale.ROOT), concurrency)).toAbsolutePath();
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String event;
        SearchBench.Cell cell;
        try {
            event = start(vm, library);
            cell = search.run(way, concurrency, duration);
            vm.loadAgentPath(library.toAbsolutePath().toString(), "stop,collapsed,file=" + stacks);
        } finally {
            vm.detach();
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stacks)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String stack = line.substring(0, space);
            long n = Long.parseLong(line.substring(space + 1).strip());
            String part = PARTS.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(stack::contains))
                .map(Map.Entry::getKey).findFirst().orElse("other");
            samples.merge(part, n, Long::sum);
        }
        return new Profile(cell, event, samples);
    }

    /**
     * Starts sampling: on the CPU clock of perf_events every 200 µs where the kernel lets us (at concurrency 1 a search
     * costs well under a millisecond), else on the interval timer, whose ticks are the kernel's (10 ms at HZ=100).
     */
    private static String start(VirtualMachine vm, Path library) throws Exception {
        try {
            vm.loadAgentPath(library.toAbsolutePath().toString(), "start,event=cpu,interval=200us");
            return "cpu";
        } catch (AgentInitializationException perfEventsRefused) {
            vm.loadAgentPath(library.toAbsolutePath().toString(), "start,event=itimer,interval=1ms");
            return "itimer";
        }
    }

    private record Profile(SearchBench.Cell cell, String event, Map<String, Long> samples) {
        long total() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }

        double millisPerSearch(String part) {
            long total = total();
            return total == 0 ? 0 : samples.getOrDefault(part, 0L) / (double) total * cell.serviceCpuMillisPerRequest();
        }
    }
}
