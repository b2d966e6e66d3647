package dev.fanout.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceChannelTest {

    @Test
    void aPassedDeadlineSaysHowToRaiseIt() {
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            CliFailure failure = channel.failure(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 4.9s")
                    .asRuntimeException(), Duration.ofSeconds(5));
            assertEquals(ExitCodes.DEADLINE, failure.exitCode());
            assertEquals("compute service at 127.0.0.1:8081 did not finish within the deadline of 5s (raise it with --deadline)",
                    failure.getMessage());
        }
    }

    @Test
    void theServicesOwnTimeLimitIsReportedInItsWords() {
        String limit = "the call ran past this service's limit of 3600 s per call (fanout.compute.max-call-duration): "
                + "split the range into several calls, or set a deadline to stop sooner";
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            CliFailure failure = channel.failure(Status.DEADLINE_EXCEEDED.withDescription(limit).asRuntimeException(),
                    Duration.ofHours(2));
            assertEquals(ExitCodes.DEADLINE, failure.exitCode());
            assertEquals("compute service at 127.0.0.1:8081 stopped the call: " + limit, failure.getMessage());
        }
    }
}
