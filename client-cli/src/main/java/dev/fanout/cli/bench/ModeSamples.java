package dev.fanout.cli.bench;

/**
 * What the repetitions of one mode measured, or why the mode was skipped.
 *
 * @param serviceMs      the service's own elapsed time per repetition
 * @param clientMs       the time the client saw per repetition, request to last response
 * @param parallelism    threads or workers (compute) or downloads in flight (fetch) the service reported
 * @param failedUrls     URLs that failed over all repetitions (fetch only)
 * @param urlMs          every per-URL download time the service reported over all repetitions (fetch only, else empty)
 * @param skipped        why the mode did not run; null when it did
 */
public record ModeSamples(String mode, double[] serviceMs, double[] clientMs, int parallelism, int failedUrls,
        double[] urlMs, String skipped) {

    public static ModeSamples skipped(String mode, String why) {
        return new ModeSamples(mode, new double[0], new double[0], 0, 0, new double[0], why);
    }

    public boolean ran() {
        return skipped == null;
    }
}
