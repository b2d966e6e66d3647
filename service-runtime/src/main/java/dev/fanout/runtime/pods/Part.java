package dev.fanout.runtime.pods;

import io.smallrye.mutiny.Multi;
import java.util.List;

/**
 * One piece of a call's work that any worker can do. The fan-out may run a part more than once: on
 * another worker after a failure, or as a speculative copy beside a straggler; the first report of
 * each result wins.
 *
 * @param <R> what the part reports (a computed part, one URL's result)
 */
public interface Part<R> {

    /**
     * Runs the part, or what of it is still unreported, on the attempt's worker. Completing means
     * every result of the part has been reported (by this attempt or an earlier one); cancelling the
     * subscription cancels the worker call.
     */
    Multi<R> attempt(Attempt attempt);

    /** True the first time a result is reported; an attempt's repeat of a result another reported is dropped. Thread-safe. */
    boolean firstReport(R result);

    /**
     * The part cannot be done ({@code why} says so in words). Returns results that stand for what is
     * still unreported, or throws to fail the whole call.
     */
    List<R> giveUp(PartFailure why);

    /** What the part is, for a person: "[0, 1000000)", "URLs 20-39 (20)"; in messages, logs and traces. */
    String describe();
}
