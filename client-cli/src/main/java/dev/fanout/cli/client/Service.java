package dev.fanout.cli.client;

import java.util.Arrays;
import java.util.Optional;

import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.FetcherGrpc;

/** The two Fanout services, with the names errors use to tell the user what to fix. */
public enum Service {
    COMPUTE("compute service", "compute-service", ComputeGrpc.SERVICE_NAME, "--compute", "FANOUT_COMPUTE"),
    FETCHER("fetcher service", "fetcher-service", FetcherGrpc.SERVICE_NAME, "--fetcher", "FANOUT_FETCHER");

    private final String label;
    private final String app;
    private final String grpcName;
    private final String option;
    private final String env;

    Service(String label, String app, String grpcName, String option, String env) {
        this.label = label;
        this.app = app;
        this.grpcName = grpcName;
        this.option = option;
        this.env = env;
    }

    /** The service an address option points at (--compute, --fetcher). */
    public static Optional<Service> byOption(String option) {
        return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst();
    }

    /** The environment variable that gives its address when the option is not used. */
    public String env() {
        return env;
    }

    /** The application that serves it, as the repository and deployments name it. */
    public String app() {
        return app;
    }

    /** The gRPC service name, as server reflection lists it. */
    public String grpcName() {
        return grpcName;
    }

    /** The fix for an address that does not serve this service. */
    public String pointAtIt() {
        return "use " + option + " HOST:PORT of " + app + " (or " + env + ")";
    }

    public String label() {
        return label;
    }

    /** How the user points the client at this service. */
    public String howToSet() {
        return option + " HOST:PORT or " + env;
    }
}
