package dev.fanout.fetcher.mode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The peer fetchers of PODS mode, from {@code fanout.fetcher.peers}: a {@code dns:///name:port}
 * target (a headless Service: one address per pod) or a comma-separated {@code host:port} list.
 * The channel to them comes from the shared PeerChannels; this says how many shards to cut.
 */
public record PeerTarget(String spec) {

    private static final String DNS = "dns:///";

    public PeerTarget {
        spec = spec.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("fanout.fetcher.peers is empty: give dns:///name:port or host:port,host:port");
        }
    }

    /** How many peers there are now: one shard each. A DNS name is resolved again on every call. */
    public int count() {
        if (!spec.startsWith(DNS)) {
            return (int) Arrays.stream(spec.split(",")).filter(part -> !part.isBlank()).count();
        }
        String hostPort = spec.substring(DNS.length());
        int colon = hostPort.lastIndexOf(':');
        try {
            return InetAddress.getAllByName(colon < 0 ? hostPort : hostPort.substring(0, colon)).length;
        } catch (UnknownHostException e) {
            return 1; // one shard: the channel reports the failure on the call itself
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
