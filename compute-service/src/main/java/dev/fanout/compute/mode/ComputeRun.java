package dev.fanout.compute.mode;

import dev.fanout.v1.ComputePart;
import io.smallrye.mutiny.Multi;

/**
 * A strategy's answer to a plan: how many parts it cut the range into (each progress event reports
 * it before the last part is in) and the parts' results as they finish. Nothing runs until
 * {@code parts} is subscribed.
 */
public record ComputeRun(int partsTotal, Multi<ComputePart> parts) {
}
