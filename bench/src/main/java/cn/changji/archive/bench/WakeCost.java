package cn.changji.archive.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * What waking up costs a server on this machine: the CPU the floor ({@link PassThrough}) uses per request for an empty
 * answer (GET /ping, no Elasticsearch), the requests sent back to back and then one every {@value #PAUSE_MILLIS} ms,
 * about what a search at concurrency 1 waits for Elasticsearch at a million articles. The difference is what the
 * kernel and the caches charge a thread that slept: every search at concurrency 1 pays it once, in any server.
 */
record WakeCost(double backToBackMillis, double pacedMillis) {
    static final int PAUSE_MILLIS = 20;

    static WakeCost measure(Config config, Duration backToBack, Duration paced) throws Exception {
        ProcessCpu floor = new ProcessCpu(config.floorPid());
        KeepAliveHttp.Request ping = KeepAliveHttp.Request.get(config.floor() + "/ping");
        try (KeepAliveHttp http = new KeepAliveHttp()) {
            perRequest(http, ping, floor, backToBack, 0); // warm-up
            return new WakeCost(perRequest(http, ping, floor, backToBack, 0), perRequest(http, ping, floor, paced, PAUSE_MILLIS));
        }
    }

    /** The floor's CPU milliseconds per request over {@code duration}, pausing {@code pauseMillis} after each answer. */
    private static double perRequest(KeepAliveHttp http, KeepAliveHttp.Request ping, ProcessCpu floor, Duration duration,
                                     int pauseMillis) throws Exception {
        long requests = 0;
        double before = floor.seconds();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            http.exchange(ping).ok();
            requests++;
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return (floor.seconds() - before) * 1000 / Math.max(1, requests);
    }

    String markdown() {
        return String.format(Locale.ROOT, "The price of a wake-up on this machine: the floor answering GET /ping (an empty "
            + "answer, no Elasticsearch) used %.3f ms of CPU per request back to back, and %.3f ms when each request came "
            + "%d ms after the last answer.%n", backToBackMillis, pacedMillis, PAUSE_MILLIS);
    }
}
