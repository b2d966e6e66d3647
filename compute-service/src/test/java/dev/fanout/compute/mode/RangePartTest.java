package dev.fanout.compute.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.compute.kernel.Range;
import dev.fanout.runtime.pods.PartFailure;
import dev.fanout.runtime.pods.PodsTarget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a caller reads when no worker could compute a part: the part, the workers, the cause in words, what to do. */
class RangePartTest {

    @Test
    void aPartNoWorkerCouldComputeFailsTheCallSayingWhyAndWhatToDo() {
        PodsStrategy.RangePart part = new PodsStrategy.RangePart(new Range(5_000_000_000L, 5_250_000_000L),
                PodsTarget.parse("dns:///compute-workers:8081"));
        assertEquals("[5000000000, 5250000000)", part.describe());
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> part.giveUp(new PartFailure(3,
                List.of("127.0.10.11:8081", "127.0.10.12:8081"),
                Status.UNAVAILABLE.withDescription("io exception").withCause(new ConnectException("Connection refused")))));
        assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
        assertEquals("part [5000000000, 5250000000) could not be computed: 3 tries on workers 127.0.10.11:8081,"
                + " 127.0.10.12:8081 failed; the last: worker unreachable (connection refused)."
                + " Check the worker pods behind dns:///compute-workers:8081, or retry.", failure.getStatus().getDescription());
    }
}
