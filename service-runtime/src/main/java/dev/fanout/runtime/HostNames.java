package dev.fanout.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name a service reports itself by (served_by, fetched_by). */
public final class HostNames {

    private static final String THIS_HOST = resolve();

    private HostNames() {
    }

    /** The pod name on Kubernetes (its $HOSTNAME), else the machine's name. */
    public static String thisHost() {
        return THIS_HOST;
    }

    private static String resolve() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
