package dev.fanout.runtime.calls;

import io.grpc.Status;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps cancelled and expired calls out of the error log. When a call ends at its deadline, its
 * worker or peer calls end with the same deadline at the same moment; Mutiny keeps the first
 * failure and hands the others, which no one waits for any more, to its dropped-exception handler,
 * which Quarkus logs as an ERROR with a stack trace. Those are logged at DEBUG here; any other
 * dropped exception is still an ERROR, as before.
 */
@Singleton
public class QuietCancellations {

    private static final Logger LOG = Logger.getLogger(QuietCancellations.class);
    private static final Set<Status.Code> CALL_ENDED = Set.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED);

    void install(@Observes StartupEvent started) {
        Infrastructure.setDroppedExceptionHandler(QuietCancellations::dropped);
    }

    static void dropped(Throwable failure) {
        if (CALL_ENDED.contains(Status.fromThrowable(failure).getCode())) {
            LOG.debugf("after its call had ended: %s", failure);
        } else {
            LOG.error("Mutiny had to drop the following exception", failure);
        }
    }
}
