package cn.changji.archive.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The service's warm-up before the search cells: the benchmark's load at concurrency 8, in rounds, until its JIT
 * compilers have settled. On two cores shared with Elasticsearch they take minutes: three minutes into this load
 * they were still compiling about 25 methods a second (0.4 CPU s per 20 s), which fell on the first cells.
 */
record ServiceWarmUp(Duration took, double compilerMillisPerSecond, boolean settled) {
    /** The smoke run's second of warm-up, in which the compilers are not watched. */
    private static final double NOT_WATCHED = Double.NaN;
    private static final Duration MINIMUM = Duration.ofSeconds(150);
    private static final Duration MAXIMUM = Duration.ofSeconds(600);
    private static final Duration ROUND = Duration.ofSeconds(30);
    /** Compiler CPU per second of load under which the JIT counts as settled. */
    private static final double SETTLED_MILLIS_PER_SECOND = 5;

    static ServiceWarmUp run(SearchBench search, ProcessCpu service, boolean smoke) throws Exception {
        if (smoke) {
            search.run(SearchBench.Way.SERVICE, 8, Duration.ofSeconds(1));
            return new ServiceWarmUp(Duration.ofSeconds(1), NOT_WATCHED, false);
        }
        Duration took = MINIMUM.minus(ROUND);
        search.run(SearchBench.Way.SERVICE, 8, took);
        double rate;
        do {
            double before = service.compilerSeconds();
            search.run(SearchBench.Way.SERVICE, 8, ROUND);
            took = took.plus(ROUND);
            // a compiler thread that ended takes its CPU time with it: never below zero
            rate = Math.max(0, service.compilerSeconds() - before) * 1000 / ROUND.toSeconds();
            System.err.printf(Locale.ROOT, "[bench] service warm-up: %d s, JIT compilers %.1f ms of CPU per second%n",
                took.toSeconds(), rate);
        } while (rate > SETTLED_MILLIS_PER_SECOND && took.compareTo(MAXIMUM) < 0);
        return new ServiceWarmUp(took, rate, rate <= SETTLED_MILLIS_PER_SECOND);
    }

    String describe() {
        if (Double.isNaN(compilerMillisPerSecond)) {
            return took.toSeconds() + " s";
        }
        return String.format(Locale.ROOT, "%d s; in its last %d s its compilers used %.1f ms of CPU per second%s",
            took.toSeconds(), ROUND.toSeconds(), compilerMillisPerSecond,
            settled ? "" : ", not yet under " + SETTLED_MILLIS_PER_SECOND + " when the warm-up's limit was reached");
    }
}
