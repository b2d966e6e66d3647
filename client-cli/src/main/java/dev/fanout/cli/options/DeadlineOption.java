package dev.fanout.cli.options;

import java.time.Duration;

import picocli.CommandLine.Option;

/** --deadline: how long one call may take before the client cancels it (exit code 4). */
public final class DeadlineOption {
    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "Deadline per call; the service stops the work when it passes (default ${DEFAULT-VALUE}).")
    Duration deadline;

    public Duration get() {
        return deadline;
    }
}
