package dev.fanout.cli.bench;

import org.HdrHistogram.Histogram;

import dev.fanout.cli.client.ComputeClient;
import dev.fanout.cli.client.ComputeOutcome;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;

/** Measures what one call costs beyond the service's work, over a range so small the work is nil. */
final class ClientOverhead {
    // Enough for both JITs (client and service) to compile the call path: 20 left p50 4x too high.
    private static final int WARMUP_CALLS = 1_000;
    private static final SumOfSquaresRequest TINY = SumOfSquaresRequest.newBuilder()
            .setStart(0).setEnd(1_000).setMode(ComputeMode.COMPUTE_MODE_SINGLE).build();

    private ClientOverhead() {
    }

    static Overhead measure(ComputeClient client, int calls) {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            client.call(TINY);
        }
        // Microseconds, up to an hour, 3 significant digits.
        Histogram overhead = new Histogram(3_600_000_000L, 3);
        Histogram roundTrip = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < calls; i++) {
            ComputeOutcome outcome = client.call(TINY);
            roundTrip.recordValue(Math.round(outcome.clientMs() * 1_000));
            overhead.recordValue(Math.max(0, Math.round((outcome.clientMs() - outcome.serviceMs()) * 1_000)));
        }
        return new Overhead(calls, overhead.getValueAtPercentile(50), overhead.getValueAtPercentile(99),
                roundTrip.getValueAtPercentile(50), roundTrip.getValueAtPercentile(99));
    }
}
