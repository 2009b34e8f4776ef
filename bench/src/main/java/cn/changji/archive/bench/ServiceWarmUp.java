package cn.changji.archive.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The service's warm-up before the search cells: the benchmark's load at concurrency 8, then rounds at each of the
 * cells' concurrencies in turn, until its JIT compilers have settled at every one of them. On two cores shared with
 * Elasticsearch they take minutes: three minutes into this load at 8 they were still compiling about 25 methods a
 * second (0.4 CPU s per 20 s), and the first 20 s at concurrency 1 after that used 0.3 ms of compiler CPU per search
 * (one request at a time takes other branches of the event loops than eight do); that fell on the first cells.
 */
record ServiceWarmUp(Duration took, double compilerMillisPerSecond, boolean settled) {
    /** The smoke run's second of warm-up, in which the compilers are not watched. */
    private static final double NOT_WATCHED = Double.NaN;
    private static final Duration MINIMUM = Duration.ofSeconds(150);
    private static final Duration MAXIMUM = Duration.ofSeconds(600);
    private static final Duration ROUND = Duration.ofSeconds(30);
    /** Compiler CPU per second of load under which the JIT counts as settled. */
    private static final double SETTLED_MILLIS_PER_SECOND = 5;

    /** {@code concurrencies}: those of the cells; {@code compilerMillisPerSecond} is the most of their last rounds. */
    static ServiceWarmUp run(SearchBench search, ProcessCpu service, List<Integer> concurrencies, boolean smoke)
        throws Exception {
        if (smoke) {
            search.run(SearchBench.Way.SERVICE, 8, Duration.ofSeconds(1));
            return new ServiceWarmUp(Duration.ofSeconds(1), NOT_WATCHED, false);
        }
        // at 8 for what the first rounds leave of the minimum (nothing when they fill it: a long --concurrency list)
        Duration took = MINIMUM.minus(ROUND.multipliedBy(concurrencies.size()));
        if (took.isNegative()) {
            took = Duration.ZERO;
        } else {
            search.run(SearchBench.Way.SERVICE, 8, took);
        }
        double worst;
        do {
            worst = 0;
            for (int concurrency : concurrencies) {
                double before = service.compilerSeconds();
                search.run(SearchBench.Way.SERVICE, concurrency, ROUND);
                took = took.plus(ROUND);
                // a compiler thread that ended takes its CPU time with it: never below zero
                double rate = Math.max(0, service.compilerSeconds() - before) * 1000 / ROUND.toSeconds();
                worst = Math.max(worst, rate);
                System.err.printf(Locale.ROOT, "[bench] service warm-up: %d s, at concurrency %d JIT compilers %.1f ms of "
                    + "CPU per second%n", took.toSeconds(), concurrency, rate);
            }
        } while (worst > SETTLED_MILLIS_PER_SECOND && took.compareTo(MAXIMUM) < 0);
        return new ServiceWarmUp(took, worst, worst <= SETTLED_MILLIS_PER_SECOND);
    }

    String describe() {
        if (Double.isNaN(compilerMillisPerSecond)) {
            return took.toSeconds() + " s";
        }
        return String.format(Locale.ROOT, "%d s; in its last %d s rounds at each concurrency its compilers used at most "
            + "%.1f ms of CPU per second%s", took.toSeconds(), ROUND.toSeconds(), compilerMillisPerSecond,
            settled ? "" : ", not yet under " + SETTLED_MILLIS_PER_SECOND + " when the warm-up's limit was reached");
    }
}
