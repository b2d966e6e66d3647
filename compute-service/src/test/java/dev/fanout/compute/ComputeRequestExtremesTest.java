package dev.fanout.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.compute.kernel.ClosedForm;
import dev.fanout.runtime.testing.ServedAppTest;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every field of a SumOfSquares request at its int32/int64 extremes, over gRPC, on both methods:
 * a bad one is INVALID_ARGUMENT with a message in words (never UNKNOWN or an exception's text),
 * and the extremes that are valid are computed.
 */
@QuarkusTest
class ComputeRequestExtremesTest extends ServedAppTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // start             | end                  | mode value  | parts       | the message says
            "9223372036854775807 | -9223372036854775808 | 1           | 0           | start (9223372036854775807) must not be greater than end (-9223372036854775808)",
            "1                   | 0                    | 1           | 0           | start (1) must not be greater than end (0)",
            "0                   | 10                   | 2           | -2147483648 | parts must be between 0 (the service chooses) and 4096, was -2147483648",
            "0                   | 10                   | 2           | 2147483647  | parts must be between 0 (the service chooses) and 4096, was 2147483647",
            "0                   | 10                   | 2           | -1          | was -1",
            "0                   | 10                   | 2           | 4097        | was 4097",
            "0                   | 10                   | 2147483647  | 0           | unknown mode number 2147483647",
            "0                   | 10                   | -2147483648 | 0           | unknown mode number -2147483648",
            "0                   | 10                   | -1          | 0           | unknown mode number -1"})
    void badFieldsAreInvalidInWordsOnBothMethods(long start, long end, int mode, int parts, String message) {
        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder().setStart(start).setEnd(end).setModeValue(mode)
                .setParts(parts).build();
        var stub = ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        invalid(message, assertThrows(StatusRuntimeException.class, () -> stub.sumOfSquares(request)));
        invalid(message, assertThrows(StatusRuntimeException.class, () -> stub.sumOfSquaresStream(request).forEachRemaining(event -> { })));
    }

    @Test
    void theValidExtremesAreComputed() {
        var stub = ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        assertEquals("0", stub.sumOfSquares(SumOfSquaresRequest.newBuilder().setStart(Long.MIN_VALUE)
                .setEnd(Long.MIN_VALUE).setModeValue(2).setParts(4096).build()).getSum());
        var top = stub.sumOfSquares(SumOfSquaresRequest.newBuilder().setStart(Long.MAX_VALUE - 10)
                .setEnd(Long.MAX_VALUE).setModeValue(2).setParts(4096).build());
        assertEquals(ClosedForm.sumOfSquares(Long.MAX_VALUE - 10, Long.MAX_VALUE).toString(), top.getSum());
        assertEquals(10, top.getPartsCount(), "never more parts than integers");
    }

    private static void invalid(String message, StatusRuntimeException error) {
        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode(), error::toString);
        String description = error.getStatus().getDescription();
        assertTrue(description.contains(message), description);
        assertFalse(description.contains("Exception") || description.contains("java."), description);
    }
}
