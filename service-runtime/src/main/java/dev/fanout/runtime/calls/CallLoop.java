package dev.fanout.runtime.calls;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Emits a call's answers on the event loop that owns its HTTP/2 stream, where the caller's reset is
 * handled too.
 *
 * <p>Why: work finishes on other threads (kernels, downloads, worker calls). CallContexts drops what
 * a call writes once its caller has reset it (the Vert.x bridge would pass such a write on, and Netty
 * would tear down the whole connection); that check only holds when the write and the reset run on
 * one thread, in turn. It also batches: a burst of answers is written in one turn of the loop instead
 * of one wake-up each.
 */
public final class CallLoop {

    /** Answers queued for the loop before upstream waits; far more than one turn of the loop produces. */
    private static final int EMIT_BUFFER = 1024;

    private CallLoop() {
    }

    /**
     * {@code answers} emitted on the calling thread's Vert.x context (the call's, when a gRPC service
     * method calls this), the stream's failure after every answer before it; unchanged off Vert.x.
     */
    public static <T> Multi<T> emitOnCallsLoop(Multi<T> answers) {
        io.vertx.core.Context call = Vertx.currentContext();
        return call == null ? answers : inOrder(answers, task -> call.runOnContext(ignored -> task.run()));
    }

    /**
     * emitOn alone hands a failure on at once and drops the answers still queued: at the time cap, the
     * summary and the last results would be lost.
     */
    private static <T> Multi<T> inOrder(Multi<T> answers, Executor loop) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return answers.onFailure().invoke(failure::set).onFailure().recoverWithCompletion()
                .emitOn(loop, EMIT_BUFFER)
                .onCompletion().switchTo(() -> failure.get() == null ? Multi.createFrom().empty()
                        : Multi.createFrom().failure(failure.get()));
    }
}
