package dev.fanout.runtime.pods;

import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Why a part gave up, for the message a person reads: how many tries, the workers they failed on, and
 * the last failure in words, decided on its status code and its cause's type, never on message text.
 *
 * @param attempts the part's tries, speculative copies included
 * @param workers the workers whose tries failed, in order (ip:port); none if no worker was found
 * @param last the last try's failure
 */
public record PartFailure(int attempts, List<String> workers, Status last) {

    public PartFailure {
        workers = List.copyOf(workers);
    }

    /**
     * "3 tries on workers 10.0.0.1:8081, 10.0.0.2:8081 failed; the last: worker unreachable (connection
     * refused)", with {@code noun} ("worker", "peer") for what ran them.
     */
    public String describe(String noun) {
        String tries = attempts + (attempts == 1 ? " try" : " tries");
        if (workers.isEmpty()) {
            return tries + " found no " + noun + " to run on";
        }
        return tries + " on " + noun + (workers.size() == 1 ? " " : "s ") + String.join(", ", workers)
                + " failed; the last: " + inWords(last, noun);
    }

    /** A worker's failure as a person says it. */
    static String inWords(Status status, String noun) {
        return switch (status.getCode()) {
            case UNAVAILABLE -> noun + " unreachable" + connection(status.getCause());
            case CANCELLED -> "the " + noun + " cancelled it";
            case RESOURCE_EXHAUSTED -> "the " + noun + " was overloaded";
            case ABORTED -> "the " + noun + " aborted it";
            case DEADLINE_EXCEEDED -> "the deadline passed";
            case UNIMPLEMENTED -> "the " + noun + " does not serve this call (another version?)";
            case UNAUTHENTICATED, PERMISSION_DENIED -> "the " + noun + " refused this service's credentials";
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> "the " + noun + " refused it"
                    // Our own services' refusals are written for a person.
                    + (status.getDescription() == null ? "" : ": " + status.getDescription());
            default -> "the " + noun + " failed with an internal error";
        };
    }

    private static String connection(Throwable cause) {
        return switch (cause) {
            case ConnectException refused -> " (connection refused)";
            case UnknownHostException unknown -> " (its name does not resolve)";
            case IOException lost -> " (connection lost)";
            case null, default -> "";
        };
    }
}
