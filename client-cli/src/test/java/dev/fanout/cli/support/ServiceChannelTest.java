package dev.fanout.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.quarkus.grpc.ExceptionHandlerProvider;
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

    @Test
    void aJavaExceptionsTextNeverReachesTheUser() {
        // What Quarkus's gRPC layer sends for an exception a service let through: "java.lang.IllegalArgumentException - ...".
        Status fromQuarkus = ExceptionHandlerProvider.toStatus(new IllegalArgumentException("Index 3 out of bounds for length 2"));
        assertEquals(Status.Code.INVALID_ARGUMENT, fromQuarkus.getCode());
        assertTrue(fromQuarkus.getDescription().startsWith("java.lang.IllegalArgumentException - "), fromQuarkus.getDescription());
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, new HostPort("127.0.0.1", 8082), new TlsOptions())) {
            CliFailure failure = channel.failure(fromQuarkus.asRuntimeException(), Duration.ofSeconds(5));
            assertEquals(ExitCodes.USAGE, failure.exitCode());
            assertEquals("fetcher service at 127.0.0.1:8082 rejected the request: no reason given in words (status INVALID_ARGUMENT); "
                    + "the service's log has the details", failure.getMessage());
            for (Status status : new Status[] { Status.UNKNOWN.withDescription("java.lang.NullPointerException: Cannot invoke \"x\""),
                    Status.INTERNAL.withDescription("NumberFormatException - For input string"), Status.UNKNOWN }) {
                String message = channel.failure(status.asRuntimeException(), Duration.ofSeconds(5)).getMessage();
                assertEquals("fetcher service at 127.0.0.1:8082 failed the call (" + status.getCode() + "): no reason given in words "
                        + "(status " + status.getCode() + "); the service's log has the details", message);
            }
        }
    }

    @Test
    void aServicesOwnWordsAreShownAsTheyAre() {
        String words = "concurrency 5000 is out of range: use 1 to 1000, or 0 for the default (100)";
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, new HostPort("127.0.0.1", 8082), new TlsOptions())) {
            assertEquals("fetcher service at 127.0.0.1:8082 rejected the request: " + words,
                    channel.failure(Status.INVALID_ARGUMENT.withDescription(words).asRuntimeException(), Duration.ofSeconds(5)).getMessage());
        }
    }
}
