package dev.fanout.fetcher.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FetchRequestValidatorTest {

    private final FetchRequestValidator validator =
            new FetchRequestValidator(3, 50, 10, Duration.ofSeconds(10), Duration.ofSeconds(60), false);

    private static FetchRequest.Builder request(int urls) {
        FetchRequest.Builder request = FetchRequest.newBuilder();
        for (int i = 0; i < urls; i++) {
            request.addUrls("http://example.com/" + i);
        }
        return request;
    }

    @Test
    void defaultsAreResolved() {
        FetchPlan plan = validator.validate(request(2).build(), Optional.empty());
        assertEquals(FetchMode.FETCH_MODE_REACTIVE, plan.mode());
        assertEquals(10, plan.concurrency());
        assertEquals(Duration.ofSeconds(10), plan.timeout());
    }

    @Test
    void sequentialAlwaysRunsOneAtATime() {
        assertEquals(1, validator.validate(request(2).setMode(FetchMode.FETCH_MODE_SEQUENTIAL).setConcurrency(40).build(),
                Optional.empty()).concurrency());
    }

    @Test
    void limitsAreInclusive() {
        FetchPlan plan = validator.validate(request(3).setConcurrency(50)
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60)).build(), Optional.empty());
        assertEquals(50, plan.concurrency());
        assertEquals(Duration.ofSeconds(60), plan.timeout());
    }

    @Test
    void outOfRangeIsInvalidArgument() {
        invalid(request(0).build());
        invalid(request(4).build());
        invalid(request(1).setConcurrency(51).build());
        invalid(request(1).setConcurrency(-3).build());
        invalid(request(1).setTimeout(com.google.protobuf.Duration.newBuilder().setNanos(-1)).build());
        invalid(request(1).setTimeout(com.google.protobuf.Duration.newBuilder().setNanos(999_999)).build());
        invalid(request(1).setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(Long.MAX_VALUE).setNanos(999_999_999)).build());
        invalid(request(1).setModeValue(99).build());
    }

    @Test
    void podsWithoutPeersIsAFailedPrecondition() {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> validator.validate(request(1).setMode(FetchMode.FETCH_MODE_PODS).build(), Optional.empty()));
        assertEquals(Status.Code.FAILED_PRECONDITION, error.getStatus().getCode());
    }

    private void invalid(FetchRequest request) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> validator.validate(request, Optional.empty()));
        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
    }
}
