package cn.changji.archive.meaning;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import cn.changji.archive.config.VectorsConfig;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.observability.ArchiveMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every article a vector, in the background: batch by batch, in id order, the articles that have none are read,
 * embedded and stored. The index itself is the progress (an article without a vector is still to do), so a restart
 * goes on where it stopped. It keeps out of the way: one thread, resting so as to take at most its share of a core,
 * and pausing whenever someone else writes articles (an import has the machine first; the articles it brings are
 * searchable by their words at once and get their vectors after).
 */
@ApplicationScoped
public class VectorFiller {
    private static final Logger LOG = Logger.getLogger(VectorFiller.class);
    private static final Duration UNAVAILABLE_PAUSE = Duration.ofSeconds(10);
    private static final long COUNT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /** What the background thread is doing. */
    public enum State { DISABLED, WAITING_FOR_INDEX, FILLING, PAUSED_FOR_IMPORT, UP_TO_DATE, UNAVAILABLE, FAILED }

    private final ArticleVectors vectors;
    private final TextEmbedder embedder;
    private final IndexBootstrap bootstrap;
    private final VectorsConfig config;
    private final ArchiveMetrics metrics;
    private volatile State state = State.DISABLED;
    private volatile String detail = "archive.vectors.enabled is false";
    private volatile long computed;
    private volatile double rate;
    private volatile boolean stopped;
    private Thread thread;

    VectorFiller(ArticleVectors vectors, TextEmbedder embedder, IndexBootstrap bootstrap, VectorsConfig config,
                 ArchiveMetrics metrics) {
        this.vectors = vectors;
        this.embedder = embedder;
        this.bootstrap = bootstrap;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        state(State.WAITING_FOR_INDEX, null);
        thread = new Thread(this::runUntilStopped, "vector-filler");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The background thread's state with the index's counts (read now). */
    public VectorProgress progress() throws IOException {
        ArticleVectors.Counts counts = vectors.counts();
        metrics.vectorsPending(counts.pending());
        return new VectorProgress(state.name().toLowerCase(), detail, counts.articles(), counts.withVector(), counts.pending(),
            computed, state == State.FILLING ? rate : 0, TextEmbedder.MODEL_NAME, VectorProgress.TEXT, embedder.loaded());
    }

    /**
     * Computes every missing vector in the foreground, at full speed (on every core) and without pausing for imports,
     * reporting progress; returns how many it stored. For the command line, and for an index imported before vectors
     * existed.
     */
    public long fillAll(Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        long stored = 0;
        long lastReport = 0;
        String after = null;
        long storedInPass = 0;
        while (true) {
            List<ArticleVectors.Pending> batch = vectors.pending(after, config.batchSize());
            if (batch.isEmpty()) {
                // the next pass, and the command's report, must not see this pass's articles as still without a vector
                vectors.refresh();
                if (after == null || storedInPass == 0) {
                    break; // nothing left, or only articles whose vectors Elasticsearch refused (logged)
                }
                after = null; // again from the first id: articles imported or changed behind the pass
                storedInPass = 0;
                continue;
            }
            int storedNow = embedAndStore(batch, true);
            stored += storedNow;
            storedInPass += storedNow;
            after = batch.get(batch.size() - 1).id();
            if (System.nanoTime() - lastReport > COUNT_EVERY_NANOS) {
                lastReport = System.nanoTime();
                ArticleVectors.Counts counts = vectors.counts();
                progress.accept(String.format("vectors: %d of %d articles have one, %.1f articles/s", counts.withVector(),
                    counts.articles(), stored / ((System.nanoTime() - start) / 1e9)));
            }
        }
        return stored;
    }

    private void runUntilStopped() {
        try {
            runInBackground();
        } catch (Throwable e) {
            state(State.FAILED, e.toString());
            LOG.error("Computing article vectors stopped for good in this process", e);
        }
    }

    private void runInBackground() {
        String after = null;
        long storedInPass = 0;
        long lastWrites = -1;
        long ownWrites = 0;
        long lastCount = 0;
        while (!stopped) {
            try {
                if (!bootstrap.isDone()) {
                    state(State.WAITING_FOR_INDEX, bootstrap.lastFailure());
                    rest(UNAVAILABLE_PAUSE);
                    continue;
                }
                long writes = vectors.writes();
                boolean othersWrote = lastWrites >= 0 && writes > lastWrites + ownWrites;
                lastWrites = writes;
                ownWrites = 0;
                if (othersWrote) {
                    state(State.PAUSED_FOR_IMPORT, "articles were written meanwhile; looking again in "
                        + config.importPause().toSeconds() + " s");
                    rest(config.importPause());
                    lastWrites = vectors.writes();
                    continue;
                }
                if (System.nanoTime() - lastCount > COUNT_EVERY_NANOS) {
                    lastCount = System.nanoTime();
                    metrics.vectorsPending(vectors.counts().pending());
                }
                List<ArticleVectors.Pending> batch = vectors.pending(after, config.batchSize());
                if (batch.isEmpty()) {
                    if (storedInPass > 0) {
                        vectors.refresh(); // the next pass must not read this one's articles as still without a vector
                    }
                    if (after == null || storedInPass == 0) {
                        // every article has a vector, or those left had theirs refused (logged): rest either way
                        state(State.UP_TO_DATE, null);
                        metrics.vectorsPending(vectors.counts().pending());
                        rest(config.idlePause());
                        lastWrites = vectors.writes();
                    }
                    after = null; // from the first id again: articles imported meanwhile, or changed behind the pass
                    storedInPass = 0;
                    continue;
                }
                state(State.FILLING, null);
                long start = System.nanoTime();
                int stored = embedAndStore(batch, false);
                ownWrites += stored;
                storedInPass += stored;
                long busy = System.nanoTime() - start;
                rate = batch.size() / (busy / 1e9);
                after = batch.get(batch.size() - 1).id();
                double share = Math.max(0.01, Math.min(1.0, config.cpuShare()));
                rest(Duration.ofNanos((long) (busy * (1 - share) / share)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IllegalStateException e) {
                if (embedder.failure() != null) {
                    state(State.FAILED, embedder.failure());
                    LOG.error(embedder.failure() + "; articles get no vectors in this process");
                    return;
                }
                unavailable(e);
            } catch (IOException | RuntimeException e) {
                unavailable(e);
            }
        }
    }

    private void unavailable(Exception e) {
        String why = ElasticsearchFailures.describe(e);
        state(State.UNAVAILABLE, why);
        LOG.warnf("Computing article vectors stopped for a while: %s; trying again in %d s", why, UNAVAILABLE_PAUSE.toSeconds());
        try {
            rest(UNAVAILABLE_PAUSE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Embeds the batch (on every core, or on this thread alone) and stores the vectors of articles not changed since. */
    private int embedAndStore(List<ArticleVectors.Pending> batch, boolean allCores) throws IOException {
        long start = System.nanoTime();
        List<String> texts = batch.stream().map(ArticleVectors.Pending::text).toList();
        List<float[]> computedVectors = allCores ? embedder.passagesOnAllCores(texts) : embedder.passages(texts);
        metrics.vectorsComputed(batch.size(), Duration.ofNanos(System.nanoTime() - start));
        int stored = vectors.store(batch, computedVectors);
        computed += stored;
        return stored;
    }

    private void state(State next, String why) {
        if (next != state) {
            LOG.infof("Article vectors: %s%s", next.name().toLowerCase().replace('_', ' '), why == null ? "" : " (" + why + ")");
        }
        state = next;
        detail = why;
    }

    private void rest(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }
}
