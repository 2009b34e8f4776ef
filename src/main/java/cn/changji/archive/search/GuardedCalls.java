package cn.changji.archive.search;

import java.io.IOException;
import java.util.function.Supplier;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.VertxFutures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * Calls to Elasticsearch made through the circuit breaker: an open breaker refuses a call before it is made, and only
 * a cluster that is down, stalled or overloaded counts against it (an answer, or Elasticsearch refusing a bad request,
 * is no sign of a sick cluster).
 */
final class GuardedCalls {
    interface Call<T> {
        T run() throws IOException;
    }

    private final CircuitBreaker breaker;

    GuardedCalls(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    <T> T blocking(Call<T> call) throws IOException {
        breaker.beforeCall();
        try {
            T result = call.run();
            counted(null);
            return result;
        } catch (IOException | RuntimeException e) {
            counted(e);
            throw e;
        }
    }

    /** A call that answers later, made when the Uni is subscribed to. */
    <T> Uni<T> async(Supplier<Future<T>> call) {
        return VertxFutures.uni(() -> now(call));
    }

    /** A call that answers later, made at once. */
    <T> Future<T> now(Supplier<Future<T>> call) {
        try {
            breaker.beforeCall();
            return call.get().andThen(done -> counted(done.cause()));
        } catch (RuntimeException failed) { // the breaker refused the call, or it could not be made
            return Future.failedFuture(failed);
        }
    }

    private void counted(Throwable failure) {
        if (failure != null && isClusterFailure(failure)) {
            breaker.failed();
        } else {
            breaker.succeeded();
        }
    }

    private static boolean isClusterFailure(Throwable e) {
        return e instanceof ArchiveException failure ? failure.kind() == ArchiveException.Kind.UNAVAILABLE
            : ElasticsearchFailures.isClusterFailure(e);
    }
}
