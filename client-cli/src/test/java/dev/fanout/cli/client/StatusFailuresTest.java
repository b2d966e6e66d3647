package dev.fanout.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;

import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.options.HostPort;
import dev.fanout.cli.options.TlsOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.ExceptionHandlerProvider;

class StatusFailuresTest {

    @Test
    void aPassedDeadlineSaysHowToRaiseIt() {
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            CallFailure failure = channel.failures().of(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 4.9s")
                    .asRuntimeException(), Duration.ofSeconds(5));
            assertEquals(ExitCodes.DEADLINE, failure.exitCode());
            assertEquals("compute service at 127.0.0.1:8081 did not finish within the deadline of 5s (raise it with --deadline)",
                    failure.getMessage());
        }
    }

    @Test
    void aBusyServiceIsUnavailableWithItsOwnWords() {
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, new HostPort("127.0.0.1", 8082), new TlsOptions())) {
            CallFailure failure = channel.failures().of(Status.RESOURCE_EXHAUSTED.withDescription(
                    "busy: all 500 downloads (fanout.fetcher.admission.downloads) are taken").asRuntimeException(),
                    Duration.ofSeconds(5));
            assertEquals(ExitCodes.UNAVAILABLE, failure.exitCode());
            assertEquals("fetcher service at 127.0.0.1:8082 is busy and refused the call: busy: all 500 downloads"
                    + " (fanout.fetcher.admission.downloads) are taken", failure.getMessage());
        }
    }

    /** DEADLINE_EXCEEDED as a service answers when it ends a call at its own cap: an ErrorInfo in the status details. */
    private static StatusRuntimeException capped(String description, String reason, String domain) {
        ErrorInfo cap = ErrorInfo.newBuilder().setReason(reason).setDomain(domain)
                .putMetadata("limit", "1h").putMetadata("setting", "fanout.compute.max-call-duration").build();
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(Status.Code.DEADLINE_EXCEEDED.value())
                .addDetails(Any.pack(cap));
        if (description != null) {
            status.setMessage(description);
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    @Test
    void theServicesOwnTimeCapIsToldByItsErrorInfoAndReportedInItsWords() {
        String limit = "the call ran past this service's limit of 1h per call (fanout.compute.max-call-duration): "
                + "split the range into several calls, or set a deadline to stop sooner";
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            CallFailure failure = channel.failures().of(capped(limit, "CALL_TIME_CAP", "fanout.dev"), Duration.ofHours(2));
            assertEquals(ExitCodes.DEADLINE, failure.exitCode());
            assertEquals("compute service at 127.0.0.1:8081 stopped the call: " + limit, failure.getMessage());
            // Without words, the ErrorInfo's limit and setting say it.
            assertEquals("compute service at 127.0.0.1:8081 stopped the call: the call ran past this service's limit of 1h per call "
                    + "(fanout.compute.max-call-duration)", channel.failures().of(capped(null, "CALL_TIME_CAP", "fanout.dev"), Duration.ofHours(2))
                    .getMessage());
        }
    }

    @Test
    void theMessageTextAloneDoesNotMakeACap() {
        String deadline = "compute service at 127.0.0.1:8081 did not finish within the deadline of 5s (raise it with --deadline)";
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            // The old way to tell a cap: its setting's name in the text. Not without the ErrorInfo.
            assertEquals(deadline, channel.failures().of(Status.DEADLINE_EXCEEDED.withDescription("limit (fanout.compute.max-call-duration)")
                    .asRuntimeException(), Duration.ofSeconds(5)).getMessage());
            // Another reason, or another domain's CALL_TIME_CAP, is not this one.
            assertEquals(deadline, channel.failures().of(capped("x", "RATE_LIMITED", "fanout.dev"), Duration.ofSeconds(5)).getMessage());
            assertEquals(deadline, channel.failures().of(capped("x", "CALL_TIME_CAP", "example.com"), Duration.ofSeconds(5)).getMessage());
        }
    }

    @Test
    void aJavaExceptionsTextNeverReachesTheUser() {
        // What Quarkus's gRPC layer sends for an exception a service let through: "java.lang.IllegalArgumentException - ...".
        Status fromQuarkus = ExceptionHandlerProvider.toStatus(new IllegalArgumentException("Index 3 out of bounds for length 2"));
        assertEquals(Status.Code.INVALID_ARGUMENT, fromQuarkus.getCode());
        assertTrue(fromQuarkus.getDescription().startsWith("java.lang.IllegalArgumentException - "), fromQuarkus.getDescription());
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, new HostPort("127.0.0.1", 8082), new TlsOptions())) {
            CallFailure failure = channel.failures().of(fromQuarkus.asRuntimeException(), Duration.ofSeconds(5));
            assertEquals(ExitCodes.USAGE, failure.exitCode());
            assertEquals("fetcher service at 127.0.0.1:8082 rejected the request: no reason given in words (status INVALID_ARGUMENT); "
                    + "the service's log has the details", failure.getMessage());
            for (Status status : new Status[] { Status.UNKNOWN.withDescription("java.lang.NullPointerException: Cannot invoke \"x\""),
                    Status.INTERNAL.withDescription("NumberFormatException - For input string"), Status.UNKNOWN }) {
                String message = channel.failures().of(status.asRuntimeException(), Duration.ofSeconds(5)).getMessage();
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
                    channel.failures().of(Status.INVALID_ARGUMENT.withDescription(words).asRuntimeException(), Duration.ofSeconds(5)).getMessage());
        }
    }

    @Test
    void onlyTheServiceSayingAModeCannotRunMakesItSkippable() {
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, new HostPort("127.0.0.1", 8081), new TlsOptions())) {
            CallFailure noWorkers = channel.failures().of(Status.FAILED_PRECONDITION.withDescription("no worker pods configured")
                    .asRuntimeException(), Duration.ofSeconds(5));
            assertEquals(ExitCodes.UNAVAILABLE, noWorkers.exitCode());
            assertTrue(noWorkers.modeUnavailable());
            assertEquals("no worker pods configured", noWorkers.reason());
            assertFalse(channel.failures().of(Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException(), Duration.ofSeconds(5))
                    .modeUnavailable());
            // UNAVAILABLE counts only while the connection is up: this channel never connected.
            assertFalse(channel.failures().of(Status.UNAVAILABLE.withDescription("Connection refused").asRuntimeException(), Duration.ofSeconds(5))
                    .modeUnavailable());
        }
    }
}
