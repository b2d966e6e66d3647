package dev.fanout.runtime.admission;

import java.time.Duration;

/**
 * One in-flight budget's limits, and the words its refusals are written in.
 *
 * @param name the budget's name: its metrics tag, and the last key of its capacity setting ("downloads")
 * @param what what a unit is, as a person reads it ("downloads at once in this fetcher")
 * @param advice what a caller can ask for instead ("ask for a lower concurrency")
 * @param capacity units in use at once, over every call of the process
 * @param maxWaiting calls that may wait for room at once; one more is refused at once
 * @param maxWait longest a call waits for room (never past its deadline)
 * @param prefix where the settings live ("fanout.fetcher.admission")
 */
public record BudgetSettings(String name, String what, String advice, int capacity, int maxWaiting, Duration maxWait,
        String prefix) {

    public BudgetSettings {
        if (capacity < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException(prefix + "." + name + " must be at least 1, " + prefix
                    + ".max-waiting and .max-wait at least 0; they are " + capacity + ", " + maxWaiting + ", " + maxWait);
        }
    }

    /** The setting that sizes the budget, e.g. fanout.fetcher.admission.downloads. */
    public String capacitySetting() {
        return prefix + "." + name;
    }

    public String maxWaitingSetting() {
        return prefix + ".max-waiting";
    }

    public String maxWaitSetting() {
        return prefix + ".max-wait";
    }
}
