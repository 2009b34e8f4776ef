package cn.changji.archive.bench;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-rate search load on the service, open loop: each request leaves on schedule whether or not the earlier
 * ones have answered, so a slow service shows as latency rather than as a politely lower rate. The query mix is
 * the benchmark's first pages (no cursor walks, whose points in time would pile up for minutes).
 *
 * <pre>LoadRun --service=URL --rate=50 --seconds=600 [--log=FILE]</pre>
 *
 * Prints one Markdown table row; with --log, one line per request (sent at, epoch ms; status or refused/error;
 * milliseconds). Exit status 0 when no request got a 5xx or failed, 1 otherwise.
 */
public final class LoadRun {
    private static final int MAX_IN_FLIGHT = 1000;

    private record Outcome(long sentAtEpochMillis, String status, long micros) {}

    private LoadRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>(Map.of("service", "http://127.0.0.1:8080", "rate", "50", "seconds", "60"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        double rate = Double.parseDouble(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        List<String> urls = SearchBench.mix().stream().filter(q -> q.cursorPages() == 0)
            .map(q -> options.get("service") + SearchBench.searchPath(q.params())).toList();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong dropped = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long total = Math.round(rate * seconds);
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                dropped.incrementAndGet(); // the service is so far behind that the load generator would drown
                return;
            }
            inFlight.incrementAndGet();
            long sentAt = System.currentTimeMillis();
            long t0 = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get((int) (n % urls.size()))))
                .timeout(Duration.ofSeconds(30)).GET().build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long micros = (System.nanoTime() - t0) / 1000;
                String status = response != null ? String.valueOf(response.statusCode())
                    : isRefused(failure) ? "refused" : "error";
                outcomes.add(new Outcome(sentAt, status, micros));
                inFlight.decrementAndGet();
            });
        }, 0, Math.max(1, Math.round(1e9 / rate)), TimeUnit.NANOSECONDS);

        long nextReport = 60;
        while (sent.get() < total) {
            Thread.sleep(200);
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (elapsed >= nextReport) {
                System.err.printf(Locale.ROOT, "[load] %d s: %d sent, %d answered, %d in flight%n", elapsed,
                    Math.min(sent.get(), total), outcomes.size(), inFlight.get());
                nextReport += 60;
            }
        }
        clock.shutdown();
        long drainUntil = System.nanoTime() + Duration.ofSeconds(35).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        double wall = (System.nanoTime() - start) / 1e9;

        List<Outcome> all = List.copyOf(outcomes);
        Map<String, Integer> statuses = new TreeMap<>();
        all.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        long[] micros = all.stream().filter(o -> o.status().startsWith("2")).mapToLong(Outcome::micros).sorted().toArray();
        long fiveHundreds = all.stream().filter(o -> o.status().startsWith("5")).count();
        long failed = all.stream().filter(o -> !Character.isDigit(o.status().charAt(0))).count();
        System.out.println(HEADER);
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| %.0f/s | %d s | %d | %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", rate,
            seconds, all.size(), statuses, fiveHundreds, failed + inFlight.get(), dropped.get(),
            all.size() / wall, SearchBench.percentileMillis(micros, 0.50), SearchBench.percentileMillis(micros, 0.99), micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
        if (options.containsKey("log")) {
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of(options.get("log"))))) {
                all.forEach(o -> log.printf(Locale.ROOT, "%d %s %.1f%n", o.sentAtEpochMillis(), o.status(), o.micros() / 1000.0));
            }
        }
        System.exit(fiveHundreds == 0 && failed == 0 && inFlight.get() == 0 && dropped.get() == 0 ? 0 : 1);
    }

    /** The header of the row main prints. */
    static final String HEADER = "| rate | duration | answered | statuses | 5xx | failed | dropped | answered/s | p50 ms | p99 ms | max ms |";

    private static boolean isRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
