package dev.fanout.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.support.Labels;
import dev.fanout.v1.support.ProtoDurations;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A result's row keeps the table's columns: the layout of its header, as String.format gave it. */
class FetchOutputTest {

    @Test
    void rowsLineUpUnderTheHeader() {
        FetchResult ok = FetchResult.newBuilder().setIndex(7).setStatus(200).setBytes(1_048_576).setUrl("http://127.0.0.1/a")
                .setTimeToFirstByte(ProtoDurations.of(Duration.ofNanos(1_234_567))).setElapsed(ProtoDurations.of(Duration.ofMillis(12_345)))
                .build();
        FetchResult failed = FetchResult.newBuilder().setIndex(123_456).setUrl("http://127.0.0.1/b").setError(FetchError.FETCH_ERROR_TIMEOUT)
                .setErrorMessage("no answer within 10s").setElapsed(ProtoDurations.of(Duration.ofSeconds(10))).build();

        assertEquals(String.format(Locale.ROOT, "%5s  %6s  %10s  %9s  %9s  %s", 7, 200, "1,048,576", "1.23", "12,345", "http://127.0.0.1/a"),
                FetchOutput.row(ok));
        assertEquals(String.format(Locale.ROOT, "%5s  %6s  %10s  %9s  %9s  %s", 123456, "-", "0", "0.00", "10,000",
                "http://127.0.0.1/b  (" + Labels.of(FetchError.FETCH_ERROR_TIMEOUT) + ": no answer within 10s)"), FetchOutput.row(failed));
    }
}
