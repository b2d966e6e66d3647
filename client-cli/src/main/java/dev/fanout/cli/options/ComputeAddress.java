package dev.fanout.cli.options;

import picocli.CommandLine.Option;

/** --compute HOST:PORT, defaulting to FANOUT_COMPUTE, then the local demo's address. */
public final class ComputeAddress {
    @Option(names = "--compute", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            defaultValue = "${env:FANOUT_COMPUTE:-127.0.0.1:8081}",
            description = "Compute service address (env FANOUT_COMPUTE; default ${DEFAULT-VALUE}).")
    HostPort address;

    public HostPort get() {
        return address;
    }
}
