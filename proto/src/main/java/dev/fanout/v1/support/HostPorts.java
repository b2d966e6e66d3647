package dev.fanout.v1.support;

/** Hosts and ports as URLs and gRPC targets write them: an IPv6 literal in brackets ([::1]:8081). */
public final class HostPorts {

    private HostPorts() {
    }

    /** {@code host} as an authority writes it: an IPv6 literal (it has colons) in brackets, anything else as it is. */
    public static String host(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** host:port, with an IPv6 literal in brackets. */
    public static String authority(String host, int port) {
        return host(host) + ":" + port;
    }
}
