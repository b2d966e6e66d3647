package dev.fanout.compute;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

/** Turns a request into a valid call, or a status a person can act on. */
@Singleton
public class ComputeRequests {

    static final int MAX_PARTS = 4096;

    private final WorkerChannel workers;

    public ComputeRequests(WorkerChannel workers) {
        this.workers = workers;
    }

    /** A request that passed validation, with its mode resolved. */
    public record ComputeCall(Range range, ComputeMode mode, int parts) {
    }

    public ComputeCall validate(SumOfSquaresRequest request) {
        if (request.getStart() > request.getEnd()) {
            throw invalid("start (" + request.getStart() + ") must not be greater than end (" + request.getEnd()
                    + "): the range is [start, end), as in Python's range(start, end)");
        }
        if (request.getParts() < 0 || request.getParts() > MAX_PARTS) {
            throw invalid("parts must be between 0 (the service chooses) and " + MAX_PARTS + ", was "
                    + request.getParts());
        }
        ComputeMode mode = switch (request.getMode()) {
            case COMPUTE_MODE_UNSPECIFIED -> workers.configured() ? ComputeMode.COMPUTE_MODE_PODS
                    : ComputeMode.COMPUTE_MODE_CORES;
            case COMPUTE_MODE_SINGLE, COMPUTE_MODE_CORES, COMPUTE_MODE_PODS -> request.getMode();
            case UNRECOGNIZED -> throw invalid("unknown mode number " + request.getModeValue()
                    + "; use COMPUTE_MODE_SINGLE, COMPUTE_MODE_CORES or COMPUTE_MODE_PODS");
        };
        if (mode == ComputeMode.COMPUTE_MODE_PODS && !workers.configured()) {
            throw Status.FAILED_PRECONDITION.withDescription("COMPUTE_MODE_PODS needs workers, and this service has"
                    + " none: set " + WorkerChannel.PROPERTY + " (e.g. dns:///compute-workers:8081, or"
                    + " host:port,host:port for local runs)").asRuntimeException();
        }
        return new ComputeCall(new Range(request.getStart(), request.getEnd()), mode, request.getParts());
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
