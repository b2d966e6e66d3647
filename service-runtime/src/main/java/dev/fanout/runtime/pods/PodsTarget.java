package dev.fanout.runtime.pods;

import dev.fanout.v1.support.HostPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the workers are: {@code dns:///name:port} (a headless Service: one address per ready pod)
 * or {@code host:port,host:port} for local runs. {@link #resolve()} asks the JVM's resolver each
 * time, so a pod that became ready (or went away) shows up at the next resolution, once the JVM's
 * DNS cache ({@code networkaddress.cache.ttl}) and the cluster's TTL let it.
 */
public record PodsTarget(String spec, List<Entry> entries) {

    private static final String DNS = "dns:///";

    /** One name and port of the target; the name is the TLS authority of the channels to its addresses. */
    public record Entry(String host, int port) {

        String authority() {
            return HostPorts.authority(host, port);
        }
    }

    public PodsTarget {
        entries = List.copyOf(entries);
    }

    /** Parses a target; a bad one is an IllegalArgumentException naming what is wrong. */
    public static PodsTarget parse(String spec) {
        String trimmed = spec.strip();
        String list = trimmed.startsWith(DNS) ? trimmed.substring(DNS.length()) : trimmed;
        if (list.contains("/")) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is not dns:///name:port nor host:port,host:port");
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : list.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("worker \"" + entry + "\" needs the form host:port");
            }
            try {
                int port = Integer.parseInt(entry.substring(colon + 1));
                entries.add(new Entry(entry.substring(0, colon).replace("[", "").replace("]", ""), port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("worker \"" + entry + "\" has no numeric port");
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no worker in \"" + trimmed + "\": give dns:///name:port or host:port,host:port");
        }
        return new PodsTarget(trimmed, entries);
    }

    /**
     * Every address the entries resolve to now, with the entry it came from. A name that does not
     * resolve contributes nothing; {@code failures} collects it.
     */
    Map<InetSocketAddress, Entry> resolve(List<String> failures) {
        Map<InetSocketAddress, Entry> addresses = new LinkedHashMap<>();
        for (Entry entry : entries) {
            try {
                for (InetAddress address : InetAddress.getAllByName(entry.host())) {
                    addresses.putIfAbsent(new InetSocketAddress(address, entry.port()), entry);
                }
            } catch (UnknownHostException e) {
                failures.add(entry.host());
            }
        }
        return addresses;
    }

    @Override
    public String toString() {
        return spec;
    }
}
