package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cn.changji.archive.failure.ArchiveException;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("test cluster", 3, Duration.ofSeconds(5), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARowOnly() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded(); // a success in between starts the count again
        breaker.failed();
        breaker.failed();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.beforeCall();
        breaker.failed();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        ArchiveException refused = assertThrows(ArchiveException.class, breaker::beforeCall);
        assertEquals(ArchiveException.Kind.UNAVAILABLE, refused.kind()); // a 503 with Retry-After on the web
        assertEquals(5L, refused.retryAfterSeconds());
        advance(Duration.ofMillis(3500));
        assertEquals(2L, assertThrows(ArchiveException.class, breaker::beforeCall).retryAfterSeconds());
    }

    @Test
    void letsOneTrialThroughAfterTheWaitAndClosesOnItsSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        advance(Duration.ofSeconds(5));
        breaker.beforeCall(); // the trial
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertThrows(ArchiveException.class, breaker::beforeCall, "only one trial at a time");
        breaker.succeeded();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.beforeCall();
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void aFailedTrialOpensItAgainForTheWholeWait() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        advance(Duration.ofSeconds(6));
        breaker.beforeCall();
        breaker.failed();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(5L, assertThrows(ArchiveException.class, breaker::beforeCall).retryAfterSeconds());
        assertEquals(2, breaker.timesOpened());
    }

    @Test
    void zeroTurnsItOff() {
        CircuitBreaker off = new CircuitBreaker("off", 0, Duration.ofSeconds(5), now::get);
        for (int i = 0; i < 100; i++) {
            off.failed();
        }
        off.beforeCall();
        assertEquals(CircuitBreaker.State.CLOSED, off.state());
    }
}
