package dev.fanout.cli.options;

import picocli.CommandLine.Option;

/** --fetcher HOST:PORT, defaulting to FANOUT_FETCHER, then the local demo's address. */
public final class FetcherAddress {
    @Option(names = "--fetcher", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            defaultValue = "${env:FANOUT_FETCHER:-127.0.0.1:8082}",
            description = "Fetcher service address (env FANOUT_FETCHER; default ${DEFAULT-VALUE}).")
    HostPort address;

    public HostPort get() {
        return address;
    }
}
