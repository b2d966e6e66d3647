package dev.fanout.cli.options;

import java.util.Optional;

import dev.fanout.cli.client.TraceParent;
import io.grpc.ClientInterceptor;
import picocli.CommandLine.Option;

/** --trace: the call starts a trace, whose id is printed on stderr (and in --json) to find it in a tracing backend. */
public final class TraceOption {
    @Option(names = "--trace",
            description = "Start a trace: send a W3C traceparent and print its trace id on stderr (and in --json), "
                    + "to find the call in the tracing backend of services deployed with tracing on.")
    boolean enabled;

    private TraceParent trace;

    /** What the call's channel sends: the trace, started now (and its id printed) the first time; nothing without --trace. */
    public ClientInterceptor[] interceptors() {
        return trace().map(started -> new ClientInterceptor[] { started }).orElseGet(() -> new ClientInterceptor[0]);
    }

    /** The trace id, for --json; empty without --trace. */
    public Optional<String> id() {
        return trace().map(TraceParent::traceId);
    }

    private Optional<TraceParent> trace() {
        if (enabled && trace == null) {
            trace = TraceParent.random();
            System.err.println("trace id " + trace.traceId());
        }
        return Optional.ofNullable(trace);
    }
}
