package dev.fanout.runtime.calls;

import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A call's deadline as java.time, so plans and strategies carry no io.grpc types; converted back
 * only where a call to a peer is made.
 */
public final class CallDeadlines {

    private CallDeadlines() {
    }

    /**
     * The deadline the caller set on the call of {@code context}, if it did and it comes before the
     * service's cap; what a service passes on to its peers. The cap is the service's own: at the cap
     * it cancels its peer calls itself.
     */
    public static Optional<Instant> callers(Context context) {
        return Optional.ofNullable(context.getDeadline())
                .filter(deadline -> CallTimeCap.of(context).isEmpty())
                .map(deadline -> Instant.now().plusNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }

    /** Options for a peer call that ends with {@code deadline}; none when it is empty. */
    public static CallOptions options(Optional<Instant> deadline) {
        return CallOptions.DEFAULT.withDeadline(deadline.map(CallDeadlines::toGrpc).orElse(null));
    }

    static Deadline toGrpc(Instant at) {
        java.time.Duration left = java.time.Duration.between(Instant.now(), at);
        // Deadline saturates at about 292 years itself; toNanos() would overflow before it.
        long nanos = left.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : left.toNanos();
        return Deadline.after(nanos, TimeUnit.NANOSECONDS);
    }
}
