package dev.fanout.compute.request;

import dev.fanout.compute.ComputeConfig;
import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** Turns a request into a plan, or a status a person can act on. */
@Singleton
public class ComputeRequestValidator {

    public static final int MAX_PARTS = 4096;

    private final boolean podsAvailable;

    @Inject
    public ComputeRequestValidator(ComputeConfig config) {
        this(config.workers().isPresent());
    }

    public ComputeRequestValidator(boolean podsAvailable) {
        this.podsAvailable = podsAvailable;
    }

    public ComputePlan validate(SumOfSquaresRequest request, Optional<Instant> deadline) {
        if (request.getStart() > request.getEnd()) {
            throw invalid("start (" + request.getStart() + ") must not be greater than end (" + request.getEnd()
                    + "): the range is [start, end), as in Python's range(start, end)");
        }
        if (request.getParts() < 0 || request.getParts() > MAX_PARTS) {
            throw invalid("parts must be between 0 (the service chooses) and " + MAX_PARTS + ", was "
                    + request.getParts());
        }
        ComputeMode mode = switch (request.getMode()) {
            case COMPUTE_MODE_UNSPECIFIED -> podsAvailable ? ComputeMode.COMPUTE_MODE_PODS : ComputeMode.COMPUTE_MODE_CORES;
            case COMPUTE_MODE_SINGLE, COMPUTE_MODE_CORES, COMPUTE_MODE_PODS -> request.getMode();
            case UNRECOGNIZED -> throw invalid("unknown mode number " + request.getModeValue()
                    + "; use COMPUTE_MODE_SINGLE, COMPUTE_MODE_CORES or COMPUTE_MODE_PODS");
        };
        if (mode == ComputeMode.COMPUTE_MODE_PODS && !podsAvailable) {
            throw Status.FAILED_PRECONDITION.withDescription("COMPUTE_MODE_PODS needs workers, and this service has"
                    + " none: set fanout.compute.workers (e.g. dns:///compute-workers:8081, or"
                    + " host:port,host:port for local runs)").asRuntimeException();
        }
        return new ComputePlan(mode, new Range(request.getStart(), request.getEnd()), request.getParts(), deadline);
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
