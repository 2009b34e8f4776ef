package cn.changji.archive.index;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/** Vert.x futures for callers that compose with Mutiny. */
public final class VertxFutures {
    private VertxFutures() {}

    /** A Uni that starts {@code start} when subscribed to (a future is under way once it exists) and ends as it does. */
    public static <T> Uni<T> uni(Supplier<Future<T>> start) {
        return Uni.createFrom().emitter(emitter -> start.get().onComplete(done -> {
            if (done.succeeded()) {
                emitter.complete(done.result());
            } else {
                emitter.fail(done.cause());
            }
        }));
    }
}
