package dev.fanout.runtime.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words a person reads when a part gives up: decided on the status code and the cause's type. */
class PartFailureTest {

    private static String last(Status status) {
        return new PartFailure(3, List.of("127.0.10.11:8081", "127.0.10.12:8081"), status).describe("worker");
    }

    @Test
    void theTriesTheWorkersAndTheLastFailureInWords() {
        assertEquals("3 tries on workers 127.0.10.11:8081, 127.0.10.12:8081 failed; the last: worker unreachable"
                + " (connection refused)", last(Status.UNAVAILABLE.withDescription("io exception")
                        .withCause(new ConnectException("Connection refused: /127.0.10.12:8081"))));
        assertEquals("1 try on peer 10.0.0.1:8080 failed; the last: peer unreachable (connection lost)",
                new PartFailure(1, List.of("10.0.0.1:8080"), Status.UNAVAILABLE.withCause(new IOException("Connection reset")))
                        .describe("peer"));
        assertEquals("2 tries found no worker to run on", new PartFailure(2, List.of(), Status.UNAVAILABLE).describe("worker"));
    }

    @Test
    void eachCodeHasItsWordsAndNoJavaText() {
        assertEquals("worker unreachable", PartFailure.inWords(Status.UNAVAILABLE.withDescription("Status{code=x}"), "worker"));
        assertEquals("the worker was overloaded", PartFailure.inWords(Status.RESOURCE_EXHAUSTED, "worker"));
        assertEquals("the worker failed with an internal error",
                PartFailure.inWords(Status.INTERNAL.withDescription("java.lang.NullPointerException"), "worker"));
        assertEquals("the worker does not serve this call (another version?)", PartFailure.inWords(Status.UNIMPLEMENTED, "worker"));
        assertEquals("the peer refused it: concurrency must be 1 to 1000",
                PartFailure.inWords(Status.INVALID_ARGUMENT.withDescription("concurrency must be 1 to 1000"), "peer"));
        assertEquals("the worker refused this service's credentials", PartFailure.inWords(Status.UNAUTHENTICATED, "worker"));
    }
}
