package cn.changji.archive.index;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import cn.changji.archive.failure.ArchiveException;

/**
 * Closed: calls go through and failures in a row are counted. Open (after {@code threshold} of them): calls are
 * refused at once with a 503 naming the wait, so a dead or stalled cluster does not hold a thread per caller for
 * the whole search timeout. Half-open (once {@code openFor} has passed): one call goes through as a trial; its
 * success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {
    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int threshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failuresInARow;
    private long openedAt;
    private long opened;

    public CircuitBreaker(String name, int threshold, Duration openFor, LongSupplier nanoClock) {
        this.name = name;
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Lets a call through, or refuses it with a 503 saying when to try again. */
    public synchronized void beforeCall() {
        if (threshold <= 0 || state == State.CLOSED) {
            return;
        }
        long waited = nanoClock.getAsLong() - openedAt;
        if (state == State.OPEN && waited >= openForNanos) {
            state = State.HALF_OPEN; // this call is the trial
            LOG.infof("%s: circuit half-open, trying one call", name);
            return;
        }
        long secondsLeft = Math.max(1, (openForNanos - waited + 999_999_999L) / 1_000_000_000L);
        throw ArchiveException.unavailable(name + " failed " + threshold + " times in a row; requests are paused for "
            + secondsLeft + " s to let it recover.", secondsLeft);
    }

    public synchronized void succeeded() {
        if (state != State.CLOSED) {
            LOG.infof("%s: circuit closed, calls go through again", name);
        }
        state = State.CLOSED;
        failuresInARow = 0;
    }

    public synchronized void failed() {
        failuresInARow++;
        if (threshold > 0 && (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= threshold))) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            opened++;
            LOG.warnf("%s: circuit open after %d failure(s) in a row; refusing calls for %d ms", name, failuresInARow,
                openForNanos / 1_000_000);
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How many times the breaker has opened. */
    public synchronized long timesOpened() {
        return opened;
    }
}
