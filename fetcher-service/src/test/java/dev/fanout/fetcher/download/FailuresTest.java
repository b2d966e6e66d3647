package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchError;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Failures are classified by their types, never by class names or message text. */
class FailuresTest {

    private static FetchTarget target() throws FetchFailure {
        return FetchTarget.parse("http://127.0.0.1:9/");
    }

    @Test
    void nettysConnectTimeoutIsATimeoutThoughItIsAConnectException() throws FetchFailure {
        FetchFailure failure = Failures.classify(new io.netty.channel.ConnectTimeoutException(
                "connection timed out after 5000 ms: /127.0.0.1:9"), target());
        assertEquals(FetchError.FETCH_ERROR_CONNECT, failure.error());
        assertEquals("connecting to 127.0.0.1:9 timed out", failure.getMessage());
    }

    @Test
    void aSubclassOfHttpClientsConnectTimeoutIsOneToo() throws FetchFailure {
        FetchFailure failure = Failures.classify(new org.apache.hc.client5.http.ConnectTimeoutException("late") {
        }, target());
        assertEquals(FetchError.FETCH_ERROR_CONNECT, failure.error());
        assertEquals("connecting to 127.0.0.1:9 timed out", failure.getMessage());
    }

    @Test
    void aRefusedConnectionSaysWhy() throws FetchFailure {
        FetchFailure failure = Failures.classify(new ConnectException("Connection refused"), target());
        assertEquals(FetchError.FETCH_ERROR_CONNECT, failure.error());
        assertEquals("cannot connect to 127.0.0.1:9: Connection refused", failure.getMessage());
        assertTrue(failure.isTransient());
    }

    @Test
    void aFailureWithoutAMessageIsToldInWordsNotByItsClassName() throws FetchFailure {
        assertEquals("connection to 127.0.0.1:9 failed: the connection was closed",
                Failures.classify(new java.nio.channels.ClosedChannelException(), target()).getMessage());
        assertEquals("connection to 127.0.0.1:9 failed: no detail from the HTTP client",
                Failures.classify(new IllegalStateException(), target()).getMessage());
    }

    @Test
    void aHostileHeadIsAnIoFailureNotWorthRetrying() throws FetchFailure {
        FetchFailure failure = Failures.classify(new ResponseHeadLimits.HeadTooLarge(), target());
        assertEquals(FetchError.FETCH_ERROR_IO, failure.error());
        assertFalse(failure.isTransient(), "the origin would send the same head again");
    }
}
