package cn.changji.archive.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Lets a command-line import end cleanly when the process is asked to stop (SIGTERM from Kubernetes, Ctrl-C): the
 * shutdown waits, before the Elasticsearch client is closed, until the file under way is indexed (its ingester
 * drained) and the report and the dead-letter file are written; the files after it are left for the next run.
 */
@Singleton
public class ImportShutdown {
    private static final Logger LOG = Logger.getLogger(ImportShutdown.class);
    /** Longest wait for the file under way; a Kubernetes Job should allow this much terminationGracePeriodSeconds. */
    static final Duration DRAIN = Duration.ofMinutes(2);

    private volatile boolean stopping;
    private volatile CountDownLatch running;

    void started() {
        running = new CountDownLatch(1);
    }

    void finished() {
        CountDownLatch latch = running;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** True once a stop was asked for: take no further file. */
    boolean stopping() {
        return stopping;
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        CountDownLatch latch = running;
        if (latch == null || latch.getCount() == 0) {
            return;
        }
        stopping = true;
        LOG.info("Stop asked for: finishing the file under way, then the report and the dead-letter file");
        if (!latch.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("The import did not finish within %s of the stop; shutting down anyway", DRAIN);
        }
    }
}
