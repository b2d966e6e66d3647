package dev.fanout.runtime.pods;

import java.util.List;

/**
 * Speculation: a try that runs longer than {@code speculation-after} and {@value PodsSettings#STRAGGLER_FACTOR}
 * times the median of its call's finished parts is overdue. Its worker is benched, and its part is
 * queued first for a copy on another worker (once per part, within max-attempts).
 */
final class Stragglers {

    private Stragglers() {
    }

    /** Marks the call's overdue tries at {@code now}; called with the fan-out's lock held. */
    static <R> void mark(FanoutCall<R> call, long now, PodsSettings settings) {
        if (call.durations.isEmpty()) {
            return; // nothing to compare with yet; keepalive still finds a dead connection
        }
        List<Long> sorted = call.durations.stream().sorted().toList();
        long overdue = Math.max(settings.speculationAfter().toNanos(),
                PodsSettings.STRAGGLER_FACTOR * sorted.get(sorted.size() / 2));
        for (PartRun<R> part : call.parts) {
            for (Running<R> running : part.running) {
                if (!running.overdue && now - running.started > overdue) {
                    running.overdue = true;
                    running.worker.bench(now);
                    if (!part.speculated && part.attempts < settings.maxAttempts()) {
                        part.speculated = true;
                        call.waiting.addFirst(part);
                    }
                }
            }
        }
    }
}
